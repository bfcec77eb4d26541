"""Packaging: light import, Keras 2 refused, environment.yml in step with pyproject.toml."""

import pathlib
import re
import subprocess
import sys

import pytest
import yaml

import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def run_python(code, **environment):
    import os

    env = {**os.environ, **environment}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)


HEAVY = ("tensorflow", "keras", "sklearn", "pydot", "IPython", "nbformat", "nbclient")
LOADED = f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"


def test_import_loads_nothing_heavy_until_used():
    result = run_python(f"import sys, keras_functional_guide as kfg\n{LOADED}\nkfg.build_dag\n{LOADED}")
    assert result.returncode == 0, result.stderr
    at_import, after_builder = result.stdout.splitlines()
    assert at_import == "[]"
    # Keras itself loads scikit-learn, pydot and IPython when they are installed;
    # a builder loads nothing beyond what `from tensorflow.keras import layers` does.
    keras_alone = run_python(f"import sys\nfrom tensorflow.keras import layers\n{LOADED}")
    assert after_builder == keras_alone.stdout.strip()


def test_public_names_are_importable():
    import keras_functional_guide as kfg

    for name in kfg.__all__:
        assert getattr(kfg, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'build_everything'"):
        kfg.build_everything  # noqa: B018


def fake_distributions(folder, **versions):
    """A folder that, first on PYTHONPATH, makes package metadata report these versions
    (``keras="3.14.0"``); the real packages stay installed and are never imported."""
    for name, version in versions.items():
        info = folder / f"{name}-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    return folder


def import_with(tmp_path, environment=None, **versions):
    folder = fake_distributions(tmp_path / "_".join(f"{k}{v}" for k, v in versions.items()), **versions)
    return run_python("import keras_functional_guide", PYTHONPATH=str(folder), **(environment or {}))


def floor(name):
    """The lower bound pyproject.toml declares for ``name`` (its one home)."""
    from packaging.requirements import Requirement

    (requirement,) = [Requirement(text) for text in PYPROJECT["project"]["dependencies"]
                      if Requirement(text).name == name and Requirement(text).marker is None]
    (spec,) = [spec for spec in requirement.specifier if spec.operator == ">="]
    return spec.version


def just_below(version):
    """The release before ``version`` in the same series: 3.14.1 -> 3.14.0, 2.16 -> 2.15.9."""
    parts = [int(part) for part in version.split(".")] + [0] * (3 - len(version.split(".")))
    if parts[2] > 0:
        return f"{parts[0]}.{parts[1]}.{parts[2] - 1}"
    return f"{parts[0]}.{parts[1] - 1}.9"


def test_legacy_keras_flag_is_refused_at_import():
    result = run_python("import keras_functional_guide", TF_USE_LEGACY_KERAS="1")
    assert result.returncode != 0
    assert f"ImportError: keras_functional_guide needs Keras 3: tensorflow>={floor('tensorflow')} and keras>={floor('keras')}" in result.stderr
    assert "TF_USE_LEGACY_KERAS=1" in result.stderr


@pytest.mark.parametrize("name", ["tensorflow", "keras"])
def test_the_import_time_floor_is_the_one_pyproject_declares(tmp_path, name):
    # keras 3.14.0 gives list outputs the wrong labels for dict metrics (tests/test_lower_bounds.py).
    other = {"tensorflow": "2.21.0", "keras": "3.15.1"}
    below = import_with(tmp_path, **{**other, name: just_below(floor(name))})
    assert below.returncode != 0
    assert f"found {name} {just_below(floor(name))}" in below.stderr.splitlines()[-1], below.stderr
    at = import_with(tmp_path, **{**other, name: floor(name)})
    assert at.returncode == 0, at.stderr


def test_tensorflow_2_is_named_for_what_it_is(tmp_path):
    result = import_with(tmp_path, tensorflow="2.15.1", keras="2.15.0")
    assert "found tensorflow 2.15.1, whose tf.keras is Keras 2." in result.stderr


def test_prereleases_of_newer_versions_are_accepted(tmp_path):
    assert import_with(tmp_path, tensorflow="2.22.0rc1", keras="3.20.0.dev2026").returncode == 0


def test_environment_yml_stays_in_step_with_pyproject():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert environment["channels"] == ["conda-forge"]
    conda = [item for item in environment["dependencies"] if isinstance(item, str)]
    pip_sections = [item["pip"] for item in environment["dependencies"] if isinstance(item, dict)]
    conda_names = {re.split(r"[=<>! ]", item)[0] for item in conda}
    assert {"python", "pip", "graphviz"} <= conda_names

    # The Python version is one the package supports.
    python = next(item for item in conda if item.startswith("python"))
    major, minor = map(int, re.search(r"(\d+)\.(\d+)", python).groups())
    low, high = map(int, re.findall(r"3\.(\d+)", PYPROJECT["project"]["requires-python"]))
    assert major == 3 and low <= minor < high

    # Python packages are declared once: pip installs this package with extras that exist.
    assert len(pip_sections) == 1 and len(pip_sections[0]) == 2
    # ...through the same pins as the README's test command.
    assert pip_sections[0][0] == "-c requirements/test.txt"
    match = re.fullmatch(r"-e \.\[([\w,-]+)\]", pip_sections[0][1])
    assert match, pip_sections
    extras = set(match.group(1).split(","))
    assert extras == set(PYPROJECT["project"]["optional-dependencies"])
    declared = {
        re.split(r"[=<>!~; \[]", requirement)[0].lower()
        for requirement in PYPROJECT["project"]["dependencies"]
        + sum(PYPROJECT["project"]["optional-dependencies"].values(), [])
    }
    assert not declared & conda_names, "declared in pyproject.toml and again in environment.yml"


def test_runtime_dependencies_ask_for_keras_3():
    dependencies = " ".join(PYPROJECT["project"]["dependencies"])
    assert "tensorflow>=2.16" in dependencies and "keras>=3.14" in dependencies


def _readme_command(marker):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker} -->", 1)[1]
    return block.split("```bash\n", 1)[1].split("\n```", 1)[0].strip()


def test_readme_test_command_installs_through_the_lock_and_ci_runs_it():
    command = _readme_command("test-command")
    assert "-c requirements/test.txt" in command and command.endswith("python -m pytest")
    assert (ROOT / "requirements" / "test.txt").is_file()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c requirements/test.txt" in ci and "test-command" in ci
    assert "fonts-noto-cjk" not in ci  # The pictures draw Chinese in the package's own font.


def test_lock_covers_every_extra():
    # The environment.yml route installs extras beyond `test`: the lock must pin them too.
    sys.path.insert(0, str(ROOT / "tools"))
    from drift import _requirement_pins  # A maintainers' script (tools/drift.py), not in the package.

    pins = _requirement_pins(ROOT / "requirements" / "test.txt")
    for extra, requirements in PYPROJECT["project"]["optional-dependencies"].items():
        for requirement in requirements:
            name = re.split(r"[=<>!~; \[]", requirement)[0].lower().replace("_", "-")
            if name == PYPROJECT["project"]["name"]:
                continue  # An extra that includes another extra.
            assert name in pins, f"{name} (extra {extra}) is not pinned"


def test_the_wheel_holds_the_package_only(wheel):
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/", 1)[0] for name in names}
    assert top == {"keras_functional_guide", next(n for n in top if n.endswith(".dist-info"))}, top
    assert "keras_functional_guide/cli.py" in names
    assert not any("notebook_tools" in name or "lessons.py" in name for name in names), names
    # The pictures' Chinese font travels in the package, with its licence beside it and in the metadata.
    assert {"keras_functional_guide/fonts/KFGSansSC-Regular.ttf", "keras_functional_guide/fonts/OFL.txt"} <= set(names)
    metadata = zipfile.ZipFile(wheel).read(next(name for name in names if name.endswith(".dist-info/METADATA")))
    assert b"License-Expression: MIT AND OFL-1.1" in metadata
    assert any(name.endswith(".dist-info/licenses/src/keras_functional_guide/fonts/OFL.txt") for name in names)
    assert not any(name.endswith(("conf.py", ".po", ".css", "drift.py", "make_font.py")) for name in names), names

"""Shared fixtures. The environment is set before anything imports TensorFlow."""

import os

# TensorFlow's log lines after start-up, as the package sets it in a notebook.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_keras_state():
    """Resets Keras's name counters and seeds, so each test starts alike.

    Without ``free_memory=False``, ``clear_session`` runs a full garbage collection
    over TensorFlow's millions of objects before every test: 0.3-0.7 s each, more
    than half the CPU time of the whole unit test run. Python's own collector still
    frees what the tests leave behind.
    """
    from tensorflow import keras

    keras.backend.clear_session(free_memory=False)
    keras.utils.set_random_seed(0)
    yield


@pytest.fixture
def rejected(capsys):
    """Grades a wrong answer: asserts ``check`` returns False and prints a ✗ line
    for that exercise, and returns what it printed for the test's own checks."""
    from keras_functional_guide.exercises import check

    def grade(exercise_id, answer):
        assert not check(exercise_id, answer)
        line = capsys.readouterr().out
        assert line.startswith(f"✗ {exercise_id} "), line
        return line

    return grade


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    """The package's wheel, built once per test process from a copy of what setuptools reads
    (with docs/ and tools/ beside src/, as in the repository: neither may ship)."""
    import pathlib
    import shutil
    import subprocess
    import sys

    root = pathlib.Path(__file__).resolve().parents[1]
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(root / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.mo", "_build")
    for name in ("src", "docs", "tools"):
        shutil.copytree(root / name, source / name, symlinks=True, ignore=ignore)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(folder / "dist"),
         str(source)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (built,) = (folder / "dist").glob("*.whl")
    return built

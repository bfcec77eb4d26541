"""The console script, run for real: output, exit codes and errors of every subcommand."""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from keras_functional_guide.examples import EXAMPLE_NAMES

SCRIPT = str(pathlib.Path(sys.executable).parent / "keras-functional-guide")
# What TensorFlow 2.21 prints on a CPU-only machine when nothing silences it.
NOISE = re.compile(r"absl::InitializeLog|cudart_stub|Could not find cuda drivers|oneDNN custom operations"
                   r"|cpu_feature_guard|failed call to cuInit|TF_ENABLE_ONEDNN_OPTS")


def clean_environment():
    """A user's shell: no TensorFlow variable set by hand (the test session sets some)."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER")
    return {name: os.environ[name] for name in keep if name in os.environ}


NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"


def display_width(text):
    """Columns ``text`` takes in a terminal: East Asian wide characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


def run(*arguments, env=None, cwd=None, clean=False, timeout=300):
    """Runs the command in this process's environment, or with ``clean=True`` in a user's
    shell (:func:`clean_environment`), plus ``env``."""
    return subprocess.run(
        [SCRIPT, *arguments], capture_output=True, text=True, timeout=timeout,
        env={**(clean_environment() if clean else os.environ), **(env or {})}, cwd=cwd,
    )


@pytest.mark.parametrize("command", [[], ["list"], ["show"], ["train"], ["tour"]])
def test_help_on_every_subcommand(command):
    result = run(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: keras-functional-guide")


def test_version_also_through_python_dash_m():
    result = subprocess.run([sys.executable, "-m", "keras_functional_guide", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == "keras-functional-guide 0.1.0"


def test_list_shows_every_example_in_tutorial_order():
    # In a user's shell (no TensorFlow variable set): no TensorFlow log line either.
    result = run("list", clean=True)
    assert result.returncode == 0, result.stderr
    assert not NOISE.search(result.stderr + result.stdout), result.stderr
    rows = result.stdout.splitlines()[2:]
    assert [row.split()[0] for row in rows] == list(EXAMPLE_NAMES)
    dag = next(row for row in rows if row.startswith("dag "))
    # Worked out by hand in test_builders.py: stem, branches, projection, classifier.
    assert re.search(r"§1\.1\s+image\s+digit\s+14,058$", dag), dag
    # Columns line up in a terminal, where a Chinese character takes two columns ("延伸"),
    # and the numbers are right-aligned.
    assert len({display_width(row) for row in rows}) == 1, rows
    transfer = next(row for row in rows if row.startswith("transfer"))
    assert display_width(transfer[:transfer.index("image")]) == display_width(dag[:dag.index("image")])
    shared = next(row for row in rows if row.startswith("shared_layers"))
    assert "image_a, image_b" in shared and "same_digit" in shared


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["show", "dga"], "Did you mean 'dag'?"),
        (["train", "multi"], "name must be one of sequential_equivalent, sequential_counterpart"),
        (["train", "dag", "--epochs", "0"], "must be an integer >= 1, got '0'"),
        (["tour", "--devices", "two"], "must be an integer >= 1, got 'two'"),
        (["train", "dag", "--seed", "-1"], "must be an integer >= 0, got '-1'"),
        (["show", "dag", "--plot", "dag.pdf"], "--plot must end in .png or .svg"),
        (["notebooks", "--execute"], "invalid choice: 'notebooks'"),  # A maintainer's command: tools/lessons.py.
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2_with_a_message(arguments, message):
    result = run(*arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_show_prints_the_summary_and_draws_png_and_svg(tmp_path):
    if shutil.which("dot") is None and not os.environ.get("KFG_REQUIRE_GRAPHVIZ"):
        pytest.skip("Graphviz's dot is not installed")
    result = run("show", "dag", "--plot", "dag.svg", cwd=tmp_path, clean=True)
    assert result.returncode == 0, result.stderr
    assert not NOISE.search(result.stderr + result.stdout), result.stderr
    assert 'Model: "dag"' in result.stdout and "Total params: 14,058" in result.stdout
    assert "residual" in (tmp_path / "dag.svg").read_text(encoding="utf-8")
    result = run("show", "nested", "--plot", str(tmp_path / "nested.png"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "nested.png").read_bytes().startswith(b"\x89PNG")


def test_show_without_graphviz_says_how_to_install_it(tmp_path):
    result = run("show", "dag", "--plot", "dag.png", env={"PATH": "/nonexistent"}, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("plot needs pydot and Graphviz's `dot` program")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "dag.png").exists()

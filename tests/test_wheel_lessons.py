"""A lesson runs from the installed package alone, as in Colab, a JupyterHub or a fresh folder.

The wheel is installed (not editable) into a new virtual environment outside the repository,
with the versions the stored outputs were made with; one lesson of each part is copied into an
empty folder and executed top to bottom in a plain Jupyter kernel of that environment. Nothing
may fail outside the cells tagged ``raises-exception``, and no output may name the repository.
"""

import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
# One lesson of each part: the tutorial, its extensions, the newest. (No lesson reads a file of
# the repository beside it: test_no_lesson_reads_a_file_beside_it.)
LESSONS = ["01_functional_api_overview.ipynb", "11_distributed.ipynb", "21_training_controls.ipynb"]

EXECUTE = r"""
import json, pathlib, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

path = pathlib.Path(sys.argv[1])
notebook = nbformat.read(path, as_version=4)
# Like nbclient in JupyterLab: a cell tagged raises-exception may raise, any other stops the run.
client = NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
try:
    client.execute()
    failed = None
except CellExecutionError as error:
    failed = str(error)[:3000]
texts = []
for cell in notebook.cells:
    for output in cell.get("outputs", []):
        texts.append(output.get("text", ""))
        texts.extend(str(value) for value in output.get("data", {}).values())
        texts.append(output.get("evalue", ""))
        texts.extend(output.get("traceback", []))
print(json.dumps({"failed": failed, "outputs": "\n".join(texts)}))
"""


@pytest.fixture(scope="module")
def environment(wheel, tmp_path_factory):
    """A fresh virtual environment with the wheel and a Jupyter kernel, outside the repository."""
    folder = tmp_path_factory.mktemp("learner")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    result = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-c",
         str(ROOT / "requirements" / "test.txt"), str(wheel), "ipykernel", "nbclient", "nbformat"],
        capture_output=True, text=True, timeout=1200, cwd=folder)
    assert result.returncode == 0, result.stderr[-3000:]
    return python


def test_the_environment_has_the_package_from_the_wheel_only(environment):
    where = subprocess.run([str(environment), "-c", "import keras_functional_guide as k; print(k.__file__)"],
                           capture_output=True, text=True, timeout=120, cwd=environment.parent)
    assert where.returncode == 0, where.stderr
    assert str(ROOT) not in where.stdout and "site-packages" in where.stdout


@pytest.mark.parametrize("lesson", LESSONS)
def test_a_lesson_runs_from_the_installed_package(environment, lesson, tmp_path):
    copy = tmp_path / lesson
    copy.write_bytes((ROOT / "notebooks" / lesson).read_bytes())
    environ = {key: value for key, value in os.environ.items()
               if not key.startswith(("TF_", "PYTEST_", "KFG_")) and key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environ["PATH"] = f"{environment.parent}{os.pathsep}{environ.get('PATH', '')}"
    result = subprocess.run([str(environment), "-c", EXECUTE, str(copy)], capture_output=True, text=True,
                            timeout=1200, cwd=tmp_path, env=environ)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failed"] is None, report["failed"]
    assert str(ROOT) not in report["outputs"]
    assert "site-packages/keras_functional_guide" not in report["outputs"]


def test_no_lesson_reads_a_file_beside_it():
    # What the copied lessons would miss: a relative path opened, loaded or listed that the lesson
    # did not write itself in an earlier cell (saving a model and loading it back is fine), outside a cell
    # that is meant to fail.
    import re

    reads = re.compile(r"""(?:open|read_text|read_bytes|np\.load|pd\.read_\w+|load_model|load_weights|glob)\(\s*(["'])(?!/)([^"']*)\1""")
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        earlier = ""
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            code = "".join(cell["source"])
            if "raises-exception" in cell["metadata"].get("tags", []):
                earlier += code + "\n"
                continue  # Reading a file that is not there is the point of the cell (22's "File not found").
            for match in reads.finditer(code):
                name = match.group(2)
                written = re.search(r"""["']{}["']""".format(re.escape(name)), earlier + code[:match.start()])
                assert written, (path.name, f"reads {name!r}, which no earlier line of the lesson names", code[:200])
            earlier += code + "\n"

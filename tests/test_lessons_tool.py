"""tools/lessons.py, the maintainers' command that refreshes the lessons' stored outputs, run for real."""

import pathlib
import re
import subprocess
import sys

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "lessons.py"


def run(*arguments):
    return subprocess.run([sys.executable, str(TOOL), *arguments], capture_output=True, text=True, timeout=600)


def test_list_names_the_lessons_in_order():
    result = run("list")
    expected = sorted(path.name for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected and len(expected) >= 10


def test_execute_refreshes_outputs_in_place(tmp_path):
    source = ROOT / "notebooks" / "07_input.ipynb"
    copy = tmp_path / source.name
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(notebook, copy)
    result = run("execute", str(copy))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"executed 07_input\.ipynb in [0-9.]+ s\n", result.stdout)
    executed = nbformat.read(copy, as_version=4)
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    assert sum(len(cell.outputs) for cell in code) > 0
    assert not any("execution" in cell.metadata for cell in executed.cells)  # No timestamps.


def test_an_unknown_lesson_is_named():
    result = run("execute", "99")
    assert result.returncode != 0 and "no lesson '99'" in result.stderr

"""The console script, run for real: the notebooks subcommand."""

import re
import shutil

import nbformat

from test_cli import NOTEBOOKS, run

ROOT = NOTEBOOKS.parent


def test_notebooks_lists_them_in_order():
    result = run("notebooks")
    expected = sorted(path.name for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected and len(expected) >= 10


def test_notebooks_execute_refreshes_outputs_in_place(tmp_path):
    source = NOTEBOOKS / "07_input.ipynb"
    copy = tmp_path / source.name
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(notebook, copy)
    result = run("notebooks", "--dir", str(tmp_path), "--execute")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"executed 07_input\.ipynb in [0-9.]+ s\n", result.stdout)
    executed = nbformat.read(copy, as_version=4)
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
    assert sum(len(cell.outputs) for cell in code) > 0


# `notebooks --html` from the repository's root builds the site that tests/test_site.py reads.


def test_notebooks_html_needs_the_docs_project_beside_the_notebooks(tmp_path):
    # A notebooks folder outside a clone (no docs/ beside it): a usage error that says what is missing.
    (tmp_path / "lessons").mkdir()
    shutil.copy2(NOTEBOOKS / "07_input.ipynb", tmp_path / "lessons" / "07_input.ipynb")
    result = run("notebooks", "--dir", str(tmp_path / "lessons"), "--html", str(tmp_path / "site"))
    assert result.returncode == 2
    assert "--html builds the Sphinx project docs/" in result.stderr
    assert str(tmp_path / "docs") in result.stderr
    assert not (tmp_path / "site").exists()

"""The console script, run for real: the notebooks subcommand."""

import re

import nbformat

from test_cli import NOTEBOOKS, run


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


def test_notebooks_html_renders_every_notebook_with_its_diagrams(tmp_path):
    result = run("notebooks", "--html", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    names = sorted(path.stem for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    links = re.findall(r'href="([^"]+)\.html"', index)
    assert links == names
    assert "§1.1 多输入模型" in index
    for name in names:
        page = (tmp_path / "site" / f"{name}.html").read_text(encoding="utf-8")
        assert "<html" in page
    # The diagrams of the §1.1 notebooks are embedded images, so the site needs no files beside it.
    for name in ("02_multi_input", "04_dag", "05_shared_layers"):
        page = (tmp_path / "site" / f"{name}.html").read_text(encoding="utf-8")
        assert "data:image/png;base64," in page, name

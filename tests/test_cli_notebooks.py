"""The console script, run for real: the notebooks subcommand."""

import html
import pathlib
import re
import shutil

import nbformat

from keras_functional_guide.notebook_tools import notebook_title

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


def _clone(folder):
    """The parts of a clone of the repository the site is built from: docs/ (its notebooks
    symlink kept), the lessons, README.md and pyproject.toml."""
    shutil.copytree(ROOT / "docs", folder / "docs", symlinks=True,
                    ignore=shutil.ignore_patterns("*.mo", "_build", "__pycache__"))
    shutil.copytree(NOTEBOOKS, folder / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for name in ("README.md", "pyproject.toml"):
        shutil.copy2(ROOT / name, folder / name)
    return folder


def test_notebooks_html_builds_the_site_with_every_lesson_and_its_diagrams(tmp_path):
    # The site itself is tested in test_site.py; here, that the command builds docs/ from
    # the repository's root, as the README says (default --dir notebooks).
    clone = _clone(tmp_path / "clone")
    result = run("notebooks", "--html", "site", cwd=clone)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {pathlib.Path('site') / 'index.html'}"
    site = clone / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    paths = sorted((clone / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    links = re.findall(r'<a class="reference internal" href="notebooks/([0-9]{2}_[^"#]+)\.html"', index)
    assert list(dict.fromkeys(links)) == [path.stem for path in paths]
    images = 0
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        page = (site / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert html.escape(notebook_title(notebook), quote=False) in page, path.name
        # Diagrams (PNG outputs) are image files beside the pages.
        pngs = sum("image/png" in output.get("data", {}) for cell in notebook.cells
                   for output in cell.get("outputs", []))
        sources = re.findall(r'<img[^>]+src="\.\./(_images/[^"]+\.png)"', page)
        assert len(sources) == pngs, path.name
        assert all((site / source).is_file() for source in sources)
        images += pngs
    assert images > 0


def test_notebooks_html_needs_the_docs_project_beside_the_notebooks(tmp_path):
    # A notebooks folder outside a clone (no docs/ beside it): a usage error that says what is missing.
    (tmp_path / "lessons").mkdir()
    shutil.copy2(NOTEBOOKS / "07_input.ipynb", tmp_path / "lessons" / "07_input.ipynb")
    result = run("notebooks", "--dir", str(tmp_path / "lessons"), "--html", str(tmp_path / "site"))
    assert result.returncode == 2
    assert "--html builds the Sphinx project docs/" in result.stderr
    assert str(tmp_path / "docs") in result.stderr
    assert not (tmp_path / "site").exists()

"""The committed notebooks are executed, in order, clean, and portable.

nbval checks that each notebook's outputs still come out the same; these tests
check what nbval does not: that the stored outputs were made properly.
"""

import getpass
import json
import pathlib
import re

import pytest

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
# Absolute paths of this or any machine, which make outputs differ between machines.
ABSOLUTE_PATH = re.compile(r"(/(home|root|tmp|work|Users|usr|opt|var)/|[A-Z]:\\\\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def source(cell):
    return "".join(cell["source"])


def raises(cell):
    return "raises-exception" in cell.get("metadata", {}).get("tags", []) or (
        "NBVAL_RAISES_EXCEPTION" in source(cell)
    )


def output_text(cell):
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append("".join(output["text"]))
        for mime, value in output.get("data", {}).items():
            if mime.startswith("text/"):
                texts.append("".join(value))
        texts.append(output.get("evalue", ""))
        texts.extend(output.get("traceback", []))
    return "\n".join(texts)


def test_notebooks_are_numbered_in_order_without_gaps():
    numbers = [int(path.name[:2]) for path in PATHS]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 10


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_executed_top_to_bottom_with_no_gaps(path):
    counts = [cell["execution_count"] for cell in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), counts


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_errors_only_where_marked_and_every_marked_cell_raises(path):
    for index, cell in enumerate(code_cells(load(path))):
        errors = [output for output in cell["outputs"] if output["output_type"] == "error"]
        if raises(cell):
            assert len(errors) == 1, f"code cell {index} is marked to raise but did not"
        else:
            assert not errors, f"code cell {index}: {errors[0]['ename']}: {errors[0]['evalue']}"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_no_absolute_paths_or_user_names_in_outputs(path):
    user = getpass.getuser()
    for index, cell in enumerate(code_cells(load(path))):
        text = output_text(cell)
        assert not ABSOLUTE_PATH.search(text), f"code cell {index}: {ABSOLUTE_PATH.search(text).group(0)}"
        if user != "root":  # 'root' is also an ordinary word.
            assert user not in text, f"code cell {index} shows the user name"


def test_one_kernelspec_for_all_notebooks():
    specs = {json.dumps(load(path)["metadata"].get("kernelspec"), sort_keys=True) for path in PATHS}
    assert len(specs) == 1
    assert json.loads(specs.pop())["name"] == "python3"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_title_first_and_tensorflow_silenced_before_import(path):
    notebook = load(path)
    first = notebook["cells"][0]
    assert first["cell_type"] == "markdown" and source(first).startswith("# ")
    setup = source(code_cells(notebook)[0])
    assert "TF_CPP_MIN_LOG_LEVEL" in setup and "TF_ENABLE_ONEDNN_OPTS" in setup
    assert setup.index("TF_ENABLE_ONEDNN_OPTS") < setup.index("keras")


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_notebooks_import_the_package_and_do_not_touch_sys_path(path):
    code = "\n".join(source(cell) for cell in code_cells(load(path)))
    assert "keras_functional_guide" in code
    assert "sys.path" not in code


def markdown(notebook):
    return "\n".join(source(cell) for cell in notebook["cells"] if cell["cell_type"] == "markdown")


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_harness_markers_are_cell_tags_not_comments(path):
    for index, cell in enumerate(code_cells(load(path))):
        assert "NBVAL_" not in source(cell), f"code cell {index}: use a cell tag, not a marker comment"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_errors_are_short(path):
    for index, cell in enumerate(code_cells(load(path))):
        for output in cell["outputs"]:
            if output["output_type"] == "error":
                lines = "\n".join(output["traceback"]).splitlines()
                assert len(lines) <= 15, f"code cell {index}: an error of {len(lines)} lines"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_setup_cell_shortens_errors_and_says_how_to_install(path):
    setup = source(code_cells(load(path))[0])
    assert "kfg.short_errors()" in setup
    assert "except ModuleNotFoundError" in setup and "pip install" in setup


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_setup_cell_freezes_the_garbage_collector_after_every_import(path):
    # With TensorFlow's ~300,000 objects frozen, each clear_session() costs
    # milliseconds instead of ~0.2 s, and the kernel shuts down faster. An
    # import after the freeze would leave its objects to the collector.
    lines = [line for line in source(code_cells(load(path))[0]).splitlines() if line.strip()]
    assert lines[-1].startswith("gc.freeze()"), "the setup cell must end with gc.freeze()"
    assert not any(line.startswith(("import ", "from ")) for line in lines[lines.index("import gc") + 1:])


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_ends_with_summary_exercises_and_a_link_to_the_next_lesson(path):
    notebook = load(path)
    text = markdown(notebook)
    assert "## 小结" in text and "## 练习" in text
    assert text.index("## 小结") < text.index("## 练习")
    following = PATHS[(PATHS.index(path) + 1) % len(PATHS)]
    last = source(notebook["cells"][-1])
    assert notebook["cells"][-1]["cell_type"] == "markdown" and f"]({following.name})" in last, last


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_one_vocabulary(path):
    text = markdown(load(path))
    for banned, instead in (("「", "“"), ("」", "”"), ("这一格", "这个单元格"), ("过滤器", "卷积核"),
                            ("只能用函数式 API", "Sequential 不能，函数式 API 与子类化可以"),
                            ("只有 Functional API", "Sequential 不能，函数式 API 与子类化可以")):
        assert banned not in text, f"{banned!r}: write {instead!r}"


def test_lesson_01_lists_every_lesson():
    text = markdown(load(PATHS[0]))
    for path in PATHS[1:]:
        assert f"]({path.name})" in text, f"01 does not link {path.name}"

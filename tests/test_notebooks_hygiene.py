"""The committed notebooks are executed, in order, clean, and portable.

nbval checks that each notebook's outputs still come out the same; these tests
check what nbval does not: that the stored outputs were made properly.
"""

import functools
import getpass
import json
import pathlib
import re

import pytest

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
# Absolute paths of this or any machine, which make outputs differ between machines.
ABSOLUTE_PATH = re.compile(r"(/(home|root|tmp|work|Users|usr|opt|var)/|[A-Z]:\\\\)")


@functools.lru_cache(maxsize=None)
def _read(path):
    return path.read_text(encoding="utf-8")


def load(path):
    return json.loads(_read(path))


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
def test_ends_with_summary_exercises_and_a_link_to_the_next_lesson(path):
    notebook = load(path)
    text = markdown(notebook)
    assert "## 小结" in text and "## 练习" in text
    assert text.index("## 小结") < text.index("## 练习")
    following = PATHS[(PATHS.index(path) + 1) % len(PATHS)]
    last = source(notebook["cells"][-1])
    assert notebook["cells"][-1]["cell_type"] == "markdown" and f"]({following.name})" in last, last


def test_lesson_01_lists_every_lesson():
    text = markdown(load(PATHS[0]))
    for path in PATHS[1:]:
        assert f"]({path.name})" in text, f"01 does not link {path.name}"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_title_first_then_the_extension_line_and_imports(path):
    # The setup cell is what a learner would type: the one explicit, reversible line that turns
    # the course's conveniences on (an IPython extension), then imports. The harness (log levels,
    # oneDNN, gc, import guards) lives in the harness.
    notebook = load(path)
    first = notebook["cells"][0]
    assert first["cell_type"] == "markdown" and source(first).startswith("# ")
    setup = source(code_cells(notebook)[0])
    lines = [line for line in setup.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(lines) <= 7, f"the setup cell has {len(lines)} lines"
    assert lines[0] == "%load_ext keras_functional_guide", lines[0]
    assert all(line.startswith(("import ", "from ")) for line in lines[1:]), lines
    assert lines[1].startswith("import keras_functional_guide as kfg"), lines[1]
    for harness in ("os.environ", "gc.", "SystemExit", "short_errors", "TF_CPP", "ONEDNN"):
        assert harness not in setup, harness


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_errors_are_short_but_whole(path):
    # Short errors drop stack frames, never lines of Keras's message.
    for index, cell in enumerate(code_cells(load(path))):
        for output in cell["outputs"]:
            if output["output_type"] == "error":
                lines = "\n".join(output["traceback"]).splitlines()
                assert not any("more lines of the message" in line for line in lines), f"code cell {index}"
                frames = [line for line in lines if re.match(r"(Cell|File) ", line)]
                assert len(frames) <= 3, f"code cell {index}: {len(frames)} stack frames"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_no_tensorflow_log_lines_in_any_output(path):
    # What a learner's kernel would show under a cell, the stored notebook shows.
    noise = re.compile(r"absl::InitializeLog|cudart_stub|cuda drivers|oneDNN custom operations|cpu_feature_guard"
                       r"|computation_placer|cuInit|I0000 00:00|W0000 00:00|E0000 00:00")
    for index, cell in enumerate(code_cells(load(path))):
        text = output_text(cell)
        assert not noise.search(text), f"code cell {index}: {noise.search(text).group(0)}"


HARNESS_WORDS = ("比对", "不参与比较", "本机", "2 核", "两核", "nbval", "存下来的笔记本", "保存的输出", "stored output")


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_prose_talks_about_keras_not_about_the_tests(path):
    text = markdown(load(path))
    for word in HARNESS_WORDS:
        assert word not in text, f"the Markdown says {word!r}"


def exercise_cells(notebook):
    """(scaffold, answer) code-cell pairs: the cell with `answer = None`, and the next code cell."""
    cells = notebook["cells"]
    pairs = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code" and "answer = None" in source(cell):
            answer = next(c for c in cells[index + 1:] if c["cell_type"] == "code")
            pairs.append((cell, answer))
    return pairs


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_exercise_scaffolds_store_only_the_not_answered_line(path):
    pairs = exercise_cells(load(path))
    assert len(pairs) >= 2
    for scaffold, _ in pairs:
        outputs = scaffold["outputs"]
        assert [output["output_type"] for output in outputs] == ["stream"], outputs
        assert "还没有作答" in "".join(outputs[0]["text"])


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_reference_answers_come_from_the_package_folded(path):
    # One home per answer: the cell asks the package for it, and what it shows stays folded
    # (an HTML <details>) in JupyterLab, Notebook, Colab and on the site, output included.
    for scaffold, answer in exercise_cells(load(path)):
        exercise_id = re.search(r'check\("(\d\d-\d)", answer\)', source(scaffold)).group(1)
        assert source(answer) == f'solution("{exercise_id}")', source(answer)
        (output,) = answer["outputs"]
        html = "".join(output["data"]["text/html"])
        assert html.startswith(f'<details class="kfg-solution"><summary>参考答案 {exercise_id}（点开查看）</summary>')
    markdown_text = markdown(load(path))
    assert "#### 参考答案" not in markdown_text  # Said once, by the fold itself.


# (banned, instead): one word for one thing, as in lesson 01's glossary (术语表).
VOCABULARY = (
    ("「", "“"), ("」", "”"), ("这一格", "这个单元格"), ("代码格", "单元格"), ("过滤器", "卷积核"),
    ("只能用函数式 API", "Sequential 不能，函数式 API 与子类化可以"),
    ("只有 Functional API", "Sequential 不能，函数式 API 与子类化可以"),
    ("瞎猜", "随机猜测"), ("注册表", "示例登记表"), ("参数量", "参数个数"), ("参数数量", "参数个数"),
    ("测试准确率", "测试集准确率"), ("测试精度", "测试集准确率"), ("跳跃连接", "残差连接"), ("捷径", "残差连接"),
    ("digits 数据", "手写数字数据集"), ("digits数据", "手写数字数据集"),
)
GLOSSARY = ("单元格", "随机猜测", "示例登记表", "参数个数", "测试集准确率", "残差连接", "卷积核", "权重张量",
            "工作节点", "主节点", "手写数字数据集")
# The tutorial's section titles, written the same way wherever a lesson quotes one.
SECTION_TITLES = {
    "§1": "函数式 API 概述", "§1.1": "什么时候需要函数式 API", "§1.2": "函数式 API 的特征",
    "§1.3": "Input()", "§1.4": "Model", "§2": "函数式 API 示例",
}


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_one_vocabulary(path):
    text = markdown(load(path))
    for banned, instead in VOCABULARY:
        assert banned not in text, f"{banned!r}: write {instead!r}"


def test_lesson_01_glossary_defines_every_course_word():
    text = markdown(load(PATHS[0]))
    glossary = text[text.index("术语表"):]
    for word in GLOSSARY:
        assert word in glossary, f"the glossary in 01 lacks {word}"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_section_titles_are_quoted_alike(path):
    for section, title in re.findall(r"(§\d(?:\.\d)?)\s*“([^”]+)”", markdown(load(path))):
        assert title == SECTION_TITLES[section], f"{section} “{title}”: write “{SECTION_TITLES[section]}”"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_printed_chinese_labels_end_with_a_full_width_colon(path):
    for index, cell in enumerate(code_cells(load(path))):
        for line in source(cell).splitlines():
            code = line.split("#", 1)[0]
            if "print(" in code:
                assert not re.search(r"[\u4e00-\u9fff]:", code), f"code cell {index}: {line.strip()}"


@pytest.mark.parametrize("path", PATHS, ids=lambda path: path.name)
def test_lesson_has_pictures_where_it_says_so(path):
    # Figures are inline PNGs; nbval compares only their text form, "<Figure size ...>".
    count = sum("image/png" in output.get("data", {}) and "<Figure size" in "".join(output["data"].get("text/plain", ""))
                for cell in code_cells(load(path)) for output in cell["outputs"])
    assert count == source_count_of_pictures(load(path)), "each picture call shows one figure"


def source_count_of_pictures(notebook):
    calls = re.compile(r"kfg\.(show_digits|plot_history|plot_curves|show_heatmap|show_reconstructions|show_attention)\(")
    return sum(len(calls.findall(source(cell))) for cell in code_cells(notebook))


def test_at_least_six_lessons_have_pictures():
    with_pictures = [path.name for path in PATHS if source_count_of_pictures(load(path))]
    assert len(with_pictures) >= 6, with_pictures

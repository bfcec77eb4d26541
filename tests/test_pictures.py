"""The lessons' pictures: real matplotlib figures, with what each must show, and the Chinese
font the package carries for them."""

import inspect
import json
import os
import pathlib
import subprocess
import sys
import tomllib

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from keras_functional_guide import pictures  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]

# A maintainers' script, not part of the package: imported from its file for the
# character sets it builds the font from.
sys.path.insert(0, str(ROOT / "tools"))
import make_font  # noqa: E402

IMAGES = np.linspace(0, 1, 12 * 64, dtype="float32").reshape(12, 8, 8, 1)


def labels(figure):
    """The texts written over the grid, in the order they were drawn."""
    return [text.get_text() for text in figure.axes[0].texts]


def sheet(figure):
    (axis,) = figure.axes
    (image,) = axis.images
    return np.asarray(image.get_array())


def tile(figure, row, column):
    """The 8x8 tile at (row, column): 1 blank pixel between tiles across, 3 above each."""
    top, left = row * 11 + 3, column * 9
    return sheet(figure)[top:top + 8, left:left + 8]


def test_digits_with_labels_laid_out_in_rows_of_columns_on_one_image():
    figure = pictures.show_digits(IMAGES, labels=range(12), columns=5)
    assert sheet(figure).shape == (3 * 11, 5 * 9 - 1)  # 12 images in rows of 5: three rows
    for index in range(12):
        row, column = divmod(index, 5)
        np.testing.assert_array_equal(tile(figure, row, column), IMAGES[index, :, :, 0])
    np.testing.assert_array_equal(tile(figure, 2, 2), np.zeros((8, 8)))  # the last row is padded blank
    assert labels(figure) == [str(i) for i in range(12)]
    # Each label sits over its own tile: centred across it, just above its top.
    positions = [text.get_position() for text in figure.axes[0].texts]
    assert positions[7] == (2 * 9 + 3.5, 11 + 3 - 0.8)


def test_predictions_are_green_where_right_and_red_where_wrong():
    figure = pictures.show_digits(IMAGES[:3], labels=[1, 2, 3], predictions=[1, 0, 3])
    assert labels(figure) == ["1→1", "2→0", "3→3"]
    colors = [matplotlib.colors.to_hex(text.get_color()) for text in figure.axes[0].texts]
    assert colors == [pictures.CORRECT_COLOR, pictures.WRONG_COLOR, pictures.CORRECT_COLOR]


def test_reconstructions_sit_under_their_originals():
    figure = pictures.show_reconstructions(IMAGES[:4], IMAGES[4:8])
    for column in range(4):
        np.testing.assert_array_equal(tile(figure, 0, column), IMAGES[column, :, :, 0])
        np.testing.assert_array_equal(tile(figure, 1, column), IMAGES[4 + column, :, :, 0])
    assert labels(figure) == ["原图", "重建"]


def test_figures_are_closed_in_pyplot_so_a_notebook_shows_them_once():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    pictures.show_digits(IMAGES[:2], labels=[0, 1])
    assert plt.get_fignums() == before


def test_history_draws_training_and_validation_and_marks_the_best_epoch():
    history = {"loss": [1.0, 0.5, 0.4], "val_loss": [1.1, 0.7, 0.8], "accuracy": [0.5, 0.7, 0.8]}
    figure = pictures.plot_history(history, ["loss", "accuracy"], best_epoch=2)
    loss, accuracy = figure.axes
    assert [list(line.get_ydata()) for line in loss.lines[:2]] == [history["loss"], history["val_loss"]]
    assert list(loss.lines[0].get_xdata()) == [1, 2, 3]
    assert list(loss.lines[2].get_xdata()) == [2, 2]  # the best epoch's vertical line
    assert len(accuracy.lines) == 2  # no val_accuracy: training curve and the marker


@pytest.mark.parametrize("call, argument", [
    (lambda: pictures.show_digits(np.zeros((3, 8, 8)), labels=[1]), "labels"),
    (lambda: pictures.show_digits(np.zeros((2, 8, 8)), predictions=[1, 2]), "labels"),
    (lambda: pictures.show_digits(np.zeros((0, 8, 8))), "images"),
    (lambda: pictures.show_digits(IMAGES, columns=0), "columns"),
    (lambda: pictures.plot_history({"loss": [1.0]}, ["accuracy"]), "metrics"),
    (lambda: pictures.plot_history([], ["loss"]), "history"),
    (lambda: pictures.show_reconstructions(IMAGES[:2], IMAGES[:3]), "reconstructions"),
    (lambda: pictures.show_heatmap(IMAGES[0], np.zeros(4)), "heatmap"),
    (lambda: pictures.show_heatmap(IMAGES[:2], np.zeros((2, 2))), "image"),
    (lambda: pictures.plot_curves({}, xlabel="x", ylabel="y"), "curves"),
])
def test_bad_input_names_the_argument(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()


def test_heatmap_is_scaled_to_the_image_and_to_zero_one():
    heatmap = np.array([[0.0, 2.0], [4.0, 8.0]])
    figure = pictures.show_heatmap(IMAGES[0], heatmap)
    overlay = figure.axes[1].images[1].get_array()
    assert overlay.shape == (8, 8)
    assert overlay.min() == 0 and overlay.max() == 1
    assert overlay[0, 0] == 0 and overlay[7, 7] == 1 and overlay[0, 7] == 0.25


def test_chinese_titles_labels_and_legends_are_all_kept():
    figure = pictures.plot_curves({"迁移": [0.5, 0.7], "从头训练": [0.3, 0.5]}, xlabel="标签数", ylabel="准确率",
                                  title="迁移学习")
    axis = figure.axes[0]
    assert (axis.get_xlabel(), axis.get_ylabel(), figure.get_suptitle()) == ("标签数", "准确率", "迁移学习")
    assert [text.get_text() for text in axis.get_legend().get_texts()] == ["迁移", "从头训练"]
    history = pictures.plot_history({"loss": [1.0, 0.5], "val_loss": [1.1, 0.6]}, best_epoch=1)
    assert history.axes[0].get_xlabel() == "轮 (epoch)"
    assert [text.get_text() for text in history.axes[0].get_legend().get_texts()] == ["训练集", "验证集", "最好的一轮：1"]
    heatmap = pictures.show_heatmap(IMAGES[0], np.ones((2, 2)))
    assert [axis.get_title() for axis in heatmap.axes] == ["图片", "热力图"]


def test_every_text_is_drawn_in_the_package_font():
    figure = pictures.plot_history({"loss": [1.0, 0.5]}, title="训练曲线")
    figure.canvas.draw()
    texts = [text for text in figure.findobj(matplotlib.text.Text) if text.get_text()]
    chinese = [text for text in texts if not text.get_text().isascii()]
    assert {text.get_text() for text in chinese} == {"训练曲线", "训练集", "轮 (epoch)"}
    for text in [*chinese, figure.axes[0].yaxis.label]:
        assert text.get_fontfamily() == [pictures.font_family(), "DejaVu Sans"], text
        assert matplotlib.font_manager.findfont(text.get_fontproperties()) == pictures.font_path(), text


# --- The font the package carries ---------------------------------------------------

FONT = ROOT / "src" / "keras_functional_guide" / "fonts" / "KFGSansSC-Regular.ttf"


def _characters(path):
    from fontTools.ttLib import TTFont  # fontTools comes with matplotlib.

    return {chr(code) for code in TTFont(path, lazy=True).getBestCmap()}


def test_the_package_finds_its_font_through_importlib_resources():
    # In the installed package (the source tree, for an editable install), beside its licence.
    path = pathlib.Path(pictures.font_path())
    assert (path.parent.name, path.name) == ("fonts", "KFGSansSC-Regular.ttf")
    assert path.read_bytes() == FONT.read_bytes() and (path.parent / "OFL.txt").is_file()
    assert pictures.font_family() == "KFG Sans SC"


def test_gb2312_level_1_is_the_3755_commonest_characters():
    # Independently of the codec: level 1 runs from 啊 (B0A1) to 座 (D7F9), in pinyin order.
    level1 = make_font.gb2312_level1()
    assert len(level1) == len(set(level1)) == 3755
    assert (level1[0], level1[1], level1[-1]) == ("啊", "阿", "座")
    assert all("\u4e00" <= character <= "\u9fff" for character in level1)


def test_the_font_draws_ascii_gb2312_level_1_punctuation_and_every_character_of_the_lessons():
    font = _characters(FONT)
    assert {chr(code) for code in range(0x20, 0x7F)} <= font
    assert set(make_font.gb2312_level1()) <= font
    assert set("，。：；！？“”‘’（）《》、…—·") <= font
    # Every character of the lessons' code cells and of pictures.py: in the package's
    # font, or in DejaVu Sans (matplotlib's own, the fallback) for the few the source lacks.
    dejavu = _characters(pathlib.Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf")
    course = make_font.course_characters()
    assert "奇" in course and "→" in course
    missing = sorted(course - font - dejavu)
    assert missing == [], f"no font draws {missing}: run tools/make_font.py again (see its docstring)"
    chinese = {character for character in course if "\u4e00" <= character <= "\u9fff"}
    assert chinese <= font


def test_the_font_is_small_truetype_and_its_licence_is_beside_it_and_declared():
    assert FONT.stat().st_size <= 3 * 1024 * 1024
    assert FONT.read_bytes()[:4] == b"\x00\x01\x00\x00"  # TrueType outlines: embeddable in PDF and SVG.
    licence = (FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Adobe" in licence
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "OFL-1.1" in project["project"]["license"]
    assert "src/keras_functional_guide/fonts/OFL.txt" in project["project"]["license-files"]
    data = project["tool"]["setuptools"]["package-data"]["keras_functional_guide"]
    assert {"fonts/KFGSansSC-Regular.ttf", "fonts/OFL.txt"} <= set(data)


# --- On a machine where matplotlib knows no CJK font --------------------------------

def draws(path, characters):
    """Whether the font file has glyphs of its own for ``characters`` (at least two different
    ones): matplotlib's Last Resort font, which maps whole blocks to one placeholder box, does not."""
    from matplotlib import font_manager

    try:
        font = font_manager.get_font(path)
    except Exception:
        return False  # matplotlib cannot read it either.
    return len({font.get_char_index(ord(character)) for character in characters} - {0}) > 1


# Drawn in a child process whose matplotlib loads the font cache the test wrote (see
# _cache_without_cjk): every picture helper, with Chinese titles and labels.
CHILD = inspect.getsource(draws) + r"""
import json, pathlib, sys, warnings

out = pathlib.Path(sys.argv[1])
report = {}
import keras_functional_guide as kfg
from keras_functional_guide import pictures
report["matplotlib_at_import"] = "matplotlib" in sys.modules

# matplotlib's own start-up first: with the oldest versions allowed (matplotlib 3.8.0 and a
# newer pyparsing) it writes deprecation notices as it reads its style files.
import matplotlib
import matplotlib.pyplot
import numpy as np
from matplotlib import font_manager
from matplotlib.text import Text

print(sys.argv[3], file=sys.stderr, flush=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")

    def fonts_that_draw(characters):
        return sorted({entry.fname for entry in font_manager.fontManager.ttflist if draws(entry.fname, characters)})

    chinese = sys.argv[2]
    report["fonts_that_draw_chinese_before"] = fonts_that_draw(chinese)
    settings = dict(matplotlib.rcParams)
    images = np.linspace(0, 1, 10 * 64, dtype="float32").reshape(10, 8, 8)
    figures = {
        "show_digits": kfg.show_digits(images, ["奇", "偶"] * 5, title="两个头的预测"),
        "show_digits_predictions": kfg.show_digits(images[:4], [1, 2, 3, 4], [1, 0, 3, 4], title="真实标签→预测"),
        "plot_history": kfg.plot_history({"loss": [1.0, 0.5, 0.4], "val_loss": [1.1, 0.7, 0.8]}, best_epoch=2,
                                         title="提前停止"),
        "plot_curves": kfg.plot_curves({"迁移（只训练头）": [0.5, 0.7], "从头训练": [0.3, 0.5]}, xlabel="每个数字的标签数",
                                       ylabel="测试准确率", title="迁移学习，对比从头训练"),
        "show_heatmap": kfg.show_heatmap(images[0], np.eye(4), title="预测：7"),
        "show_reconstructions": kfg.show_reconstructions(images[:5], images[5:], title="自编码器：原图与重建"),
        "show_attention": kfg.show_attention(images[0], np.full((8, 8), 1 / 8), title="自注意力"),
    }
    report["fonts_that_draw_chinese_after"] = fonts_that_draw(chinese)
    report["settings_unchanged"] = dict(matplotlib.rcParams) == settings
    report["texts"] = {}
    for name, figure in figures.items():
        figure.canvas.draw()  # Agg: every glyph looked up and rendered.
        report["texts"][name] = [
            [text.get_text(), font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)]
            for text in figure.findobj(Text) if text.get_text() and text.get_visible()]
    for suffix in ("png", "pdf", "svg"):
        figures["show_digits"].savefig(out / f"show_digits.{suffix}")
    report["font_path"] = pictures.font_path()
report["warnings"] = [f"{warning.category.__name__}: {warning.message}" for warning in caught]
print(json.dumps(report, ensure_ascii=False))
"""

# Every text with Chinese that CHILD draws, per picture.
CHILD_TEXTS = {
    "show_digits": {"两个头的预测", "奇", "偶"},
    "show_digits_predictions": {"真实标签→预测"},
    "plot_history": {"提前停止", "训练集", "验证集", "最好的一轮：2", "轮 (epoch)"},
    "plot_curves": {"迁移学习，对比从头训练", "迁移（只训练头）", "从头训练", "每个数字的标签数", "测试准确率"},
    "show_heatmap": {"预测：7", "图片", "热力图"},
    "show_reconstructions": {"自编码器：原图与重建", "原图", "重建"},
    "show_attention": {"自注意力", "图片", "注意力", "被看的行", "查询行"},
}


def _cache_without_cjk(config_dir, characters):
    """Writes the font cache a child's matplotlib will load from ``MPLCONFIGDIR``: this
    process's font list without any font that draws one of ``characters``. It is the
    state of a machine with no CJK font, or where one was installed after matplotlib
    first built its cache (fonts-noto-cjk after the first ``import matplotlib``);
    matplotlib reads its cache instead of the system's font folders. Unlike hiding
    /usr/share/fonts in a mount namespace, it needs no privileges and works on any OS."""
    import copy

    from matplotlib import font_manager

    manager = copy.copy(font_manager.fontManager)
    manager.ttflist = [entry for entry in font_manager.fontManager.ttflist if not draws(entry.fname, characters)]
    font_manager.json_dump(manager, config_dir / f"fontlist-v{font_manager.FontManager.__version__}.json")


def test_without_a_cjk_font_on_the_machine_every_picture_draws_its_chinese_in_the_package_font(tmp_path):
    # The ideographs drawn (not "→" or "：", which DejaVu Sans and other Latin fonts have too).
    chinese = "".join(sorted({character for texts in CHILD_TEXTS.values() for text in texts
                              for character in text if "\u4e00" <= character <= "\u9fff"}))
    config = tmp_path / "mplconfig"
    config.mkdir()
    _cache_without_cjk(config, chinese)
    environment = {name: value for name, value in os.environ.items() if not name.startswith("MPL")}
    environment.update(MPLCONFIGDIR=str(config), MPLBACKEND="agg")
    mark = "-- the pictures --"
    result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path), chinese, mark], capture_output=True,
                            text=True, env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.split(mark + "\n", 1)[1] == ""  # No warning, and no "findfont: ..." log line either.
    report = json.loads(result.stdout)
    assert report["warnings"] == []
    # The premise: matplotlib in the child knew no font that draws Chinese...
    assert report["fonts_that_draw_chinese_before"] == []
    assert not report["matplotlib_at_import"]  # ...and importing the package did not touch it.
    # The first picture registered the package's font, and only that; the settings are as they were.
    package_font = pictures.font_path()
    assert report["fonts_that_draw_chinese_after"] == [package_font] == [report["font_path"]]
    assert report["settings_unchanged"]
    font = _characters(package_font)
    for name, expected in CHILD_TEXTS.items():
        texts = dict(report["texts"][name])
        assert expected <= set(texts), (name, expected - set(texts))  # Nothing dropped.
        for text in expected:
            assert texts[text] == package_font, (name, text)  # Drawn in the package's font...
            assert set(text) <= font, (name, text)  # ...which has every glyph of it.
    for suffix in ("png", "pdf", "svg"):
        assert (tmp_path / f"show_digits.{suffix}").stat().st_size > 1000


def test_attention_draws_the_digit_beside_its_row_by_row_scores():
    scores = np.full((8, 8), 1 / 8, "float32")
    scores[3] = np.eye(8)[5]  # Query row 3 looks only at row 5.
    figure = pictures.show_attention(IMAGES[0], scores)
    digit, matrix = figure.axes
    np.testing.assert_array_equal(digit.images[0].get_array(), IMAGES[0, :, :, 0])
    np.testing.assert_array_equal(matrix.images[0].get_array(), scores)
    assert matrix.images[0].get_clim() == (0.0, 1.0)
    assert [tick for tick in matrix.get_yticks()] == list(range(8))
    assert matrix.get_ylabel() == "查询行"
    with pytest.raises(ValueError, match=r"scores must have shape \(8, 8\).* got shape \(2, 8, 8\)"):
        pictures.show_attention(IMAGES[0], np.zeros((2, 8, 8)))
    with pytest.raises(ValueError, match="image must be one 2-D image"):
        pictures.show_attention(IMAGES[:2], scores)

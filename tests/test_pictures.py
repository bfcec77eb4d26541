"""The lessons' pictures: real matplotlib figures, with what each must show."""

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from keras_functional_guide import pictures  # noqa: E402

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
    assert labels(figure) in (["原图", "重建"], ["input", "output"])


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


def test_without_a_cjk_font_chinese_words_are_left_out(monkeypatch):
    monkeypatch.setattr(pictures, "cjk_font", lambda: None)
    figure = pictures.plot_curves({"迁移": [0.5, 0.7], "scratch": [0.3, 0.5]}, xlabel="标签数", ylabel="accuracy",
                                  title="迁移学习")
    axis = figure.axes[0]
    assert axis.get_xlabel() == "" and axis.get_ylabel() == "accuracy"
    assert [text.get_text() for text in axis.get_legend().get_texts()] == ["scratch"]
    assert figure._suptitle is None
    assert pictures.plot_history({"loss": [1.0]}).axes[0].get_xlabel() == "epoch"


def test_with_a_cjk_font_every_text_is_drawn_in_it():
    font = pictures.cjk_font()
    if font is None:
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk)")
    figure = pictures.plot_history({"loss": [1.0, 0.5]}, title="训练曲线")
    assert figure.axes[0].get_xlabel() == "轮 (epoch)"
    assert figure._suptitle.get_fontfamily()[0] == font


def test_attention_draws_the_digit_beside_its_row_by_row_scores():
    scores = np.full((8, 8), 1 / 8, "float32")
    scores[3] = np.eye(8)[5]  # Query row 3 looks only at row 5.
    figure = pictures.show_attention(IMAGES[0], scores)
    digit, matrix = figure.axes
    np.testing.assert_array_equal(digit.images[0].get_array(), IMAGES[0, :, :, 0])
    np.testing.assert_array_equal(matrix.images[0].get_array(), scores)
    assert matrix.images[0].get_clim() == (0.0, 1.0)
    assert [tick for tick in matrix.get_yticks()] == list(range(8))
    assert matrix.get_ylabel() in ("查询行", "query row")
    with pytest.raises(ValueError, match=r"scores must have shape \(8, 8\).* got shape \(2, 8, 8\)"):
        pictures.show_attention(IMAGES[0], np.zeros((2, 8, 8)))
    with pytest.raises(ValueError, match="image must be one 2-D image"):
        pictures.show_attention(IMAGES[:2], scores)

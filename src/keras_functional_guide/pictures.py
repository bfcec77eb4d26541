"""Pictures for the lessons, with matplotlib: digits, predictions, training curves, heat maps.

Every function returns a ``matplotlib.figure.Figure`` that a notebook shows
once, inline (the figure is closed in pyplot, so the inline backend does not
show it a second time), and that a script can ``savefig``. Figures are small
(a few kilobytes of PNG).

Every text is drawn in the font the package carries, ``fonts/KFGSansSC-Regular.ttf``:
a subset of Noto Sans CJK SC (SIL Open Font License 1.1, ``fonts/OFL.txt``) with
ASCII, the 3,755 commonest Simplified Chinese characters (GB2312 level 1) and
every character the lessons draw; ``tools/make_font.py`` makes it. The pictures
register it with matplotlib when the first one is drawn, whatever fonts the
machine has or matplotlib's font cache lists, so Chinese titles and labels draw
on Colab, in Docker or on a fresh Linux, with no warning. Characters it lacks fall
back to matplotlib's DejaVu Sans. matplotlib is imported on first use, not with
the package, and its settings are changed only while a picture is drawn.
"""

import functools

import numpy as np

from keras_functional_guide._validation import check_int

FONT_FILE = "KFGSansSC-Regular.ttf"  # In the package's fonts/ folder, beside its licence.
CORRECT_COLOR = "#1a7f37"  # green
WRONG_COLOR = "#cf222e"  # red


@functools.lru_cache(maxsize=None)
def _pyplot():
    """pyplot, imported without "Matplotlib is building the font cache" on a machine's first
    import: a notice in the learner's first picture, not something to act on."""
    import logging

    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
    finally:
        logger.setLevel(level)
    return plt, font_manager


@functools.lru_cache(maxsize=None)
def font_path():
    """The path of the package's Chinese font, found through ``importlib.resources``: in
    the installed package (a wheel's files, or the source tree of an editable install)."""
    from importlib import resources

    return str(resources.files("keras_functional_guide") / "fonts" / FONT_FILE)


def font_family():
    """The family name of the package's font, registered with matplotlib's font manager if it
    is not there yet: at the first picture, and again if matplotlib rebuilt its font list. A
    learner's font cache that lists no CJK font (or was built before one was installed) does
    not matter."""
    _, font_manager = _pyplot()
    path = font_path()
    if not any(entry.fname == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    # The name findfont matches, as matplotlib read it from the file.
    return next(entry.name for entry in font_manager.fontManager.ttflist if entry.fname == path)


def _style():
    """The pictures' style, for the time one is drawn. The font family is named
    outright: each text keeps the family it was made with, whereas a generic
    "sans-serif" would be looked up again when the notebook renders it. DejaVu Sans
    (matplotlib's own) draws the few characters the package's font lacks."""
    plt, _ = _pyplot()
    style = {"font.size": 9, "axes.titlesize": 9, "figure.dpi": 100, "font.family": [font_family(), "DejaVu Sans"]}
    return plt.rc_context(style)


# Inches a figure's title takes above its drawing.
_TITLE_HEIGHT = 0.3


def _figure(width, height, layout="constrained"):
    plt, _ = _pyplot()
    figure = plt.figure(figsize=(width, height), layout=layout)
    # Closed in pyplot at once: the notebook shows the returned figure, and the
    # inline backend would otherwise show it again at the end of the cell.
    plt.close(figure)
    return figure


def _styled(draw):
    """Runs a drawing function under :func:`_style`."""

    @functools.wraps(draw)
    def styled(*args, **kwargs):
        with _style():
            return draw(*args, **kwargs)

    return styled


def _as_images(images, argument="images"):
    array = np.asarray(images, dtype="float32")
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim == 2:
        array = array[np.newaxis]
    if array.ndim != 3 or array.shape[0] == 0:
        raise ValueError(
            f"{argument} must be one or more 2-D images, shaped (n, height, width) or (n, height, width, 1); "
            f"got an array of shape {array.shape}"
        )
    return array


def _as_image(image, axes):
    """One 2-D image, from (h, w) or (h, w, 1); ``axes`` names h and w in the error message."""
    array = np.asarray(image, dtype="float32")
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim != 2:
        raise ValueError(f"image must be one 2-D image, ({axes}) or ({axes}, 1); got shape {array.shape}")
    return array


def _as_labels(values, count, argument):
    if values is None:
        return None
    array = np.asarray(values).reshape(-1)
    if len(array) != count:
        raise ValueError(f"{argument} must have one value per image ({count}), got {len(array)}")
    return array


# Grids of digits are drawn as one image on one set of axes: a panel per digit
# (matplotlib Axes, each laid out and drawn on its own) made a 20-digit grid take
# about 0.2 s to show, a wait in every lesson that draws one; one image takes a
# few hundredths. Each tile is 8 pixels with a gap of 1 pixel across and 3 above,
# where its label is written.
_GAP_ACROSS, _GAP_ABOVE = 1, 3


def _sheet(images, columns):
    """The images laid out in rows of ``columns`` on one blank (zero) sheet, and the
    top-left pixel (top, left) of each tile on it."""
    count, height, width = images.shape
    rows = -(-count // columns)
    sheet = np.zeros((rows * (height + _GAP_ABOVE), columns * (width + _GAP_ACROSS) - _GAP_ACROSS), "float32")
    corners = []
    for index, image in enumerate(images):
        row, column = divmod(index, columns)
        top, left = row * (height + _GAP_ABOVE) + _GAP_ABOVE, column * (width + _GAP_ACROSS)
        sheet[top:top + height, left:left + width] = image
        corners.append((top, left))
    return sheet, corners


def _draw_sheet(figure, sheet, title):
    # The title, if any, takes the figure's top _TITLE_HEIGHT inches.
    top = 1 - (_TITLE_HEIGHT / figure.get_figheight() if title else 0)
    axis = figure.add_axes((0, 0, 1, top))
    axis.imshow(sheet, cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
    axis.set_axis_off()
    return axis


def _label_tile(axis, corner, width, text, **style):
    top, left = corner
    axis.text(left + (width - 1) / 2, top - 0.8, text, ha="center", va="bottom", **style)


@_styled
def show_digits(images, labels=None, predictions=None, *, columns=10, title=None):
    """Draws digits in a grid, each with its label, or its label and a prediction.

    Args:
        images: Images shaped ``(n, 8, 8, 1)``, ``(n, 8, 8)`` or one ``(8, 8)``.
        labels: Optional true label of each image, shown above it.
        predictions: Optional predicted label of each image; shown as
            ``label→prediction`` in green where they agree, red where not.
        columns: Images per row.
        title: Optional title over the grid.

    Returns:
        A ``matplotlib.figure.Figure`` with one set of axes: the grid is one
        image, and each label a text over its digit, in the images' order.

    Raises:
        ValueError: If the images, labels, predictions or columns do not fit.
    """
    images = _as_images(images)
    columns = check_int("columns", columns)
    labels = _as_labels(labels, len(images), "labels")
    predictions = _as_labels(predictions, len(images), "predictions")
    if predictions is not None and labels is None:
        raise ValueError("predictions need labels to compare with; pass labels too")
    rows = -(-len(images) // columns)
    columns = min(columns, len(images))
    figure = _figure(0.75 * columns, 0.85 * rows + (_TITLE_HEIGHT if title else 0), layout=None)
    sheet, corners = _sheet(images, columns)
    axis = _draw_sheet(figure, sheet, title)
    width = images.shape[2]
    for index, corner in enumerate(corners):
        if predictions is not None:
            right = predictions[index] == labels[index]
            _label_tile(axis, corner, width, f"{labels[index]}→{predictions[index]}",
                        color=CORRECT_COLOR if right else WRONG_COLOR)
        elif labels is not None:
            _label_tile(axis, corner, width, str(labels[index]))
    _set_title(figure, title)
    return figure


def _set_title(figure, title):
    if title:
        figure.suptitle(title)


@_styled
def plot_history(history, metrics=("loss",), *, best_epoch=None, title=None):
    """Draws training curves from ``History.history``: each metric for training and validation.

    Args:
        history: ``model.fit(...).history`` (or the ``History`` object itself):
            a dict of per-epoch lists, such as ``loss`` and ``val_loss``.
        metrics: The metrics to draw, one panel each; ``val_<name>`` is drawn
            beside ``<name>`` where it exists.
        best_epoch: Optional epoch (1-based) to mark with a vertical line, such
            as the one ``EarlyStopping(restore_best_weights=True)`` kept.
        title: Optional title.

    Returns:
        A ``matplotlib.figure.Figure``.

    Raises:
        ValueError: If a metric is not in the history.
    """
    history = getattr(history, "history", history)
    if not isinstance(history, dict) or not history:
        raise ValueError(f"history must be a non-empty dict from model.fit(...).history, got {type(history).__name__}")
    metrics = (metrics,) if isinstance(metrics, str) else tuple(metrics)
    for name in metrics:
        if name not in history:
            raise ValueError(f"metrics must name keys of the history ({', '.join(sorted(history))}); got {name!r}")
    figure = _figure(3.2 * len(metrics), 2.4 + (_TITLE_HEIGHT if title else 0))
    axes = figure.subplots(1, len(metrics), squeeze=False)[0]
    for axis, name in zip(axes, metrics):
        epochs = np.arange(1, len(history[name]) + 1)
        axis.plot(epochs, history[name], marker=".", label="训练集")
        if f"val_{name}" in history:
            axis.plot(epochs, history[f"val_{name}"], marker=".", label="验证集")
        if best_epoch is not None:
            axis.axvline(best_epoch, color="gray", linestyle="--", linewidth=1, label=f"最好的一轮：{best_epoch}")
        axis.xaxis.get_major_locator().set_params(integer=True)  # Epochs are whole numbers.
        axis.set_xlabel("轮 (epoch)")
        axis.set_ylabel(name)
        axis.legend()
    _set_title(figure, title)
    return figure


@_styled
def plot_curves(curves, *, xlabel, ylabel, title=None):
    """Draws several named curves on one set of axes (e.g. transfer against training from scratch).

    Args:
        curves: A dict mapping a legend label to a sequence of y values
            (x is 1, 2, ...), or to a pair ``(x values, y values)``.
        xlabel: Label of the x axis.
        ylabel: Label of the y axis.
        title: Optional title.

    Returns:
        A ``matplotlib.figure.Figure``.

    Raises:
        ValueError: If ``curves`` is empty or not a dict.
    """
    if not isinstance(curves, dict) or not curves:
        raise ValueError(f"curves must be a non-empty dict of label -> values, got {curves!r}")
    figure = _figure(4.2, 2.8 + (_TITLE_HEIGHT if title else 0))
    axis = figure.subplots()
    for label, values in curves.items():
        if isinstance(values, tuple) and len(values) == 2:
            x, y = values
        else:
            y = np.asarray(values)
            x = np.arange(1, len(y) + 1)
        axis.plot(x, y, marker=".", label=label)
    axis.set_xlabel(xlabel)
    axis.set_ylabel(ylabel)
    axis.legend()
    _set_title(figure, title)
    return figure


@_styled
def show_heatmap(image, heatmap, *, title=None):
    """Draws a digit, and a heat map (such as Grad-CAM's) over it, side by side.

    Args:
        image: One image, ``(8, 8)`` or ``(8, 8, 1)``.
        heatmap: Non-negative weights of any 2-D shape; resized to the image by
            nearest neighbours and scaled to [0, 1].
        title: Optional title.

    Returns:
        A ``matplotlib.figure.Figure``.
    """
    image = _as_image(image, "height, width")
    heatmap = np.asarray(heatmap, dtype="float32")
    if heatmap.ndim != 2:
        raise ValueError(f"heatmap must be 2-D, got shape {heatmap.shape}")
    rows = np.arange(image.shape[0]) * heatmap.shape[0] // image.shape[0]
    cols = np.arange(image.shape[1]) * heatmap.shape[1] // image.shape[1]
    heatmap = heatmap[rows][:, cols]
    span = heatmap.max() - heatmap.min()
    heatmap = (heatmap - heatmap.min()) / span if span > 0 else np.zeros_like(heatmap)
    figure = _figure(3.0, 1.7 + (_TITLE_HEIGHT if title else 0))
    left, right = figure.subplots(1, 2)
    left.imshow(image, cmap="gray_r", vmin=0, vmax=1)
    left.set_title("图片")
    right.imshow(image, cmap="gray_r", vmin=0, vmax=1)
    right.imshow(heatmap, cmap="jet", alpha=0.5, vmin=0, vmax=1)
    right.set_title("热力图")
    for axis in (left, right):
        axis.set_axis_off()
    _set_title(figure, title)
    return figure


@_styled
def show_reconstructions(originals, reconstructions, *, title=None):
    """Draws originals above their reconstructions (an autoencoder's input and output).

    Args:
        originals: Images, as for :func:`show_digits`.
        reconstructions: The same number of images of the same shape.
        title: Optional title.

    Returns:
        A ``matplotlib.figure.Figure``.
    """
    originals = _as_images(originals, "originals")
    reconstructions = _as_images(reconstructions, "reconstructions")
    if originals.shape != reconstructions.shape:
        raise ValueError(
            f"reconstructions must match originals in shape {originals.shape}, got {reconstructions.shape}"
        )
    count, height, width = originals.shape
    figure = _figure(0.75 * count + 0.9, 1.7 + (_TITLE_HEIGHT if title else 0), layout=None)
    # One image, as in show_digits: the originals' row above the reconstructions'.
    sheet, corners = _sheet(np.concatenate([originals, reconstructions]), count)
    axis = _draw_sheet(figure, sheet, title)
    for corner, name in ((corners[0], "原图"), (corners[count], "重建")):
        top, left = corner
        axis.text(left - 1, top + (height - 1) / 2, name, ha="right", va="center")
    _set_title(figure, title)
    return figure


@_styled
def show_attention(image, scores, *, title=None):
    """Draws a digit beside its row-to-row attention scores: which rows each row looked at.

    Args:
        image: One image, ``(rows, width)`` or ``(rows, width, 1)``, read as a
            sequence of its rows.
        scores: Attention weights of shape ``(rows, rows)``: row ``i`` is how
            much query row ``i`` looked at each row (each row sums to 1), such
            as one head's, or the heads' mean, from ``MultiHeadAttention(...,
            return_attention_scores=True)``.
        title: Optional title.

    Returns:
        A ``matplotlib.figure.Figure``: the digit with its rows numbered, and the
        scores as a matrix (darker is more), queries down, looked-at rows across.

    Raises:
        ValueError: If the image is not one 2-D image or the scores are not one
            weight per pair of its rows.
    """
    image = _as_image(image, "rows, width")
    scores = np.asarray(scores, dtype="float32")
    rows = image.shape[0]
    if scores.shape != (rows, rows):
        raise ValueError(f"scores must have shape ({rows}, {rows}), one weight per pair of the image's rows; "
                         f"got shape {scores.shape}")
    figure = _figure(3.6, 1.9 + (_TITLE_HEIGHT if title else 0))
    left, right = figure.subplots(1, 2)
    left.imshow(image, cmap="gray_r", vmin=0, vmax=1)
    left.set_title("图片")
    left.set_xticks([])
    right.imshow(scores, cmap="Blues", vmin=0, vmax=max(float(scores.max()), 1e-6))
    right.set_title("注意力")
    right.set_xlabel("被看的行")
    right.set_ylabel("查询行")
    for axis in (left, right):
        axis.set_yticks(range(rows))
    right.set_xticks(range(rows))
    _set_title(figure, title)
    return figure

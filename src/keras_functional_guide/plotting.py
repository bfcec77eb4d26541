"""Draw a model with Graphviz, or say in one line how to get Graphviz."""

import importlib.util
import os
import shutil

INSTALL_HINT = (
    "plot needs pydot and Graphviz's `dot` program: pip install pydot, then "
    "apt-get install graphviz (Debian/Ubuntu), brew install graphviz (macOS) "
    "or conda install -c conda-forge graphviz."
)


def graphviz_available():
    """Returns True if pydot is installed and Graphviz's ``dot`` is on the PATH."""
    return importlib.util.find_spec("pydot") is not None and shutil.which("dot") is not None


def plot(model, to_file=None, *, show_shapes=True, show_layer_names=True, show_dtype=False,
         expand_nested=False, rankdir="TB", dpi=72):
    """Draws ``model`` with ``keras.utils.model_to_dot``, with shapes and names shown.

    Unlike ``keras.utils.plot_model`` it writes no file unless asked to, and
    where pydot or Graphviz is missing it prints one line on how to install
    them and returns ``None`` instead of raising.

    Args:
        model: A built ``keras.Model``.
        to_file: Optional path to write; its suffix (``.png`` or ``.svg``)
            chooses the format. Nothing is written when it is ``None``.
        show_shapes: Show each layer's output shape.
        show_layer_names: Show each layer's name.
        show_dtype: Show each layer's dtype.
        expand_nested: Draw the layers inside nested models.
        rankdir: ``"TB"`` (top to bottom) or ``"LR"`` (left to right).
        dpi: Resolution of a PNG.

    Returns:
        An ``IPython.display.Image`` (PNG) or ``IPython.display.SVG`` that a
        notebook shows inline, or ``None`` if IPython, pydot or Graphviz is
        missing.

    Raises:
        ValueError: If ``to_file`` has a suffix other than .png or .svg, or
            ``rankdir`` is not "TB" or "LR".
    """
    image_format = "png"
    if to_file is not None:
        image_format = os.path.splitext(str(to_file))[1].lower().lstrip(".")
        if image_format not in ("png", "svg"):
            raise ValueError(f"to_file must end in .png or .svg, got {str(to_file)!r}")
    if rankdir not in ("TB", "LR"):
        raise ValueError(f"rankdir must be 'TB' or 'LR', got {rankdir!r}")
    if not graphviz_available():
        print(INSTALL_HINT)
        return None

    from tensorflow import keras

    dot = keras.utils.model_to_dot(
        model, show_shapes=show_shapes, show_layer_names=show_layer_names, show_dtype=show_dtype,
        expand_nested=expand_nested, rankdir=rankdir, dpi=dpi,
    )
    data = dot.create(format=image_format)
    if to_file is not None:
        with open(to_file, "wb") as file:
            file.write(data)
    try:
        from IPython import display
    except ImportError:
        return None
    if image_format == "svg":
        return display.SVG(data)
    return display.Image(data, format="png")

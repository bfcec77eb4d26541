"""Short errors in notebooks: the message and the learner's own line, not Keras's internals.

An error raised deep inside Keras comes with twenty to a hundred frames of
library code that a learner cannot act on. :func:`short_errors` makes IPython
show only the frames of the notebook's own cells, then the error's whole
message: Keras's messages often end with the fix, so no line of one is cut.
Warnings likewise show their category and message, without the path of the
library file that raised them. Nothing here imports TensorFlow.
"""

import sys
import traceback
import warnings

# The %xmode each shell had before short_errors(), restored by short_errors(False).
_SAVED_MODES = {}
# warnings.formatwarning before short_errors(), restored by short_errors(False).
_SAVED_FORMATWARNING = []


def _cell_label(shell, filename):
    """("Cell", "In[7]") for a notebook cell's code, None for a library file."""
    format_code_name = getattr(getattr(shell, "compile", None), "format_code_name", None)
    if format_code_name is not None:  # IPython >= 8
        return format_code_name(filename)
    if filename.startswith("<ipython-input-"):  # IPython 7: <ipython-input-7-0123abcd>
        return "Cell", "In[{}]".format(filename.split("-")[2])
    return None


def _short_traceback(shell, etype, value, tb):
    lines = []
    for frame in traceback.extract_tb(tb):
        label = _cell_label(shell, frame.filename)
        if label is None:
            continue  # A library frame: not the learner's code.
        lines.append(f"{label[0]} {label[1]}, line {frame.lineno}:")
        lines.append(f"    {(frame.line or '').strip()}")
    message = "".join(traceback.format_exception_only(etype, value)).rstrip("\n").splitlines()
    return lines + message


def _short_warning(message, category, filename, lineno, line=None):
    """``UserWarning: <message>``: the path of the Keras file that warned is not the learner's."""
    return f"{category.__name__}: {message}\n"


def short_errors(enable=True):
    """Shows errors in this IPython session as the learner's lines plus the message.

    Warnings show as ``UserWarning: <message>`` (``warnings.formatwarning``),
    without the library path and source line Python adds.

    Tracebacks stay available: ``%tb`` after an error prints the full one, in
    plain Python style (IPython's "Plain" ``%xmode``). The plain style is also
    what makes errors cheap: IPython 9 formats every error's full traceback for
    its history even when it is not shown, and in its default "Context" mode
    that parses each library file on the way (``executing``), up to seconds
    for one TensorFlow error. Outside IPython this does nothing.

    Args:
        enable: ``False`` restores IPython's normal tracebacks.

    Returns:
        ``None`` (so a notebook cell that ends with the call shows nothing).
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None:
        return None
    tracebacks = getattr(shell, "InteractiveTB", None)
    if not enable:
        if _SAVED_FORMATWARNING:
            warnings.formatwarning = _SAVED_FORMATWARNING.pop()
        shell.set_custom_exc((), None)
        if tracebacks is not None and id(shell) in _SAVED_MODES:
            tracebacks.set_mode(_SAVED_MODES.pop(id(shell)))
        return None
    if not _SAVED_FORMATWARNING:
        _SAVED_FORMATWARNING.append(warnings.formatwarning)
    warnings.formatwarning = _short_warning
    if tracebacks is not None:
        _SAVED_MODES.setdefault(id(shell), tracebacks.mode)
        tracebacks.set_mode("Plain")

    def handler(shell, etype, value, tb, tb_offset=None):
        # What IPython's own display records, so that %tb can show the whole story.
        sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb
        stb = _short_traceback(shell, etype, value, tb)
        shell._showtraceback(etype, value, stb)
        return stb

    # KeyboardInterrupt and SystemExit keep IPython's own handling.
    shell.set_custom_exc((Exception,), handler)
    return None

"""Short errors in notebooks: the learner's own statement and Keras's whole message.

An error raised deep inside Keras comes with twenty to a hundred frames of
library code that a learner cannot act on. :class:`ShortErrors`, an IPython
custom exception handler installed by ``%load_ext keras_functional_guide``,
shows only the frames of the notebook's own cells, each with its whole
statement (a call written over several lines shows all of them), then the
error's whole message: Keras's messages often end with the fix, so no line of
one is cut. :func:`one_line_warning` shows a warning as ``UserWarning:
message``, without the path of the library file that raised it.

Nothing here imports TensorFlow, and nothing here changes IPython by itself:
``_extension`` installs and removes these.
"""

import linecache
import sys
import traceback


def _cell_label(shell, filename):
    """("Cell", "In[7]") for a notebook cell's code, None for a library file."""
    format_code_name = getattr(getattr(shell, "compile", None), "format_code_name", None)
    if format_code_name is not None:  # IPython >= 8
        return format_code_name(filename)
    if filename.startswith("<ipython-input-"):  # IPython 7: <ipython-input-7-0123abcd>
        return "Cell", "In[{}]".format(filename.split("-")[2])
    if filename in getattr(linecache, "_ipython_cache", {}):
        # IPython 7 under ipykernel >= 6 names a cell /tmp/ipykernel_<pid>/<hash>.py, with no
        # record of its number: shown as IPython 7 itself shows it.
        return "File", filename
    return None


def _statement(frame):
    """The whole statement a frame is at, every line of it, dedented: ``frame.line`` is only its first."""
    end = getattr(frame, "end_lineno", None) or frame.lineno
    lines = [linecache.getline(frame.filename, number).rstrip() for number in range(frame.lineno, end + 1)]
    if not any(lines):
        return [(frame.line or "").strip()]
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return [line[indent:] for line in lines]


def short_traceback(shell, etype, value, tb):
    """The lines to show for an error: each cell frame ("Cell In[7], line 3:" and its statement),
    then the message, whole."""
    lines = []
    for frame in traceback.extract_tb(tb):
        label = _cell_label(shell, frame.filename)
        if label is None:
            continue  # A library frame: not the learner's code.
        lines.append(f"{label[0]} {label[1]}, line {frame.lineno}:")
        lines.extend(f"    {line}" for line in _statement(frame))
    message = "".join(traceback.format_exception_only(etype, value)).rstrip("\n").splitlines()
    return lines + message


def one_line_warning(message, category, filename, lineno, line=None):
    """``UserWarning: <message>``: the path of the Keras file that warned is not the learner's."""
    return f"{category.__name__}: {message}\n"


class ShortErrors:
    """IPython's custom exception handler for short errors (``shell.set_custom_exc``).

    Short only while the traceback mode is ``short_mode``, the one set when the
    handler was installed: a learner who then chooses another with ``%xmode``
    (``Context``, ``Verbose``, ``Minimal``, ``Docs``) gets IPython's own
    traceback in that mode. ``%tb`` always prints the full traceback.
    """

    def __init__(self, short_mode):
        self.short_mode = short_mode

    def __call__(self, shell, etype, value, tb, tb_offset=None):
        # What IPython's own display records, so that %tb can show the whole story.
        sys.last_type, sys.last_value, sys.last_traceback = etype, value, tb
        sys.last_exc = value
        tracebacks = shell.InteractiveTB
        if tracebacks.mode != self.short_mode:
            stb = tracebacks.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        else:
            stb = short_traceback(shell, etype, value, tb)
        shell._showtraceback(etype, value, stb)
        return stb

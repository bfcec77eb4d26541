"""The lessons' conveniences, as an IPython extension: ``%load_ext keras_functional_guide``.

Importing the package changes nothing outside it. A lesson's first line loads
this extension instead, explicitly, as ``%load_ext autoreload`` does; it

- imports TensorFlow and loads Keras without TensorFlow's C++ start-up lines,
  which a kernel would otherwise show under the first cell (``_quiet``: every
  other line still comes through, even if the import kills the process);
- keeps TensorFlow's Python logger to warnings and errors: in a kernel,
  ``tf.distribute`` otherwise prints ``INFO:tensorflow:`` lines on every
  reduction ("Reduce to /job:localhost/... then broadcast to ...");
- shows errors short (``errors.ShortErrors``: the learner's statements and the
  whole message) in IPython's "Plain" ``%xmode``, which is also what keeps an
  error cheap: IPython's default "Context" mode parses each library file of a
  TensorFlow traceback on the way. ``%tb`` prints the full traceback; another
  ``%xmode`` (``%xmode Context``) gives IPython's own tracebacks again;
- shows warnings on one line (``UserWarning: message``, without Keras's path);
- moves everything imported so far out of the garbage collector's reach
  (``gc.freeze``): TensorFlow leaves about 330,000 objects behind, and each
  ``keras.backend.clear_session()`` runs a full ``gc.collect()`` that would walk
  them all (0.2 s a call instead of 1-2 ms). They are modules, functions and
  classes that live as long as the kernel.

``%unload_ext keras_functional_guide`` gives back exactly what loading changed
and the learner has not changed since: the previous exception handler (one the
learner or another extension installed included), ``%xmode``,
``warnings.formatwarning``, the logger's level and the collector. TensorFlow
stays imported (Python cannot unimport a module).
"""

import gc
import logging
import warnings

from keras_functional_guide import errors

# What load() changed, per shell, for unload() to give back.
_SAVED = {}
_SHORT_MODE = "Plain"


def load(shell):
    """Loads the extension into ``shell`` (``%load_ext keras_functional_guide``)."""
    if id(shell) in _SAVED:
        return
    from keras_functional_guide._quiet import import_tensorflow_quietly

    import_tensorflow_quietly()
    import tensorflow as tf
    from tensorflow import keras

    keras.layers.Layer  # noqa: B018 - tf.keras loads Keras on first attribute access: before the freeze.
    import keras_functional_guide.data  # noqa: F401 - scikit-learn, before the freeze.

    tracebacks = shell.InteractiveTB
    logger = tf.get_logger()
    handler = errors.ShortErrors(_SHORT_MODE)
    saved = {
        "custom_exceptions": shell.custom_exceptions,
        "CustomTB": shell.CustomTB,
        "mode": tracebacks.mode,
        "formatwarning": warnings.formatwarning,
        "logger": (logger, logger.level),
        "frozen_before": gc.get_freeze_count(),
    }
    logger.setLevel(logging.WARNING)
    warnings.formatwarning = errors.one_line_warning
    tracebacks.set_mode(_SHORT_MODE)
    # KeyboardInterrupt and SystemExit keep IPython's own handling.
    shell.set_custom_exc((Exception,), handler)
    saved["ours"] = {"CustomTB": shell.CustomTB, "handler": handler}
    gc.freeze()
    _SAVED[id(shell)] = saved


def unload(shell):
    """Gives back what :func:`load` changed (``%unload_ext keras_functional_guide``).

    A setting the learner changed after loading (another ``%xmode``, another
    exception handler, another warning format or logger level) is theirs and stays.
    """
    saved = _SAVED.pop(id(shell), None)
    if saved is None:
        return
    if shell.CustomTB is saved["ours"]["CustomTB"]:
        shell.CustomTB = saved["CustomTB"]
        shell.custom_exceptions = saved["custom_exceptions"]
    if shell.InteractiveTB.mode == _SHORT_MODE:
        shell.InteractiveTB.set_mode(saved["mode"])
    if warnings.formatwarning is errors.one_line_warning:
        warnings.formatwarning = saved["formatwarning"]
    logger, level = saved["logger"]
    if logger.level == logging.WARNING:
        logger.setLevel(level)
    if saved["frozen_before"] == 0:
        gc.unfreeze()

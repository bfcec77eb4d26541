"""What ``import keras_functional_guide`` does in a Jupyter kernel, so a lesson's setup is its imports.

A lesson starts with the imports a learner would type. Importing the package in
a Jupyter kernel (JupyterLab, Notebook, VS Code, Colab, nbclient, nbval) also:

- imports TensorFlow and loads Keras without TensorFlow's C++ start-up lines,
  which a kernel would otherwise show under the first cell (see ``_quiet``),
  and keeps TensorFlow's Python logger to warnings and errors: in a kernel,
  ``tf.distribute`` otherwise prints ``INFO:tensorflow:`` lines on every
  reduction ("Reduce to /job:localhost/... then broadcast to ...");
- turns on :func:`keras_functional_guide.short_errors` (the learner's lines
  and the whole message; ``%tb`` for the rest, ``short_errors(False)`` to undo);
- moves everything imported so far out of the garbage collector's reach
  (``gc.freeze``): TensorFlow leaves about 330,000 objects behind, and each
  ``keras.backend.clear_session()`` runs a full ``gc.collect()`` that would walk
  them all (0.2 s a call instead of 1-2 ms; the kernel also exits 1-2 s sooner).
  They are modules, functions and classes that live as long as the kernel.

Outside a kernel (scripts, the command line, tests) the package stays lazy and
imports TensorFlow only when a builder is first used.
"""

import gc
import sys


def in_jupyter_kernel():
    """True if this code runs in an IPython kernel started by Jupyter (not a terminal IPython)."""
    if "IPython" not in sys.modules:  # Cheap first: never import IPython ourselves.
        return False
    from IPython import get_ipython

    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def setup_notebook():
    """Quiet TensorFlow, short errors and a frozen heap, once per kernel."""
    from keras_functional_guide._quiet import import_tensorflow_quietly
    from keras_functional_guide.errors import short_errors

    import_tensorflow_quietly()
    import logging

    import tensorflow as tf
    from tensorflow import keras

    tf.get_logger().setLevel(logging.WARNING)

    keras.layers.Layer  # noqa: B018 - tf.keras loads Keras on first attribute access.
    import keras_functional_guide.data  # noqa: F401 - scikit-learn, before the freeze.

    short_errors()
    gc.freeze()

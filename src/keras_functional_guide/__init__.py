"""keras_functional_guide: the Keras Functional API, one builder per case.

Each ``build_*`` function returns a new, uncompiled ``keras.Model`` made the
functional way (``keras.Input`` → layers → ``keras.Model``). The notebooks in
``notebooks/`` teach them in the order of the Chinese tutorial they follow.

TensorFlow is imported the first time a builder is used, not at import time;
in a Jupyter kernel, importing the package also imports TensorFlow quietly and
shortens error messages (see ``_notebook``), so a lesson's setup is its imports.
"""

from keras_functional_guide._compat import check_environment

check_environment()

__version__ = "0.1.0"

# Public name -> the submodule that defines it. Loaded on first use (PEP 562),
# so importing the package costs no more than reading these lines.
_LAZY = {
    "build_sequential_equivalent": "sequential",
    "build_sequential_counterpart": "sequential",
    "build_multi_input": "multi_input",
    "build_multi_output": "multi_output",
    "build_dag": "dag",
    "build_shared_layers": "shared_layers",
    "build_encoder": "nested",
    "build_nested": "nested",
    "build_digit_encoder": "transfer",
    "build_transfer_classifier": "transfer",
    "build_autoencoder": "autoencoder",
    "plot": "plotting",
    "EXAMPLES": "examples",
    "get_example": "examples",
    "train_example": "examples",
    "assert_same_network": "graph",
    "describe_network": "graph",
    "short_errors": "errors",
    "show_digits": "pictures",
    "plot_history": "pictures",
    "plot_curves": "pictures",
    "show_heatmap": "pictures",
    "show_reconstructions": "pictures",
}
_SUBMODULES = ("data", "examples", "exercises", "graph", "pictures", "plotting")

__all__ = sorted([*_LAZY, *_SUBMODULES])


def __getattr__(name):
    import importlib

    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *__all__])


from keras_functional_guide import _notebook  # noqa: E402 - after __getattr__, which it may use.

if _notebook.in_jupyter_kernel():
    _notebook.setup_notebook()

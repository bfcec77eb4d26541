"""keras_functional_guide: the Keras Functional API, one builder per case.

Each ``build_*`` function returns a new, uncompiled ``keras.Model`` made the
functional way (``keras.Input`` → layers → ``keras.Model``). The notebooks in
``notebooks/`` teach them in the order of the Chinese tutorial they follow.

Importing the package changes nothing outside it, in a script or a kernel:
TensorFlow is imported the first time a builder is used. The lessons'
conveniences (TensorFlow imported without its start-up lines, short errors,
one-line warnings) come from one explicit, reversible line, an IPython
extension: ``%load_ext keras_functional_guide`` (see ``_extension``).
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
    "build_recurrent_classifier": "sequences",
    "build_attention_classifier": "sequences",
    "build_any_size_classifier": "image_sizes",
    "plot": "plotting",
    "EXAMPLES": "examples",
    "get_example": "examples",
    "train_example": "training",
    "train_across_workers": "workers",
    "assert_same_network": "graph",
    "describe_network": "graph",
    "show_digits": "pictures",
    "plot_history": "pictures",
    "plot_curves": "pictures",
    "show_heatmap": "pictures",
    "show_reconstructions": "pictures",
    "show_attention": "pictures",
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


def load_ipython_extension(ipython):
    """``%load_ext keras_functional_guide``: what a lesson's first line turns on (see ``_extension``)."""
    from keras_functional_guide import _extension

    _extension.load(ipython)


def unload_ipython_extension(ipython):
    """``%unload_ext keras_functional_guide``: gives back what loading changed."""
    from keras_functional_guide import _extension

    _extension.unload(ipython)

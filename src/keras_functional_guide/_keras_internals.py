"""The one place that reads Keras's private attributes, behind named functions.

Keras has no public API for some facts about a functional graph: which layer
produced a symbolic tensor, how often a layer was called, which calls belong to
which model. :mod:`keras_functional_guide.graph` and the exercises' checkers need
them, and read them only through the functions here, so that a Keras release
that renames one (``KerasHistory.layer`` became ``.operation`` in Keras 3)
touches this file alone. ``tests/test_keras_internals.py`` checks each function
on real models and fails on a Keras outside :data:`CHECKED_ON`, the releases
this file was checked against.
"""

# Keras releases these functions were checked against (tests/test_keras_internals.py):
# on a newer release, re-check them and widen the range.
CHECKED_ON = ">=3.14.1,<=3.15.1"


def producer(tensor):
    """``(layer, call, output)`` that produced a symbolic tensor: the layer, the index of
    its call (node) among all its calls, and which of that call's outputs it is."""
    history = tensor._keras_history
    return history.operation, history.node_index, history.tensor_index


def producer_name(tensor):
    """The name of the layer that produced a symbolic tensor (an output layer's name)."""
    return tensor._keras_history.operation.name


def calls(layer):
    """Every call (node) of ``layer`` on symbolic tensors, in order, in whatever model."""
    return list(layer._inbound_nodes)


def call_count(layer):
    """How many times ``layer`` was called on symbolic tensors, in all models together."""
    return len(layer._inbound_nodes)


def model_calls(model):
    """The calls (nodes) that make up a functional ``model``'s graph."""
    found = []
    for depth_nodes in model._nodes_by_depth.values():
        found.extend(depth_nodes)
    return found


def is_functional(model):
    """True for a model with a functional graph of its own (functional, not subclassed or Sequential)."""
    return hasattr(model, "_nodes_by_depth")


def sequential_graph(model):
    """The functional model a ``keras.Sequential`` built from an ``Input`` keeps inside, or None."""
    return getattr(model, "_functional", None)

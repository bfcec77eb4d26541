"""Read a functional model's graph: which layer feeds which, how often a layer is called.

``keras.Model.summary()`` prints these facts as text; this module returns them
as data, so that a lesson can check that the model it typed inline and the
package's builder are the same network (:func:`assert_same_network`), and so
that the exercises can grade a learner's model by its structure.

Taught in every lesson that builds a model (the cell after the inline model).
"""

import dataclasses

from tensorflow import keras

from keras_functional_guide import _keras_internals as internals


@dataclasses.dataclass(frozen=True)
class LayerInfo:
    """One layer of a functional model, as :func:`describe_network` sees it.

    Attributes:
        name: The layer's name.
        class_name: Its class, e.g. ``"Dense"``; ``"Functional"`` for a nested model.
        calls: Its inbound connections, one tuple per call inside this model;
            each item is ``"layer[call][tensor]"`` as in the summary's "Connected
            to" column, with ``call`` counted among this model's calls only.
        output_shapes: The shapes of its outputs, one tuple per call.
        params: Its number of weights (trainable and not).
        nested: For a layer that is itself a model, its own description.
    """

    name: str
    class_name: str
    calls: tuple
    output_shapes: tuple
    params: int
    nested: tuple = ()


def _calls_in_model(layer, relevant):
    """The layer's nodes (calls) that belong to this model, in call order."""
    return [node for node in internals.calls(layer) if any(node is other for other in relevant)]


def _shape(tensor):
    return tuple(tensor.shape)


def _graph_model(model, argument):
    """The functional graph behind ``model``: itself, or a Sequential's inner functional model."""
    if isinstance(model, keras.Sequential) and internals.sequential_graph(model) is not None:
        return internals.sequential_graph(model)
    if not isinstance(model, keras.Model) or not internals.is_functional(model):
        raise ValueError(
            f"{argument} must be a functional keras.Model (or a Sequential built with an Input), "
            f"got {type(model).__name__}"
        )
    return model


def describe_network(model):
    """Describes every layer of a functional model: class, connections, shapes, parameters.

    Two models with equal descriptions are the same network: the same layers
    (by name and class) wired the same way, with the same output shapes and
    parameter counts. Weights are not compared.

    Args:
        model: A functional ``keras.Model``, or a ``keras.Sequential`` built
            from an ``Input``.

    Returns:
        A tuple of :class:`LayerInfo`, in the model's layer order, input layers included.

    Raises:
        ValueError: If ``model`` is not such a model.
    """
    model = _graph_model(model, "model")
    relevant = internals.model_calls(model)
    described = []
    for layer in model.layers:
        calls, shapes = [], []
        for node in _calls_in_model(layer, relevant):
            inbound = []
            for tensor in node.input_tensors:
                source, node_index, tensor_index = internals.producer(tensor)
                source_node = internals.calls(source)[node_index]
                source_calls = _calls_in_model(source, relevant)
                call = next((i for i, other in enumerate(source_calls) if other is source_node), node_index)
                inbound.append(f"{source.name}[{call}][{tensor_index}]")
            calls.append(tuple(inbound))
            shapes.append(tuple(_shape(tensor) for tensor in node.output_tensors))
        is_graph = isinstance(layer, keras.Model) and (
            internals.is_functional(layer) or internals.sequential_graph(layer) is not None
        )
        nested = describe_network(layer) if is_graph else ()
        described.append(LayerInfo(
            name=layer.name,
            class_name=type(layer).__name__,
            calls=tuple(calls),
            output_shapes=tuple(shapes),
            params=int(layer.count_params()) if layer.built else 0,
            nested=nested,
        ))
    return tuple(described)


def call_count(model, layer_name):
    """How many times the layer called ``layer_name`` is called inside ``model``.

    A shared layer is called once per branch that uses it: a siamese model
    calls its tower twice.

    Raises:
        ValueError: If ``model`` is not a functional model or has no such layer.
    """
    model = _graph_model(model, "model")
    names = [layer.name for layer in model.layers]
    if layer_name not in names:
        raise ValueError(f"layer_name must be one of the model's layers {names}, got {layer_name!r}")
    return len(_calls_in_model(model.get_layer(layer_name), internals.model_calls(model)))


def inbound_layers(model, layer_name, *, call=0):
    """The names of the layers whose outputs feed ``layer_name`` at its ``call``-th call.

    Raises:
        ValueError: If ``model`` is not a functional model, has no such layer,
            or the layer is not called that often.
    """
    count = call_count(model, layer_name)
    if not isinstance(call, int) or not 0 <= call < count:
        raise ValueError(f"call must be an integer in [0, {count}) for layer {layer_name!r}, got {call!r}")
    info = next(layer for layer in describe_network(model) if layer.name == layer_name)
    return [connection.split("[", 1)[0] for connection in info.calls[call]]


def _io(model):
    return (
        [(tensor.name, _shape(tensor)) for tensor in model.inputs],
        [_shape(tensor) for tensor in model.outputs],
    )


def network_differences(expected, actual):
    """Lists how ``actual`` differs from ``expected`` as a network, in plain English.

    Returns:
        A list of strings, empty when the two are the same network.

    Raises:
        ValueError: If either is not a functional model.
    """
    expected = _graph_model(expected, "expected")
    actual = _graph_model(actual, "actual")
    differences = []
    (expected_inputs, expected_outputs), (actual_inputs, actual_outputs) = _io(expected), _io(actual)
    if sorted(expected_inputs) != sorted(actual_inputs):
        differences.append(f"inputs: expected {expected_inputs}, got {actual_inputs}")
    if sorted(expected_outputs) != sorted(actual_outputs):
        differences.append(f"output shapes: expected {expected_outputs}, got {actual_outputs}")
    expected_layers = {layer.name: layer for layer in describe_network(expected)}
    actual_layers = {layer.name: layer for layer in describe_network(actual)}
    missing = [name for name in expected_layers if name not in actual_layers]
    extra = [name for name in actual_layers if name not in expected_layers]
    if missing:
        differences.append(f"layers missing: {missing}")
    if extra:
        differences.append(f"unexpected layers: {extra}")
    for name, want in expected_layers.items():
        got = actual_layers.get(name)
        if got is None:
            continue
        for field in ("class_name", "calls", "output_shapes", "params", "nested"):
            if getattr(want, field) != getattr(got, field):
                differences.append(
                    f"layer {name!r}: {field} expected {getattr(want, field)!r}, got {getattr(got, field)!r}"
                )
    if expected.count_params() != actual.count_params():
        differences.append(f"parameters: expected {expected.count_params():,}, got {actual.count_params():,}")
    return differences


def assert_same_network(expected, actual):
    """Checks that two models are the same network; raises if they are not.

    Compares what the summary shows: input names and shapes, output shapes,
    every layer's name, class, connections ("Connected to"), output shapes and
    parameter count, recursively into nested models, and the total parameter
    count. Weights and the models' own names are not compared.

    Args:
        expected: A functional ``keras.Model`` (for example one typed in a lesson).
        actual: Another (for example the package's builder's).

    Returns:
        The number of layers and parameters compared, as ``(layers, params)``.

    Raises:
        AssertionError: If they differ; the message lists the first differences.
        ValueError: If either is not a functional model.
    """
    differences = network_differences(expected, actual)
    if differences:
        shown = "\n  ".join(differences[:5])
        more = f"\n  ... and {len(differences) - 5} more" if len(differences) > 5 else ""
        raise AssertionError(f"the two models are different networks:\n  {shown}{more}")
    return len(expected.layers), int(expected.count_params())

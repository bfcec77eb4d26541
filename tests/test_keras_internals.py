"""The adapter over Keras's private attributes, checked on real models, and pinned to the Keras
releases it was checked against: on a newer Keras this fails first, before anything that uses it.

The only test module allowed to import a private name of the package.
"""

import keras as keras_distribution
import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import _keras_internals as internals


def test_the_installed_keras_is_one_the_adapter_was_checked_on():
    assert Version(keras_distribution.__version__) in SpecifierSet(internals.CHECKED_ON), (
        f"keras {keras_distribution.__version__} is outside {internals.CHECKED_ON}: re-check every function in "
        "_keras_internals.py against its source, then widen CHECKED_ON")


@pytest.fixture
def siamese():
    """Two inputs through one shared Dense (called twice), merged, then a head; and a second model
    that calls the shared layer once more."""
    left, right = keras.Input(shape=(3,), name="left"), keras.Input(shape=(3,), name="right")
    shared = layers.Dense(4, name="shared")
    merged = layers.Concatenate(name="merge")([shared(left), shared(right)])
    head = layers.Dense(1, name="head")(merged)
    model = keras.Model([left, right], head)
    other = keras.Input(shape=(3,), name="other")
    elsewhere = keras.Model(other, shared(other))
    return model, elsewhere, shared


def test_producer_names_the_layer_its_call_and_its_output(siamese):
    model, _, shared = siamese
    merge = model.get_layer("merge")
    first, second = (tensor for tensor in internals.calls(merge)[0].input_tensors)
    assert internals.producer(first) == (shared, 0, 0)
    assert internals.producer(second) == (shared, 1, 0)
    assert internals.producer_name(model.outputs[0]) == "head"


def test_calls_count_every_call_in_every_model(siamese):
    model, elsewhere, shared = siamese
    assert internals.call_count(shared) == 3  # Twice in the siamese model, once in the other.
    assert len(internals.calls(shared)) == 3
    ours = internals.model_calls(model)
    assert sum(any(node is mine for mine in ours) for node in internals.calls(shared)) == 2
    assert sum(any(node is mine for mine in internals.model_calls(elsewhere)) for node in internals.calls(shared)) == 1


def test_is_functional_and_the_graph_inside_a_sequential():
    inputs = keras.Input(shape=(2,))
    functional = keras.Model(inputs, layers.Dense(1)(inputs))
    sequential = keras.Sequential([keras.Input(shape=(2,)), layers.Dense(1)])

    class Subclassed(keras.Model):
        def call(self, x):
            return x

    assert internals.is_functional(functional)
    assert not internals.is_functional(Subclassed())
    inner = internals.sequential_graph(sequential)
    assert inner is not None and internals.is_functional(inner)
    assert internals.sequential_graph(keras.Sequential([layers.Dense(1)])) is None  # No Input: no graph yet.

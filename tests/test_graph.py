"""assert_same_network and friends, against structures worked out by hand."""

import pytest
from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide import graph


def chain(units=4, name="chain"):
    inputs = keras.Input(shape=(3,), name="x")
    hidden = layers.Dense(units, name="hidden")(inputs)
    return keras.Model(inputs, layers.Dense(2, name="out")(hidden), name=name)


def test_same_network_counts_layers_and_parameters():
    # Input, hidden (3*4+4 = 16), out (4*2+2 = 10).
    assert kfg.assert_same_network(chain(), chain(name="other")) == (3, 26)


def test_different_sizes_are_reported():
    with pytest.raises(AssertionError, match="layer 'hidden': output_shapes"):
        kfg.assert_same_network(chain(), chain(units=5))


def test_different_wiring_is_reported():
    a = keras.Input(shape=(3,), name="x")
    first = layers.Dense(3, name="first")
    second = layers.Dense(3, name="second")
    straight = keras.Model(a, second(first(a)))
    b = keras.Input(shape=(3,), name="x")
    first, second = layers.Dense(3, name="first"), layers.Dense(3, name="second")
    swapped = keras.Model(b, first(second(b)))
    with pytest.raises(AssertionError, match="calls expected"):
        kfg.assert_same_network(straight, swapped)


def test_sequential_and_functional_forms_are_the_same_network():
    functional = kfg.build_sequential_equivalent(input_shape=(8, 8, 1), filters=4, fc_units=8)
    sequential = kfg.build_sequential_counterpart(input_shape=(8, 8, 1), filters=4, fc_units=8)
    kfg.assert_same_network(functional, sequential)


def test_shared_layer_calls_are_counted_per_model():
    model = kfg.build_shared_layers()
    assert graph.call_count(model, "shared_conv") == 2
    assert graph.inbound_layers(model, "shared_conv", call=1) == ["image_b"]
    assert graph.inbound_layers(model, "difference") == ["shared_embedding", "shared_embedding"]


def test_nested_models_are_compared_inside():
    outer = kfg.build_nested()
    other = kfg.build_nested(feature_units=32)
    with pytest.raises(AssertionError, match="layer 'encoder'"):
        kfg.assert_same_network(outer, other)


@pytest.mark.parametrize("bad", [None, "model", layers.Dense(2)])
def test_non_models_are_a_value_error(bad):
    with pytest.raises(ValueError, match="must be a functional keras.Model"):
        kfg.describe_network(bad)


def test_unknown_layer_and_call_are_value_errors():
    model = chain()
    with pytest.raises(ValueError, match="layer_name must be one of"):
        graph.call_count(model, "nope")
    with pytest.raises(ValueError, match=r"call must be an integer in \[0, 1\)"):
        graph.inbound_layers(model, "hidden", call=1)

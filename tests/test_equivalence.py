"""§1: the Functional API covers Sequential. Same network both ways, same predictions."""

import numpy as np
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data

SMALL = {"input_shape": (8, 8, 1), "filters": 16, "fc_units": 64}


def test_functional_and_sequential_are_the_same_network():
    functional = kfg.build_sequential_equivalent(**SMALL)
    sequential = kfg.build_sequential_counterpart(**SMALL)
    assert isinstance(sequential, keras.Sequential)
    assert not isinstance(functional, keras.Sequential)
    assert functional.count_params() == sequential.count_params() == 19_578
    functional_layers = [layer for layer in functional.layers if not isinstance(layer, keras.layers.InputLayer)]
    assert [layer.get_config() for layer in functional_layers] == [
        layer.get_config() for layer in sequential.layers
    ]


def test_copied_weights_give_identical_predictions():
    functional = kfg.build_sequential_equivalent(**SMALL)
    sequential = kfg.build_sequential_counterpart(**SMALL)
    images = data.load_digits()[1][0]
    # Freshly initialised, the two differ; with the weights copied across they agree.
    assert not np.array_equal(functional.predict(images, verbose=0), sequential.predict(images, verbose=0))
    sequential.set_weights(functional.get_weights())
    np.testing.assert_array_equal(functional.predict(images, verbose=0), sequential.predict(images, verbose=0))

"""build_autoencoder: names, hand-counted parameters, shared halves, bad arguments, a lossless save."""

import numpy as np
import pytest
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data


def dense(units_in, units_out):
    return units_in * units_out + units_out


def test_default_autoencoder_has_two_nested_halves_and_the_hand_counted_parameters():
    model = kfg.build_autoencoder()
    assert model.name == "autoencoder"
    assert [layer.name for layer in model.layers] == ["image", "encoder", "decoder"]
    encoder, decoder = model.get_layer("encoder"), model.get_layer("decoder")
    assert [layer.name for layer in encoder.layers] == ["image", "flatten", "code"]
    assert [layer.name for layer in decoder.layers] == ["code_input", "pixels", "reconstruction"]
    assert encoder.count_params() == dense(64, 16) == 1_040
    assert decoder.count_params() == dense(16, 64) == 1_088
    assert model.count_params() == 2_128
    assert [tensor.name for tensor in model.inputs] == ["image"]
    assert model.output_shape == (None, 8, 8, 1)
    assert encoder.output_shape == (None, 16)


def test_sizes_are_keyword_arguments():
    model = kfg.build_autoencoder(image_shape=(4, 6, 2), code_units=5, name="small")
    assert model.name == "small"
    assert model.output_shape == (None, 4, 6, 2)
    assert model.count_params() == dense(48, 5) + dense(5, 48)
    with pytest.raises(TypeError):
        kfg.build_autoencoder((8, 8, 1))  # pylint: disable=too-many-function-args


def test_the_three_models_share_their_weights():
    keras.utils.set_random_seed(0)
    model = kfg.build_autoencoder()
    encoder, decoder = model.get_layer("encoder"), model.get_layer("decoder")
    assert len(model.weights) == len(encoder.weights) + len(decoder.weights) == 4
    assert all(any(weight is other for other in model.weights) for weight in encoder.weights + decoder.weights)
    images = data.load_digits()[1][0][:16]
    np.testing.assert_array_equal(model(images).numpy(), decoder(encoder(images)).numpy())
    reconstruction = model(images).numpy()
    assert reconstruction.min() >= 0.0 and reconstruction.max() <= 1.0


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"image_shape": (8, 8)}, r"image_shape must be an image shape .* got \(8, 8\)"),
        ({"image_shape": (8, 0, 1)}, r"image_shape must be .* got \(8, 0, 1\)"),
        ({"code_units": 0}, r"code_units must be an integer >= 1, got 0"),
        ({"code_units": 2.5}, r"code_units must be an integer >= 1, got 2.5"),
        ({"code_units": True}, r"code_units must be an integer >= 1, got True"),
        ({"name": ""}, r"name must be a non-empty string"),
        ({"name": "encoder"}, r"name must differ from the inner models' names 'encoder' and 'decoder', got 'encoder'"),
        ({"name": "decoder"}, r"got 'decoder'"),
    ],
)
def test_bad_arguments_are_value_errors_before_any_layer_is_built(arguments, message):
    with pytest.raises(ValueError, match=message):
        kfg.build_autoencoder(**arguments)
    # Nothing was built: the first layer made now gets the first automatic name.
    assert keras.layers.Dense(1).name == "dense"


def test_keras_round_trip_in_safe_mode_gives_identical_predictions(tmp_path):
    keras.utils.set_random_seed(0)
    model = kfg.build_autoencoder()
    path = tmp_path / "autoencoder.keras"
    model.save(path)
    loaded = keras.models.load_model(path, safe_mode=True)
    images = data.load_digits()[1][0]
    np.testing.assert_array_equal(model.predict(images, verbose=0), loaded.predict(images, verbose=0))
    assert [layer.name for layer in loaded.layers] == ["image", "encoder", "decoder"]
    kfg.assert_same_network(model, loaded)

"""The any-size classifier (lesson 26): counts by hand, any height and width, bad input, a lossless save."""

import re

import numpy as np
import pytest
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data

# Conv2D 3×3: one 3×3 kernel per input/output channel pair, plus a bias per filter;
# global pooling has no weights; Dense: one weight per (channel, class) plus a bias per class.
DEFAULT_PARAMS = (3 * 3 * 1 * 16 + 16) + (3 * 3 * 16 * 32 + 32) + (32 * 10 + 10)  # 160 + 4,640 + 330


def test_names_shapes_and_the_parameter_count_by_hand():
    model = kfg.build_any_size_classifier()
    assert model.name == "any_size_classifier"
    assert [layer.name for layer in model.layers] == ["image", "conv1", "conv2", "pool", "digit"]
    assert [tensor.name for tensor in model.inputs] == ["image"] and model.output_names == ["digit"]
    assert tuple(model.input.shape) == (None, None, None, 1)
    assert tuple(model.get_layer("conv2").output.shape) == (None, None, None, 32)
    assert tuple(model.output.shape) == (None, 10)
    assert isinstance(model.get_layer("pool"), keras.layers.GlobalMaxPooling2D)
    assert model.count_params() == DEFAULT_PARAMS == 5130


def test_other_sizes_pooling_and_classes():
    model = kfg.build_any_size_classifier(filters=(8,), num_classes=3, pooling="average", name="small")
    assert model.name == "small"
    assert [layer.name for layer in model.layers] == ["image", "conv1", "pool", "digit"]
    assert isinstance(model.get_layer("pool"), keras.layers.GlobalAveragePooling2D)
    assert model.count_params() == (3 * 3 * 1 * 8 + 8) + (8 * 3 + 3)
    three = kfg.build_any_size_classifier(filters=[4, 4, 4])
    assert [layer.name for layer in three.layers][1:4] == ["conv1", "conv2", "conv3"]


@pytest.mark.parametrize("pooling", ["max", "average"])
def test_the_same_model_takes_8x8_12x12_and_16x16_images(pooling):
    model = kfg.build_any_size_classifier(pooling=pooling)
    for size in (8, 12, 16):
        probabilities = model(np.random.default_rng(size).random((3, size, size, 1), dtype="float32")).numpy()
        assert probabilities.shape == (3, 10)
        np.testing.assert_allclose(probabilities.sum(axis=1), 1, rtol=1e-5)


def test_no_lambda_and_a_new_model_each_call():
    first, second = kfg.build_any_size_classifier(), kfg.build_any_size_classifier()
    assert first is not second and first.get_layer("conv1") is not second.get_layer("conv1")
    assert not any(isinstance(layer, keras.layers.Lambda) for layer in first.layers)


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"filters": 16}, "filters must be a non-empty tuple of integers >= 1 (one per convolution), got 16"),
        ({"filters": ()}, "filters must be a non-empty tuple of integers >= 1 (one per convolution), got ()"),
        ({"filters": (16, 0)}, "got (16, 0)"),
        ({"filters": (16, 2.5)}, "got (16, 2.5)"),
        ({"filters": (True,)}, "got (True,)"),
        ({"filters": "16"}, "filters must be a non-empty tuple"),
        ({"num_classes": 1}, "num_classes must be an integer >= 2, got 1"),
        ({"pooling": "avg"}, "pooling must be one of 'average', 'max'; got 'avg'"),
        ({"pooling": None}, "pooling must be one of 'average', 'max'; got None"),
        ({"pooling": ["max"]}, "pooling must be one of 'average', 'max'; got ['max']"),
        ({"name": ""}, "name must be a non-empty string"),
        ({"name": "a/b"}, "name must be a non-empty string without '/'"),
    ],
)
def test_bad_arguments_are_value_errors(arguments, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        kfg.build_any_size_classifier(**arguments)


def test_save_and_safe_load_give_identical_predictions_at_two_sizes(tmp_path):
    keras.utils.set_random_seed(0)
    model = kfg.build_any_size_classifier()
    images = data.digit_task().x_test[:16]
    bigger = np.repeat(np.repeat(images, 2, axis=1), 2, axis=2)
    model.save(tmp_path / "any_size.keras")
    loaded = keras.models.load_model(tmp_path / "any_size.keras", safe_mode=True)
    assert loaded.name == model.name and tuple(loaded.input.shape) == (None, None, None, 1)
    assert loaded.count_params() == DEFAULT_PARAMS
    for batch in (images, bigger):
        np.testing.assert_array_equal(model.predict(batch, verbose=0), loaded.predict(batch, verbose=0))

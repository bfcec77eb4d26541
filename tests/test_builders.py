"""Every builder: names, shapes, parameter counts worked out by hand, and a lossless save."""

import numpy as np
import pytest
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data
from keras_functional_guide.examples import EXAMPLES


def conv(kernel, channels_in, filters):
    """Parameters of a Conv2D: one kernel per input/output channel pair, plus biases."""
    return kernel * kernel * channels_in * filters + filters


def dense(units_in, units_out):
    return units_in * units_out + units_out


BUILDERS = [
    kfg.build_sequential_equivalent,
    kfg.build_sequential_counterpart,
    kfg.build_multi_input,
    kfg.build_multi_output,
    kfg.build_dag,
    kfg.build_shared_layers,
    kfg.build_encoder,
    kfg.build_nested,
]


def all_layers(model):
    for layer in model.layers:
        yield layer
        if isinstance(layer, keras.Model):
            yield from all_layers(layer)


def output_names(model):
    if isinstance(model, keras.Sequential):  # A Sequential's output is its last layer.
        return [model.layers[-1].name]
    return sorted(model.output_names)


def input_names(model):
    # An Input's tensor carries the name given to keras.Input.
    return sorted(tensor.name for tensor in model.inputs)


def zeros_for(model, batch):
    """A batch of zeros in the structure the model takes: an array, or a dict by input name."""
    arrays = {tensor.name: np.zeros((batch, *tensor.shape[1:]), tensor.dtype) for tensor in model.inputs}
    return arrays if len(arrays) > 1 else next(iter(arrays.values()))


def test_default_tutorial_model_has_the_documented_parameter_count():
    # The tutorial's §2 example at 32×32×3 with 10 classes: the pooled 16×16×64
    # map flattened into Dense(4096) holds nearly everything.
    expected = (
        conv(3, 3, 64) + conv(3, 64, 64) + dense(16 * 16 * 64, 4096) + dense(4096, 10)
    )
    assert expected == 67_192_650
    model = kfg.build_sequential_equivalent()
    assert model.name == "VGG19"
    assert model.count_params() == expected
    assert model.get_layer("fc").count_params() == 67_112_960
    assert model.output_shape == (None, 10)
    assert [layer.name for layer in model.layers] == [
        "image", "conv1", "conv2", "block1_maxpool", "flatten", "fc", "predictions"
    ]


@pytest.mark.parametrize(
    "builder, expected_count, inputs, outputs, output_shapes",
    [
        (
            lambda: kfg.build_sequential_equivalent(input_shape=(8, 8, 1), filters=16, fc_units=64),
            conv(3, 1, 16) + conv(3, 16, 16) + dense(4 * 4 * 16, 64) + dense(64, 10),
            ["image"], ["predictions"], (4, 10),
        ),
        (
            kfg.build_multi_input,
            conv(3, 1, 16) + 10 * 8 + dense(8 * 8 * 16 + 8, 64) + dense(64, 1),
            ["image", "query"], ["match"], {"match": (4, 1)},
        ),
        (
            kfg.build_multi_output,
            conv(3, 1, 16) + dense(8 * 8 * 16, 64) + dense(64, 10) + dense(64, 1),
            ["image"], ["digit", "parity"], {"digit": (4, 10), "parity": (4, 1)},
        ),
        (
            kfg.build_dag,
            # stem, three branches (1×1, 3×3, pool then 1×1), 1×1 projection of
            # the 48 concatenated channels, classifier on the flattened map.
            conv(3, 1, 16) + conv(1, 16, 16) + conv(3, 16, 16) + conv(1, 16, 16)
            + conv(1, 48, 16) + dense(8 * 8 * 16, 10),
            ["image"], ["digit"], (4, 10),
        ),
        (
            kfg.build_shared_layers,
            conv(3, 1, 16) + dense(8 * 8 * 16, 32) + dense(32, 1),
            ["image_a", "image_b"], ["same_digit"], {"same_digit": (4, 1)},
        ),
        (
            kfg.build_encoder,
            conv(3, 1, 16) + dense(8 * 8 * 16, 64),
            ["image"], ["features"], (4, 64),
        ),
        (
            kfg.build_nested,
            conv(3, 1, 16) + dense(8 * 8 * 16, 64) + dense(64, 10),
            ["image"], ["digit"], (4, 10),
        ),
    ],
    ids=["sequential_equivalent", "multi_input", "multi_output", "dag", "shared_layers", "encoder", "nested"],
)
def test_builder_names_shapes_and_parameter_count(builder, expected_count, inputs, outputs, output_shapes):
    model = builder()
    assert isinstance(model, keras.Model)
    assert model.built
    assert not model.compiled
    assert model.count_params() == expected_count
    assert input_names(model) == inputs
    assert output_names(model) == outputs
    predictions = model.predict(zeros_for(model, batch=4), verbose=0)
    assert keras.tree.map_structure(lambda array: array.shape, predictions) == output_shapes


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda builder: builder.__name__)
def test_builder_returns_a_new_functional_model_without_lambda(builder):
    first, second = builder(), builder()
    assert first is not second
    # New layers every call: no variable is shared between two built models.
    assert not {id(v) for v in first.weights} & {id(v) for v in second.weights}
    expected_class = "Sequential" if builder is kfg.build_sequential_counterpart else "Functional"
    assert type(first).__name__ == expected_class
    assert not [layer for layer in all_layers(first) if isinstance(layer, keras.layers.Lambda)]


def test_nested_model_calls_the_encoder_as_one_layer():
    model = kfg.build_nested()
    encoder = model.get_layer("encoder")
    assert isinstance(encoder, keras.Model)
    assert [layer.name for layer in model.layers] == ["image", "encoder", "digit"]
    # The encoder's variables are the outer model's: training one trains the other.
    encoder_ids = {id(v) for v in encoder.trainable_weights}
    assert encoder_ids <= {id(v) for v in model.trainable_weights}
    images = data.load_digits()[1][0][:8]
    features = encoder.predict(images, verbose=0)
    head = model.get_layer("digit")
    np.testing.assert_allclose(head(features).numpy(), model.predict(images, verbose=0), rtol=1e-6, atol=1e-7)


def _first(batch, count=16):
    if isinstance(batch, dict):
        return {key: value[:count] for key, value in batch.items()}
    return batch[:count]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_save_and_safe_load_give_identical_predictions(example, tmp_path):
    model = example.build()
    inputs = _first(example.load_task().x_test)
    before = model.predict(inputs, verbose=0)
    path = tmp_path / f"{example.name}.keras"
    model.save(path)
    loaded = keras.models.load_model(path, safe_mode=True)
    after = loaded.predict(inputs, verbose=0)
    assert type(loaded).__name__ == type(model).__name__
    assert loaded.name == model.name
    assert output_names(loaded) == output_names(model)
    for expected, actual in zip(keras.tree.flatten(before), keras.tree.flatten(after)):
        np.testing.assert_array_equal(expected, actual)


def test_save_and_safe_load_of_the_encoder(tmp_path):
    model = kfg.build_encoder()
    images = data.load_digits()[1][0][:16]
    model.save(tmp_path / "encoder.keras")
    loaded = keras.models.load_model(tmp_path / "encoder.keras", safe_mode=True)
    np.testing.assert_array_equal(model.predict(images, verbose=0), loaded.predict(images, verbose=0))

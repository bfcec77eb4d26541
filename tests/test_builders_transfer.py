"""The transfer builders (lesson 15) and their data: counts by hand, freezing, bad input, a lossless save."""

import numpy as np
import pytest
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data

# Conv2D 3×3, 1 channel → 16, no bias; BatchNormalization: gamma, beta (trainable),
# moving mean and variance (not trainable), 16 each; Dense 4·4·16 → 5 with biases.
CONV = 3 * 3 * 1 * 16
NORM_TRAINABLE, NORM_MOVING = 2 * 16, 2 * 16
HEAD = 4 * 4 * 16 * 5 + 5


def counts(model):
    trainable = sum(int(np.prod(weight.shape)) for weight in model.trainable_weights)
    frozen = sum(int(np.prod(weight.shape)) for weight in model.non_trainable_weights)
    return trainable, frozen


def all_layers(model):
    for layer in model.layers:
        yield layer
        if isinstance(layer, keras.Model):
            yield from all_layers(layer)


def test_encoder_names_shapes_and_counts():
    encoder = kfg.build_digit_encoder()
    assert encoder.name == "digit_encoder"
    assert [layer.name for layer in encoder.layers] == ["image", "conv", "conv_norm", "conv_relu", "pool", "features"]
    assert tuple(encoder.output.shape) == (None, 256)
    assert counts(encoder) == (CONV + NORM_TRAINABLE, NORM_MOVING)


def test_new_classifier_trains_everything_and_frozen_one_only_the_head():
    fresh = kfg.build_transfer_classifier()
    assert fresh.name == "transfer_classifier" and fresh.output_names == ["digit"]
    assert [tensor.name for tensor in fresh.inputs] == ["image"]
    assert counts(fresh) == (CONV + NORM_TRAINABLE + HEAD, NORM_MOVING)

    encoder = kfg.build_digit_encoder()
    frozen = kfg.build_transfer_classifier(encoder=encoder, freeze_encoder=True, num_classes=5)
    assert encoder.trainable is False and frozen.get_layer("digit_encoder") is encoder
    assert counts(frozen) == (HEAD, CONV + NORM_TRAINABLE + NORM_MOVING)


def test_frozen_encoder_normalizes_in_inference_mode_until_unfrozen():
    encoder = kfg.build_digit_encoder()
    model = kfg.build_transfer_classifier(encoder=encoder, freeze_encoder=True)
    images = data.transfer_task().x_test[:32]
    moving_mean = encoder.get_layer("conv_norm").moving_mean.numpy().copy()
    # Frozen: training=True (as in fit) changes nothing, moving statistics stay.
    np.testing.assert_allclose(model(images, training=True), model(images, training=False), rtol=1e-6)
    np.testing.assert_array_equal(moving_mean, encoder.get_layer("conv_norm").moving_mean.numpy())
    # Unfrozen: batch statistics again, and the moving mean moves.
    encoder.trainable = True
    assert not np.allclose(model(images, training=True), model(images, training=False), atol=1e-4)
    assert not np.allclose(moving_mean, encoder.get_layer("conv_norm").moving_mean.numpy())


def test_no_lambda_and_a_new_model_each_call():
    first, second = kfg.build_transfer_classifier(), kfg.build_transfer_classifier()
    assert first is not second
    assert not any(isinstance(layer, keras.layers.Lambda) for layer in all_layers(first))


@pytest.mark.parametrize(
    "builder, arguments, message",
    [
        (kfg.build_digit_encoder, {"image_shape": (8, 8)}, "image_shape must be an image shape"),
        (kfg.build_digit_encoder, {"image_shape": (1, 8, 1)}, "height and width >= 2"),
        (kfg.build_digit_encoder, {"filters": 0}, "filters must be an integer >= 1, got 0"),
        (kfg.build_digit_encoder, {"name": ""}, "name must be a non-empty string"),
        (kfg.build_transfer_classifier, {"num_classes": 1}, "num_classes must be an integer >= 2, got 1"),
        (kfg.build_transfer_classifier, {"freeze_encoder": "yes"}, "freeze_encoder must be True or False, got 'yes'"),
        (kfg.build_transfer_classifier, {"freeze_encoder": True}, "freeze_encoder=True needs a pretrained encoder"),
        (kfg.build_transfer_classifier, {"encoder": "digit_encoder"}, "encoder must be None or a functional keras.Model"),
        (kfg.build_transfer_classifier, {"name": "digit_encoder"}, "name must differ from the encoder's name"),
    ],
)
def test_bad_arguments_are_value_errors(builder, arguments, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        builder(**arguments)


def test_bad_encoder_is_refused_before_it_is_frozen():
    two_outputs = kfg.build_multi_output()
    with pytest.raises(ValueError, match="one input and one output"):
        kfg.build_transfer_classifier(encoder=two_outputs, freeze_encoder=True)
    assert two_outputs.trainable is True


def test_save_and_safe_load_keep_predictions_and_frozen_flags(tmp_path):
    keras.utils.set_random_seed(0)
    encoder = kfg.build_digit_encoder()
    model = kfg.build_transfer_classifier(encoder=encoder, freeze_encoder=True)
    # Non-default moving statistics, so that inference mode is visible in the predictions.
    norm = encoder.get_layer("conv_norm")
    norm.moving_mean.assign(np.full(16, 0.3, "float32"))
    norm.moving_variance.assign(np.full(16, 2.0, "float32"))
    images = data.transfer_task().x_test[:16]
    model.save(tmp_path / "transfer.keras")
    loaded = keras.models.load_model(tmp_path / "transfer.keras", safe_mode=True)
    assert loaded.name == model.name and loaded.output_names == ["digit"]
    assert counts(loaded) == counts(model)
    np.testing.assert_array_equal(model.predict(images, verbose=0), loaded.predict(images, verbose=0))
    np.testing.assert_array_equal(model(images, training=True), loaded(images, training=True))


def test_transfer_task_splits_the_digits_in_two():
    pretrain = data.transfer_task(stage="pretrain")
    target = data.transfer_task()
    (images_train, labels_train), (images_test, labels_test) = data.load_digits()
    assert len(pretrain.y_train) == np.sum(labels_train < 5)
    assert len(pretrain.y_test) == np.sum(labels_test < 5)
    assert len(target.y_test) == np.sum(labels_test >= 5)
    assert np.bincount(target.y_train).tolist() == [5] * 5
    for task in (pretrain, target):
        assert set(task.y_train) <= set(range(5)) and set(task.y_test) == set(range(5))
    # Target images are images of 5-9 from the training split: label + 5 is their digit.
    for image, label in zip(target.x_train, target.y_train):
        matches = np.flatnonzero((images_train == image).all(axis=(1, 2, 3)))
        assert set(labels_train[matches]) == {label + 5}


def test_transfer_task_repeats_with_the_same_seed_and_changes_with_another():
    first, again = data.transfer_task(train_per_class=3), data.transfer_task(train_per_class=3)
    np.testing.assert_array_equal(first.x_train, again.x_train)
    other = data.transfer_task(train_per_class=3, seed=1)
    assert not np.array_equal(first.x_train, other.x_train)


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"stage": "finetune"}, "stage must be one of pretrain, target; got 'finetune'"),
        ({"train_per_class": 0}, "train_per_class must be an integer >= 1, got 0"),
        ({"train_per_class": 1000}, "train_per_class must be an integer <= "),
    ],
)
def test_transfer_task_bad_arguments(arguments, message):
    with pytest.raises(ValueError, match=message):
        data.transfer_task(**arguments)

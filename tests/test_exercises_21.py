"""Lesson 21's exercises, beyond the table of wrong answers (``wrong_answers/lesson21.py``)."""

import numpy as np
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data
from keras_functional_guide.exercises import check, reference
from wrong_answers.lesson21 import RAW_TRAIN, raw_pixel_model


def test_a_normalization_adapted_on_raw_pixels_passes_21_2(capsys):
    # The other accepted answer: its three extra numbers (mean, variance, count) are part of the parameter count.
    model = raw_pixel_model("adapted on raw")
    assert model.count_params() == 66_475 + 3
    assert check("21-2", model)
    line = capsys.readouterr().out
    assert line.startswith("✓ 21-2 ") and "均值 4.88" in line, line


def test_the_21_2_reference_gives_on_raw_pixels_what_multi_output_gives_on_scaled_images():
    # What the checker accepts is what the lesson claims: same weights, raw input, identical predictions.
    raw_model, model = reference("21-2"), kfg.build_multi_output()
    for name in ("conv", "hidden", "digit", "parity"):
        raw_model.get_layer(name).set_weights(model.get_layer(name).get_weights())
    images = RAW_TRAIN[:16] / 16
    expected, got = model(images), raw_model(RAW_TRAIN[:16])
    for name in ("digit", "parity"):
        np.testing.assert_array_equal(keras.ops.convert_to_numpy(got[name]), keras.ops.convert_to_numpy(expected[name]))


def test_the_21_1_reference_stops_on_the_parity_head():
    # The reference callback really runs: fit accepts it and the model it monitors reports val_parity_loss.
    task = data.digit_parity_task()
    model = kfg.build_multi_output()
    model.compile(optimizer="adam", loss={"digit": "sparse_categorical_crossentropy", "parity": "binary_crossentropy"})
    callback = reference("21-1")
    small = {name: values[:64] for name, values in task.y_train.items()}
    history = model.fit(task.x_train[:64], small, epochs=2, validation_data=(task.x_train[:64], small),
                        callbacks=[callback], verbose=0)
    assert "val_parity_loss" in history.history
    assert callback.best == min(history.history["val_parity_loss"])

"""Lesson 03's exercises, beyond the table of wrong answers (``wrong_answers/lesson03.py``)."""

import numpy as np
import pytest
from tensorflow import keras

from keras_functional_guide import data
from keras_functional_guide.exercises import check, reference


@pytest.mark.parametrize(
    "losses",
    [
        {"big": "binary_crossentropy", "parity": "bce", "digit": "sparse_categorical_crossentropy"},
        {"digit": keras.losses.SparseCategoricalCrossentropy(), "parity": keras.losses.BinaryCrossentropy(),
         "big": keras.losses.binary_crossentropy},
    ],
    ids=["strings in another order", "loss objects and functions"],
)
def test_other_spellings_of_the_right_losses_pass(losses):
    assert check("03-2", losses)


def test_reference_parameter_count_worked_out_by_hand():
    # The lesson's model (66,475) plus a Dense(1) on 64 units: 64 weights and 1 bias.
    assert reference("03-1").count_params() == 66_475 + 64 + 1


def test_reference_losses_compile_the_reference_model_and_evaluate_on_digits():
    model = reference("03-1")
    model.compile(optimizer="adam", loss=reference("03-2"))
    (_, _), (images, labels) = data.load_digits()
    targets = {
        "digit": labels[:16],
        "parity": (labels[:16] % 2).astype("float32")[:, np.newaxis],
        "big": (labels[:16] >= 5).astype("float32")[:, np.newaxis],
    }
    result = model.evaluate(images[:16], targets, batch_size=16, verbose=0, return_dict=True)
    assert {"digit_loss", "parity_loss", "big_loss"} <= set(result)
    assert np.isclose(result["loss"], result["digit_loss"] + result["parity_loss"] + result["big_loss"], rtol=1e-4)

"""Lesson 16's exercises, beyond the table of wrong answers (``wrong_answers/lesson16.py``)."""

import pytest
from tensorflow import keras

from keras_functional_guide.exercises import check


@pytest.mark.parametrize("answer", [
    {"digit": keras.losses.SparseCategoricalCrossentropy(), "parity": keras.losses.BinaryCrossentropy()},
    {"parity": "bce", "digit": keras.losses.sparse_categorical_crossentropy},
], ids=["loss objects", "an alias and a function, in another order"])
def test_other_spellings_of_the_right_losses_pass(answer, capsys):
    assert check("16-2", answer)
    assert capsys.readouterr().out.startswith("✓ 16-2 ")

"""Lesson 01's exercises, beyond the table of wrong answers (``wrong_answers/lesson01.py``)."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises import check


def test_01_1_accepts_positional_model_arguments(capsys):
    pixels = keras.Input(shape=(64,), name="pixels")
    hidden = layers.Dense(32, activation="relu", name="hidden")(pixels)
    model = keras.Model(pixels, layers.Dense(10, activation="softmax", name="digit")(hidden))
    assert check("01-1", model)
    # 64×32 + 32 weights and biases into hidden, 32×10 + 10 into digit.
    assert f"{64 * 32 + 32 + 32 * 10 + 10:,} 个参数" in capsys.readouterr().out

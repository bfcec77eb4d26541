"""Lesson 26's exercises, beyond the table of wrong answers (``wrong_answers/lesson26.py``)."""

import json
import pathlib
import re

import numpy as np
import pytest
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises import check, reference
from keras_functional_guide.exercises.lesson26 import ACCEPTS_16, MODELS

NOTEBOOK = pathlib.Path(__file__).resolve().parents[1] / "notebooks" / "26_image_sizes.ipynb"


def test_other_right_answers_to_26_1(capsys):
    # Average pooling, and a hidden layer between the pooling and the head, are right too.
    image = keras.Input(shape=(None, None, 1), name="image")
    features = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
    pooled = layers.GlobalAveragePooling2D()(features)
    hidden = layers.Dense(32, activation="relu")(pooled)
    model = keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(hidden))
    assert check("26-1", model)
    assert "GlobalAveragePooling2D" in capsys.readouterr().out


@pytest.mark.parametrize("answer", [("A", "C"), {"C", "A"}, ["a", " c"]])
def test_other_spellings_of_26_3(answer, capsys):
    assert check("26-3", answer)
    capsys.readouterr()


def _statement_models():
    """The four models of 26-3, built from the code in the lesson's statement (its one home)."""
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    statement = next("".join(cell["source"]) for cell in notebook["cells"]
                     if "".join(cell["source"]).startswith("### 练习 26-3："))
    code = re.search(r"```python\n(.*?)```", statement, re.S).group(1)
    namespace = {"keras": keras, "layers": layers}
    exec(compile(code, "<26-3 statement>", "exec"), namespace)
    return {letter: namespace[f"model_{letter.lower()}"] for letter in MODELS}


def test_the_26_3_answer_is_what_the_models_do():
    # Independent of the checker: call each model of the statement on a 16×16 image.
    accepted = []
    for letter, model in _statement_models().items():
        try:
            output = model(np.zeros((1, 16, 16, 1), "float32"))
        except ValueError:
            continue
        assert tuple(output.shape) == (1, 10)
        accepted.append(letter)
    assert tuple(accepted) == ACCEPTS_16 and sorted(reference("26-3")) == accepted


def test_the_26_2_reference_predicts_like_the_same_network_given_the_channel_axis():
    # What the lesson claims: the Reshape inside the model equals adding the axis to the data.
    plain = reference("26-2")
    image = keras.Input(shape=(8, 8, 1), name="image")
    features = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
    digit = layers.Dense(10, activation="softmax", name="digit")(layers.Flatten(name="flatten")(features))
    with_channel = keras.Model(image, digit)
    for name in ("conv", "digit"):
        with_channel.get_layer(name).set_weights(plain.get_layer(name).get_weights())
    arrays = np.random.default_rng(0).random((4, 8, 8), dtype="float32")
    np.testing.assert_array_equal(plain(arrays).numpy(), with_channel(arrays[..., np.newaxis]).numpy())

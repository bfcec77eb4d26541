"""Lesson 22's exercises, beyond the table of wrong answers (``wrong_answers/lesson22.py``)."""

import numpy as np
import pytest
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises import check, reference

BROKEN_22_1 = """
features = keras.Input(shape=4, name="features")
extra = keras.Input(shape=(2,), name="extra")
merged = layers.Concatenate(name="merged")(features, extra)
hidden = layers.Dense(16, activation="relu", name="hidden")
label = layers.Dense(3, activation="softmax", name="label")(hidden)
model = keras.Model(input=[features, extra], output=label)
"""


def test_the_22_1_snippet_fails_with_the_four_messages_the_statement_names():
    # Each line's error, fixed one at a time in the order a learner meets them.
    fixes = [
        ("shape=4", "shape=(4,)", "Cannot convert '4' to a shape"),
        ("(features, extra)", "([features, extra])", "too many positional arguments"),
        ('name="hidden")\n', 'name="hidden")(merged)\n', "Only input tensors may be passed as positional arguments"),
        ("input=[features, extra], output=label", "inputs=[features, extra], outputs=label",
         "Unrecognized keyword arguments passed to Model"),
    ]
    code = BROKEN_22_1
    for wrong, right, message in fixes:
        keras.backend.clear_session()
        with pytest.raises((ValueError, TypeError), match=message.replace("(", r"\(").replace(")", r"\)")):
            exec(code, {"keras": keras, "layers": layers})
        code = code.replace(wrong, right)
    keras.backend.clear_session()
    namespace = {"keras": keras, "layers": layers}
    exec(code, namespace)
    assert check("22-1", namespace["model"])


def test_inputs_in_either_order_and_the_functional_concatenate_pass_22_1(capsys):
    extra = keras.Input(shape=(2,), name="extra")
    features = keras.Input(shape=(4,), name="features")
    merged = layers.concatenate([extra, features])
    hidden = layers.Dense(16, activation="relu", name="hidden")(merged)
    label = layers.Dense(3, activation="softmax", name="label")(hidden)
    assert check("22-1", keras.Model({"extra": extra, "features": features}, label))
    assert capsys.readouterr().out.startswith("✓ 22-1 ")


@pytest.mark.parametrize("loss, metrics", [
    ("sparse_categorical_crossentropy", ["acc"]),
    (keras.losses.SparseCategoricalCrossentropy(), [keras.metrics.SparseCategoricalAccuracy()]),
    ({"digit": "sparse_categorical_crossentropy"}, {"digit": ["accuracy"]}),
], ids=["acc", "objects", "dicts by output name"])
def test_other_spellings_of_the_22_2_compile_pass(loss, metrics, capsys):
    image = keras.Input(shape=(8, 8, 1), name="image")
    digit = layers.Dense(10, activation="softmax", name="digit")(layers.Flatten()(image))
    model = keras.Model(image, digit)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3), loss=loss, metrics=metrics)
    assert check("22-2", model)
    assert capsys.readouterr().out.startswith("✓ 22-2 ")


def test_the_22_2_reference_trains_on_integer_labels_without_an_error():
    # What the checker accepts is what the lesson claims: it fits integer labels of shape (n,).
    model = reference("22-2")
    images = np.random.default_rng(0).random((8, 8, 8, 1), dtype="float32")
    history = model.fit(images, np.arange(8), epochs=1, verbose=0)
    assert np.isfinite(history.history["loss"][0]) and "accuracy" in history.history

"""Lesson 18's exercises, beyond the table of wrong answers (``wrong_answers/lesson18.py``)."""

import numpy as np
from tensorflow import keras

from keras_functional_guide.exercises import check, reference


def test_the_reference_answer_of_18_1_loads_in_safe_mode(tmp_path):
    """What the exercise promises: the migrated model round-trips through .keras with safe_mode=True."""
    model = reference("18-1")
    path = tmp_path / "migrated.keras"
    model.save(path)
    loaded = keras.models.load_model(path, safe_mode=True)
    pixels = np.arange(2 * 64, dtype="float32").reshape(2, 8, 8, 1) % 17
    np.testing.assert_array_equal(loaded(pixels).numpy(), model(pixels).numpy())


def test_the_reference_answer_of_18_3_adds_exactly_the_sparsity_loss():
    """Computed here independently: 0.001 × mean(|relu(W·x + b)|) on one batch, with NumPy."""
    model = reference("18-3")
    x = np.random.default_rng(0).uniform(0, 1, (3, 8, 8, 1)).astype("float32")
    model(x)
    kernel, bias = model.get_layer("hidden").get_weights()
    hidden = np.maximum(x.reshape(3, 64) @ kernel + bias, 0)
    assert len(model.losses) == 1
    np.testing.assert_allclose(float(model.losses[0]), 1e-3 * np.abs(hidden).mean(), rtol=1e-5)
    assert check("18-3", model)

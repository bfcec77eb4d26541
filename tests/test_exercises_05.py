"""Lesson 05's exercises, beyond the table of wrong answers (``wrong_answers/lesson05.py``)."""

import numpy as np
from tensorflow import keras

from keras_functional_guide.exercises import check, reference
from wrong_answers.lesson05 import questions, siamese


def test_the_right_variants_pass(capsys):
    """The table's own builders, asked for the right answer, pass: each wrong case differs in one thing."""
    assert check("05-1", questions())
    assert check("05-2", siamese())
    assert check("05-2", siamese(output_activation="linear"))  # The default, written out.
    assert capsys.readouterr().out.count("✓") == 3


def test_shared_embedding_has_one_table_of_weights():
    model = reference("05-1")
    assert model.get_layer("shared_embedding").count_params() == 1000 * 16
    # One table, shared: the unshared version holds two.
    assert model.count_params() == 1000 * 16 + (2 * 16 + 1)
    assert questions(shared_embedding=False).count_params() == 2 * 1000 * 16 + (2 * 16 + 1)


def test_siamese_solution_is_symmetric_and_counts_one_tower():
    model = reference("05-2")
    assert model.count_params() == (64 * 32 + 32) + (32 * 16 + 16)
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(4, 64)).astype("float32"), rng.normal(size=(4, 64)).astype("float32")
    forward = keras.ops.convert_to_numpy(model({"vector_a": a, "vector_b": b})["similarity"])
    backward = keras.ops.convert_to_numpy(model({"vector_a": b, "vector_b": a})["similarity"])
    np.testing.assert_allclose(forward, backward, atol=1e-6)
    assert np.all(np.abs(forward) <= 1 + 1e-6)

"""Lesson 20's exercises, beyond the table of wrong answers (``wrong_answers/lesson20.py``)."""

import numpy as np

from keras_functional_guide.exercises import reference


def test_the_rebuilt_reference_copies_values_not_variables():
    model, rebuilt = reference("20-2")
    assert all(np.array_equal(a, b) for a, b in zip(model.get_weights(), rebuilt.get_weights()))
    kernel = rebuilt.get_layer("digit").kernel
    kernel.assign(np.zeros(kernel.shape))
    assert np.abs(model.get_layer("digit").kernel.numpy()).sum() > 0
    # The parameter count the checker expects, computed by hand: conv, features, digit.
    assert model.count_params() == (9 * 16 + 16) + (1024 * 64 + 64) + (64 * 10 + 10) == 66_410

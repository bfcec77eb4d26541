"""Lesson 09's exercises, beyond the table of wrong answers (``wrong_answers/lesson09.py``)."""

import numpy as np

import keras_functional_guide as kfg
from keras_functional_guide.exercises import check, reference


def test_the_count_is_keras_own_and_a_numpy_integer_passes(capsys):
    # The checker's number, worked out by hand, against Keras's own count of the tutorial's example.
    assert reference("09-2") == kfg.build_sequential_equivalent(input_shape=(28, 28, 1)).count_params()
    assert check("09-2", np.int64(reference("09-2")))
    assert capsys.readouterr().out.startswith("✓ 09-2 ")


def test_09_1_parameters_worked_out_by_hand():
    # conv1 (3×3×1+1)×8, conv2 (3×3×8+1)×8, predictions on 4×4×8 pooled numbers: (128+1)×10.
    assert reference("09-1").count_params() == 80 + 584 + 1_290 == 1_954

"""Lesson 02's exercises, beyond the table of wrong answers (``wrong_answers/lesson02.py``)."""

import pytest

from keras_functional_guide.exercises import reference


@pytest.mark.parametrize("exercise_id, expected_params", [("02-1", 66_417 + 64), ("02-2", 2 * (8 * 16 + 16) + 32 * 10 + 10)])
def test_reference_parameter_counts_worked_out_by_hand(exercise_id, expected_params):
    # 02-1: the lesson's model plus one more input value into hidden's 64 units.
    assert reference(exercise_id).count_params() == expected_params


def test_reference_three_input_model_runs_on_digits():
    import numpy as np

    from keras_functional_guide import data

    task = data.match_task()
    x = dict(task.x_test)
    x["ink"] = x["image"].mean(axis=(1, 2, 3))[:, np.newaxis]
    probabilities = reference("02-1").predict({name: array[:5] for name, array in x.items()}, verbose=0)["match"]
    assert probabilities.shape == (5, 1)

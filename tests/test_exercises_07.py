"""Lesson 07's exercises, beyond the table of wrong answers (``wrong_answers/lesson07.py``)."""

import pytest

from keras_functional_guide.exercises import check
from wrong_answers.lesson07 import fixed_batch, sentiment


@pytest.mark.parametrize("exercise_id, build", [
    ("07-1", lambda: sentiment(ragged=True)),  # A ragged input is variable-length too.
    ("07-2", lambda: fixed_batch(shape=(8, 8, 1), batch_size=32)),  # Same shape as batch_shape=(32, 8, 8, 1).
], ids=["07-1 ragged", "07-2 shape and batch_size"])
def test_equivalent_spellings_pass(exercise_id, build, capsys):
    assert check(exercise_id, build()), capsys.readouterr().out

"""Lesson 11's exercises, beyond the table of wrong answers (``wrong_answers/lesson11.py``)."""

import math

import numpy as np

from keras_functional_guide.exercises import check


def test_right_answers_worked_out_independently(capsys):
    # 4 replicas × 32; ceil(1347 / 128) = 11 steps per epoch (10 full batches and one of 67).
    assert 1347 - 10 * 128 == 67
    assert check("11-1", 4 * 32)
    assert check("11-2", np.int64(2 * math.ceil(1347 / 128)))
    assert check("11-2", 22)
    assert all(line.startswith(("✓ 11-1 ", "✓ 11-2 ")) for line in capsys.readouterr().out.splitlines())

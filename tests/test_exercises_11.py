"""Lesson 11's exercises: realistic wrong answers fail with the hint meant for them."""

import math

import numpy as np
import pytest

from keras_functional_guide.exercises import check

WRONG = [
    ("11-1", 32, "32 是每个副本的批量"),
    ("11-1", 8, "除反了"),
    ("11-1", 64, "全局批量 = 副本数 × 每个副本的批量"),
    ("11-1", 128.0, "应当是一个整数"),
    ("11-2", 21, "向上取整"),
    ("11-2", 20, "向上取整"),
    ("11-2", 88, "不是每个副本一步"),
    ("11-2", 11, "是一轮的步数"),
    ("11-2", 23, "再乘以轮数"),
    ("11-2", True, "应当是一个整数"),
]


@pytest.mark.parametrize("exercise_id, answer, expected", WRONG, ids=[f"{e}-{a!r}" for e, a, _ in WRONG])
def test_wrong_answer_gets_its_hint(exercise_id, answer, expected, rejected):
    line = rejected(exercise_id, answer)
    assert expected in line, line


def test_right_answers_worked_out_independently(capsys):
    # 4 replicas × 32; ceil(1347 / 128) = 11 steps per epoch (10 full batches and one of 67).
    assert 1347 - 10 * 128 == 67
    assert check("11-1", 4 * 32)
    assert check("11-2", np.int64(2 * math.ceil(1347 / 128)))
    assert check("11-2", 22)

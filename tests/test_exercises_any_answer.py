"""Every exercise takes any answer a learner might pass: one Chinese line, a falsy result, no traceback.

A table: all exercise ids × the answers below. Keras objects cost time to build,
so they are built once per module (``shared``) and only read by the graders;
the few answers that change when used (a generator) are made fresh per test.
"""

import math
import re

import numpy as np
import pytest
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises import EXERCISES, check, get_exercise

IDS = [exercise.id for exercise in EXERCISES]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


class _Anything:
    """An object of a class no checker knows."""


class _Subclassed(keras.Model):
    def __init__(self):
        super().__init__(name="subclassed")
        self.dense = layers.Dense(10)

    def call(self, inputs):
        return self.dense(inputs)


def _wrong_functional():
    # Plausible names, wrong shapes and wiring: the graders read it further than a foreign model.
    image = keras.Input(shape=(4,), name="image")
    hidden = layers.Dense(3, name="hidden")(image)
    return keras.Model(image, {"digit": layers.Dense(2, name="digit")(hidden)}, name="wrong_structure")


def _unrelated_model():
    inputs = keras.Input(shape=(5,), name="unrelated")
    return keras.Model(inputs, layers.Dense(2, name="unrelated_out")(inputs), name="unrelated_model")


def _built_layer():
    dense = layers.Dense(3)
    dense.build((None, 4))
    return dense


def _models():
    return [_wrong_functional(), keras.Sequential([layers.Dense(2)])]


# Each value makes the answer. Factories are called once per module unless listed in FRESH.
ANSWERS = {
    "None": lambda: None,
    "int": lambda: 3,
    "zero": lambda: 0,
    "negative": lambda: -7,
    "huge int": lambda: 10**100,
    "float": lambda: 2.5,
    "nan": lambda: math.nan,
    "inf": lambda: math.inf,
    "True": lambda: True,
    "False": lambda: False,
    "string": lambda: "model",
    "empty string": lambda: "",
    "multi-line string": lambda: "digit\nparity",
    "bytes": lambda: b"model",
    "empty list": lambda: [],
    "empty tuple": lambda: (),
    "empty dict": lambda: {},
    "empty set": lambda: set(),
    "object": _Anything,
    "function": lambda: _wrong_functional,
    "lambda": lambda: (lambda x: x),
    "class": lambda: _Anything,
    "model class": lambda: keras.Model,
    "numpy 0-d": lambda: np.array(5),
    "numpy 1-d": lambda: np.arange(3),
    "numpy 2-d": lambda: np.zeros((3, 4)),
    "numpy object": lambda: np.array([None, "a", 1], dtype=object),
    "numpy int64": lambda: np.int64(-1),
    "layer unbuilt": lambda: layers.Dense(10),
    "layer built": _built_layer,
    "KerasTensor": lambda: keras.Input(shape=(8, 8, 1), name="image"),
    "empty Sequential": lambda: keras.Sequential(),
    "unbuilt Sequential": lambda: keras.Sequential([layers.Flatten(), layers.Dense(10)]),
    "built Sequential": lambda: keras.Sequential([keras.Input(shape=(8, 8, 1)), layers.Flatten(), layers.Dense(10)]),
    "subclassed model": _Subclassed,
    "wrong functional": _wrong_functional,
    "unrelated functional": _unrelated_model,
    "list of models": _models,
    "tuple of models": lambda: tuple(_models()),
    "dict of models": lambda: dict(zip(("digit", "parity"), _models())),
    "dict of arrays": lambda: {"digit": np.zeros((2, 2)), "parity": np.ones(3), "big": None},
    "dict of mixed keys": lambda: {1: "a", "digit": 2, None: 3},
    "list of ints": lambda: [1, 2, 3],
    "loss object": lambda: keras.losses.SparseCategoricalCrossentropy(),
    "loss class": lambda: keras.losses.BinaryCrossentropy,
    "metric": lambda: keras.metrics.SparseCategoricalAccuracy(),
    "optimizer": lambda: keras.optimizers.Adam(),
    "generator": lambda: (index for index in range(3)),
    "tf.Tensor": lambda: tf.constant([[1.0, 2.0]]),
    "tf.Tensor scalar": lambda: tf.constant(128),
}
FRESH = {"generator"}


@pytest.fixture(scope="module")
def shared():
    """Builds each answer once per module. The per-test reset (conftest) only restarts Keras's
    name counters and seeds; graders read the names the answers set, never the counters."""
    cache = {}

    def get(kind):
        if kind in FRESH:
            return ANSWERS[kind]()
        if kind not in cache:
            cache[kind] = ANSWERS[kind]()
        return cache[kind]

    return get


def _grade_every_answer(exercise_id, shared, capsys):
    """What is wrong with how ``exercise_id`` took each answer of the table, by answer kind."""
    problems = {}
    for kind in ANSWERS:
        answer = shared(kind)
        try:
            result = check(exercise_id, answer)  # Must not raise.
        except Exception as error:  # noqa: BLE001 - reported below with the answer that caused it
            problems[kind] = f"raised {type(error).__name__}: {error}"
            capsys.readouterr()
            continue
        out = capsys.readouterr().out
        lines = out.splitlines()
        if result:
            problems[kind] = f"passed: {out}"
        elif not (len(lines) == 1 and out.endswith("\n")):
            problems[kind] = f"printed {len(lines)} lines: {out}"
        elif exercise_id not in lines[0] or not CHINESE.search(lines[0]):
            problems[kind] = f"no id or no Chinese: {out}"
        elif not lines[0].startswith(("✗ ", "… ")):
            problems[kind] = f"not a ✗ line: {out}"
        # Every answer here is one the checkers foresee: the catch-all for unexpected errors
        # must not be what answers it, or it would hide a checker bug.
        elif "检查时出错" in out:
            problems[kind] = f"reached the catch-all: {out}"
    return problems


# One test per exercise, every answer of the table in it: the same checks as one test per
# (exercise, answer) pair, without 2,000 test items' worth of setup and reporting.
@pytest.mark.parametrize("exercise_id", IDS)
def test_any_answer_prints_one_chinese_line_and_fails(exercise_id, shared, capsys):
    problems = _grade_every_answer(exercise_id, shared, capsys)
    assert not problems, "\n".join(f"{kind!r}: {problem}" for kind, problem in problems.items())


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_function_or_a_class_is_told_to_call_it(exercise_id, capsys):
    expects = get_exercise(exercise_id).expects
    for answer, said in ((_wrong_functional, "函数 _wrong_functional"), (keras.Model, "类 Model")):
        assert not check(exercise_id, answer)
        line = capsys.readouterr().out
        assert line.startswith(f"✗ {exercise_id} 答案是{said}本身"), line
        assert expects in line and "加括号" in line, line


@pytest.mark.parametrize("exercise_id", IDS)
def test_a_checker_that_fails_unexpectedly_gives_a_hint_not_a_traceback(exercise_id, monkeypatch, capsys):
    exercise = get_exercise(exercise_id)

    def broken(answer):
        raise IndexError("tuple index out of range")

    monkeypatch.setattr(exercise, "grade", staticmethod(broken))
    assert not check(exercise_id, np.zeros((2, 3)))
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "Traceback" not in out and 'File "' not in out, out
    assert out.startswith(f"✗ {exercise_id} 这个答案不是本题要的：得到的是 ndarray，本题要的是{exercise.expects}"), out
    # The error's class stays visible, so a checker bug is reported, not hidden.
    assert "IndexError" in out and f"提示：{exercise.hint}" in out, out


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_still_passes_after_the_shared_answers(exercise_id, capsys):
    from keras_functional_guide.exercises import reference

    assert check(exercise_id, reference(exercise_id))
    assert capsys.readouterr().out.startswith(f"✓ {exercise_id} ")

"""Shared fixtures. The environment is set before anything imports TensorFlow."""

import os

# TensorFlow's log lines after start-up, as the package sets it in a notebook.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_keras_state():
    """Resets Keras's name counters and seeds, so each test starts alike.

    Without ``free_memory=False``, ``clear_session`` runs a full garbage collection
    over TensorFlow's millions of objects before every test: 0.3-0.7 s each, more
    than half the CPU time of the whole unit test run. Python's own collector still
    frees what the tests leave behind.
    """
    from tensorflow import keras

    keras.backend.clear_session(free_memory=False)
    keras.utils.set_random_seed(0)
    yield


@pytest.fixture
def rejected(capsys):
    """Grades a wrong answer: asserts ``check`` returns False and prints a ✗ line
    for that exercise, and returns what it printed for the test's own checks."""
    from keras_functional_guide.exercises import check

    def grade(exercise_id, answer):
        assert not check(exercise_id, answer)
        line = capsys.readouterr().out
        assert line.startswith(f"✗ {exercise_id} "), line
        return line

    return grade

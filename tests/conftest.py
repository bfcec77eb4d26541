"""Shared fixtures. The environment is set before anything imports TensorFlow."""

import os

# TensorFlow's log lines after start-up, as the package sets it in a notebook.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_keras_state():
    """Resets Keras's name counters and seeds, so each test starts alike."""
    from tensorflow import keras

    keras.backend.clear_session()
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

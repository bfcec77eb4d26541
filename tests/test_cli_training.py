"""The console script, run for real: train, tour and training under MirroredStrategy."""

import re

from keras_functional_guide.examples import EXAMPLE_NAMES, get_example
from test_cli import run

def _test_accuracy(output):
    match = re.search(r"^test accuracy: ([0-9.]+) \(chance 0\.10\)$", output, re.MULTILINE)
    assert match, output
    return float(match.group(1))


def test_train_prints_test_metrics_above_the_floor():
    result = run("train", "dag", "--seed", "1")
    assert result.returncode == 0, result.stderr
    assert "test metrics for dag:" in result.stdout
    epochs = get_example("dag").epochs  # The example's default: no --epochs given.
    assert f"Epoch {epochs}/{epochs}" in result.stdout  # One line per epoch when not on a terminal.
    assert _test_accuracy(result.stdout) >= 0.80


def test_training_under_mirrored_strategy_reaches_the_same_floor():
    # A fresh process: the CPU must be split before TensorFlow starts.
    result = run("train", "nested", "--devices", "2")
    assert result.returncode == 0, result.stderr
    assert "trained under MirroredStrategy over 2 replicas (CPU:0, CPU:1)" in result.stdout.splitlines()
    assert _test_accuracy(result.stdout) >= 0.80


def test_tour_prints_one_row_per_example():
    result = run("tour", "--epochs", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["example", "section", "topology", "parameters", "test", "accuracy", "seconds"]
    rows = lines[2:]
    assert [row.split()[0] for row in rows] == list(EXAMPLE_NAMES)
    for row in rows:
        parameters, accuracy, seconds = row.split()[-3:]
        assert int(parameters.replace(",", "")) > 0 and 0.0 <= float(accuracy) <= 1.0 and float(seconds) > 0

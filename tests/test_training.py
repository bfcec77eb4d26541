"""Each example learns its digits task: test accuracy clearly above chance.

Floors, not exact numbers: training depends on the CPU. The floors sit well
below what the examples reach on our machine with seeds 0-2 (0.84 to 0.97;
multi_input, a yes/no task, is the lowest) and far above chance.
"""

import pytest

from keras_functional_guide.examples import EXAMPLES
from keras_functional_guide.training import train_example

# Chance is 0.1 for the ten digits, 0.2 for the five digits 5-9 (transfer,
# learned from 25 images in 20 epochs: 0.83 to 0.89 over seeds 0-2 on our machine) and 0.5
# for the yes/no tasks.
FLOORS = {0.1: 0.80, 0.2: 0.70, 0.5: 0.75}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_example_trains_above_its_floor(example):
    result = train_example(example.name)
    assert result.test_accuracy >= FLOORS[example.chance], result.test_metrics
    history = result.history["loss"]
    assert history[-1] < history[0]
    if example.name == "multi_output":
        assert result.test_metrics["parity_accuracy"] >= FLOORS[0.5], result.test_metrics

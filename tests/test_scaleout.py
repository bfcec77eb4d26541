"""Scale-out never aborts: every example under MirroredStrategy over 1-4 logical CPUs.

Each device count runs in its own process: the CPU split is fixed once TensorFlow
starts, and an uneven batch used to abort the whole process (a oneDNN check
failure, SIGABRT), which an in-process test could not even report. One process
per device count trains every example with its own batch size and with one whose
last batch is smaller than the replica count, one epoch each, and prints one JSON
line per case; the tests below read those lines.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from keras_functional_guide.distribution import distribute_batches
from keras_functional_guide.examples import EXAMPLE_NAMES, get_example
from test_cli import run

DEVICE_COUNTS = (1, 2, 3, 4)
# Training examples of each task (data.py's split of 1,797 digits, 25 % held out;
# pair_task makes two pairs per image; transfer_task keeps 5 labelled images per digit 5-9).
TRAINING_EXAMPLES = {name: 1347 for name in EXAMPLE_NAMES} | {"shared_layers": 2694, "transfer": 25}
# The examples whose test accuracy is well above chance after one epoch at their own
# batch size (about 42 steps); the others need their own epochs, and the uneven batch
# sizes (hundreds of examples) give one epoch too few steps to learn.
ONE_EPOCH_FLOOR = {"sequential_equivalent": 0.5, "sequential_counterpart": 0.5, "dag": 0.5,
                   "nested": 0.5, "multi_output": 0.4}


def uneven_batch_size(examples, devices, above):
    """The first batch size above ``above`` whose last batch is smaller than ``devices``
    (for one device, which no batch can be smaller than: a last batch of one example)."""
    for batch_size in range(above + 1, examples):
        if 0 < examples % batch_size < max(devices, 2):
            return batch_size
    raise AssertionError(f"no uneven batch size for {examples} examples over {devices} devices")


def cases(devices):
    return [(name, kind, get_example(name).batch_size if kind == "own"
             else uneven_batch_size(TRAINING_EXAMPLES[name], devices, get_example(name).batch_size))
            for name in EXAMPLE_NAMES for kind in ("own", "uneven")]


_TRAIN_ALL = """
import json, sys
from keras_functional_guide.training import train_example
devices = int(sys.argv[1])
for name, kind, batch_size in json.loads(sys.argv[2]):
    result = train_example(name, devices=devices, batch_size=batch_size, epochs=1)
    print(json.dumps(dict(name=name, kind=kind, asked=batch_size, batch_size=result.batch_size,
                          dropped=result.dropped_per_epoch, accuracy=result.test_accuracy,
                          replicas=result.model.distribute_strategy.num_replicas_in_sync)), flush=True)
"""


@pytest.fixture(scope="module")
def trained(request):
    """Starts one process per device count the selected tests need, all at once (they
    overlap on several cores), and returns ``get(devices)``: its exit code, stderr and
    JSON lines keyed by (example, kind)."""
    needed = sorted({item.callspec.params["devices"] for item in request.session.items
                     if getattr(item, "originalname", None) == "test_every_example_trains_under_the_strategy"})
    processes = {
        devices: subprocess.Popen(
            [sys.executable, "-c", _TRAIN_ALL, str(devices), json.dumps(cases(devices))],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
        )
        for devices in needed
    }
    runs = {}

    def get(devices):
        if devices not in runs:
            stdout, stderr = processes[devices].communicate(timeout=900)
            lines = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
            runs[devices] = (processes[devices].returncode, stderr,
                             {(line["name"], line["kind"]): line for line in lines})
        return runs[devices]

    yield get
    for process in processes.values():
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_uneven_batch_sizes_leave_a_last_batch_smaller_than_the_replicas():
    for devices in DEVICE_COUNTS:
        for name, kind, batch_size in cases(devices):
            remainder = TRAINING_EXAMPLES[name] % batch_size
            if kind == "uneven":
                assert 0 < remainder < max(devices, 2), (name, devices, batch_size)
    # The case: 25 images in batches of 8 end with one image, which 2 replicas cannot share.
    assert get_example("transfer").batch_size == 8 and 25 % 8 == 1


@pytest.mark.parametrize(("examples", "batch_size", "replicas", "expected"), [
    (25, 8, 2, (8, 24)),       # 8 + 8 + 8 + 1: the last image waits for the next epoch.
    (25, 8, 3, (6, 24)),       # 8 rounds down to 6; 6 * 4 = 24, 1 left out.
    (25, 1, 4, (4, 24)),       # Fewer than the replicas: one example per replica.
    (25, 12, 4, (12, 24)),     # 12 + 12 + 1.
    (1347, 32, 3, (30, 1347)), # 1347 = 44 * 30 + 27, and 27 = 9 * 3: nothing left out.
    (1347, 33, 4, (32, 1344)), # 1347 = 42 * 32 + 3: the 3 cannot fill 4 slices.
    (1347, 673, 2, (672, 1346)),
    (7, 5, 1, (5, 7)),         # One replica: any batch splits.
])
def test_distribute_batches_keeps_every_global_batch_a_multiple_of_the_replicas(
        examples, batch_size, replicas, expected):
    global_batch, used = distribute_batches(examples, batch_size, replicas)
    assert (global_batch, used) == expected
    assert global_batch % replicas == 0 and used % replicas == 0 and examples - used < replicas


@pytest.mark.parametrize(("arguments", "message"), [
    ((25, 0, 2), "batch_size must be an integer >= 1, got 0"),
    ((25, 8, 0), "replicas must be an integer >= 1, got 0"),
    ((3, 8, 4), "examples must be at least replicas=4 (one per replica), got 3"),
])
def test_distribute_batches_rejects_what_cannot_split(arguments, message):
    with pytest.raises(ValueError) as error:
        distribute_batches(*arguments)
    assert str(error.value) == message


def test_bad_devices_or_batch_size_raise_before_tensorflow_starts():
    code = """
import sys
from keras_functional_guide.training import train_example
for kwargs in (dict(devices=0), dict(devices=2.0), dict(devices=True), dict(batch_size=0), dict(batch_size="8")):
    try:
        train_example("transfer", **kwargs)
    except ValueError as error:
        print(error)
print("tensorflow" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "devices must be an integer >= 1, got 0", "devices must be an integer >= 1, got 2.0",
        "devices must be an integer >= 1, got True", "batch_size must be an integer >= 1, got 0",
        "batch_size must be an integer >= 1, got '8'", "False",
    ]


@pytest.mark.parametrize("devices", DEVICE_COUNTS)
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
@pytest.mark.parametrize("kind", ["own", "uneven"])
def test_every_example_trains_under_the_strategy(trained, devices, name, kind):
    returncode, stderr, lines = trained(devices)
    assert returncode == 0, stderr[-3000:]
    line = lines[name, kind]
    examples = TRAINING_EXAMPLES[name]
    assert line["replicas"] == devices
    # Independently of distribute_batches: the largest multiple of the replicas not above the
    # batch asked (at least one per replica), and what is left of the last batch after whole slices.
    expected_batch = max(devices, line["asked"] // devices * devices)
    assert line["batch_size"] == expected_batch
    assert line["dropped"] == examples % expected_batch % devices
    if kind == "own" and name in ONE_EPOCH_FLOOR:
        assert line["accuracy"] >= ONE_EPOCH_FLOOR[name], line
    else:
        assert 0.0 <= line["accuracy"] <= 1.0


def test_command_line_trains_the_transfer_example_that_aborted():
    # The command: 25 images in batches of 8 over 2 replicas aborted in its first
    # epoch (8 + 8 + 8 + 1; the last image left one replica an empty slice). One epoch is
    # enough to reach that last batch; test_cli_training checks accuracy under --devices 2.
    result = run("train", "transfer", "--devices", "2", "--epochs", "1")
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert "trained under MirroredStrategy over 2 replicas (CPU:0, CPU:1)" in lines
    assert ("global batch 8 (asked 8); 1 training example left out of each epoch so every batch "
            "splits evenly over the replicas") in lines
    # Three steps (Keras's one line for the epoch): 24 images in batches of 8, no fourth batch of one.
    assert result.stdout.startswith("3/3 - "), result.stdout
    assert re.fullmatch(r"test accuracy: [01]\.[0-9]{4} \(chance 0\.20\)", lines[-1]), lines[-1]


def test_command_line_takes_a_batch_size_smaller_than_the_replicas():
    result = run("train", "transfer", "--devices", "4", "--batch-size", "3", "--epochs", "1")
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert "trained under MirroredStrategy over 4 replicas (CPU:0, CPU:1, CPU:2, CPU:3)" in lines
    # 3 < 4 rounds up to one example per replica; 25 = 6 * 4 + 1 leaves one out: six steps.
    assert result.stdout.startswith("6/6 - "), result.stdout
    assert ("global batch 4 (asked 3); 1 training example left out of each epoch so every batch "
            "splits evenly over the replicas") in lines
    assert re.fullmatch(r"test accuracy: [01]\.[0-9]{4} \(chance 0\.20\)", lines[-1]), lines[-1]


@pytest.mark.parametrize("command", ["train dag", "tour"])
def test_command_line_rejects_a_batch_size_below_one(command):
    result = run(*command.split(), "--batch-size", "0")
    assert result.returncode == 2
    assert "argument --batch-size: must be an integer >= 1, got '0'" in result.stderr

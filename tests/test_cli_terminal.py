"""The command line as a new user sees it: no TensorFlow log noise, progress, readable numbers."""

import os
import pty
import re
import select
import subprocess
import sys

from keras_functional_guide import cli
from keras_functional_guide._quiet import TENSORFLOW_NOISE
from keras_functional_guide.examples import EXAMPLE_NAMES
from test_cli import NOISE, SCRIPT, clean_environment, run

def run_clean(*arguments, timeout=600):
    return run(*arguments, clean=True, timeout=timeout)


def test_tensorflow_is_noisy_when_imported_plainly():
    # The control: what the command line must hide is really there in this environment.
    result = subprocess.run([sys.executable, "-c", "import tensorflow as tf; tf.constant(1) + 1"],
                            capture_output=True, text=True, timeout=300, env=clean_environment())
    assert result.returncode == 0, result.stderr
    assert NOISE.search(result.stderr), result.stderr


def test_the_noise_filter_drops_only_tensorflow_notices():
    notices = [
        "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
        "I0000 00:00:1795759276.242720    9103 cudart_stub.cc:31] Could not find cuda drivers on your "
        "machine, GPU will not be used.",
        "I0000 00:00:1795759276.961372    9103 cpu_feature_guard.cc:227] This TensorFlow binary is optimized "
        "to use available CPU instructions in performance-critical operations.",
        "E0000 00:00:1795759306.341450    9103 cuda_platform.cc:52] failed call to cuInit: INTERNAL: CUDA error",
    ]
    real = [
        "ImportError: libcudnn.so.9: cannot open shared object file: No such file or directory",
        "Traceback (most recent call last):",
        "UserWarning: something a user must see",
    ]
    assert all(TENSORFLOW_NOISE.search(line) for line in notices)
    assert not any(TENSORFLOW_NOISE.search(line) for line in real)


def test_tour_under_a_strategy_shows_plain_progress_separators_and_replicas():
    result = run_clean("tour", "--epochs", "1", "--devices", "2")
    assert result.returncode == 0, result.stderr
    assert not NOISE.search(result.stderr + result.stdout), result.stderr
    # Not a terminal: one plain line per example on stderr, in order, numbered.
    progress = re.findall(r"^trained (\w+) \((\d+)/(\d+), [0-9.]+ s\)$", result.stderr, re.MULTILINE)
    total = len(EXAMPLE_NAMES)
    assert progress == [(name, str(number), str(total)) for number, name in enumerate(EXAMPLE_NAMES, 1)]
    lines = result.stdout.splitlines()
    assert lines[0] == "trained under MirroredStrategy over 2 replicas (CPU:0, CPU:1)"
    rows = lines[3:]
    assert [row.split()[0] for row in rows] == list(EXAMPLE_NAMES)
    parameters = [row.split()[-3] for row in rows]
    assert all(re.fullmatch(r"[1-9][0-9]{0,2}(,[0-9]{3})*", value) for value in parameters), parameters
    assert any("," in value for value in parameters)


def test_numbers_get_thousands_separators_and_stay_right_aligned():
    table = cli._table(["name", "parameters"], [["sequential_equivalent", 67192650], ["dag", 14058]])
    assert table.splitlines()[2:] == ["sequential_equivalent  67,192,650", "dag                        14,058"]
    # Chinese text takes two columns in a terminal: the next column still lines up.
    table = cli._table(["section", "parameters"], [["延伸", 1493], ["§1.1", 14058]])
    first, second = table.splitlines()[2:]
    assert len(first) + 2 == len(second)  # "延伸" is 2 characters but 4 columns wide.


def _run_in_terminal(*arguments, columns=100, timeout=600):
    """Runs the command with stdout and stderr on a pseudo-terminal; returns what it drew."""
    leader, follower = pty.openpty()
    env = {**clean_environment(), "COLUMNS": str(columns), "TERM": "xterm-256color"}
    process = subprocess.Popen([SCRIPT, *arguments], stdin=subprocess.DEVNULL, stdout=follower,
                               stderr=follower, env=env, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], timeout)
        if not ready:
            process.kill()
            raise AssertionError("no output for %s s" % timeout)
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # The terminal closed: the command finished.
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_train_in_a_terminal_draws_a_progress_bar_over_epochs():
    output = _run_in_terminal("train", "dag", "--epochs", "2")
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)
    assert "training dag" in screen and "2/2" in screen, screen
    assert "━" in screen  # rich's bar
    assert "Epoch 1/2" not in screen  # not Keras's per-step bar
    assert "test accuracy:" in screen
    assert not NOISE.search(screen), screen

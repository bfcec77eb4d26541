"""The command line as a new user sees it: no TensorFlow log noise, progress, readable numbers."""

import os
import pty
import re
import select
import subprocess
import sys

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

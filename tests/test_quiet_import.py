"""Quiet never means lost: TensorFlow's start-up notices are dropped, every other line it
writes comes through as it is written, and a process that dies during the import still
says why, in a terminal (the command line) and in a Jupyter kernel (its own terminal).

A stand-in ``tensorflow`` package, first on PYTHONPATH, plays TensorFlow: it writes a
known notice and a line of its own to file descriptor 2, as TensorFlow's C++ code does,
then aborts, or waits to be seen.
"""

import signal
import subprocess
import time

import pytest

from kernel import start_kernel
from test_cli import SCRIPT, clean_environment

NOTICE = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR"
LAST_WORDS = ("F0000 00:00:1796500000.000000  4242 cpu_feature_guard.cc:0] The TensorFlow library was compiled "
              "to use AVX512F instructions, but these aren't available on your machine.")


def fake_tensorflow(folder, body):
    package = folder / "tensorflow"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import os, time\n"
        f"os.write(2, {(NOTICE + chr(10)).encode()!r})\n" + body, encoding="utf-8")
    return folder


@pytest.fixture
def aborting(tmp_path):
    """A TensorFlow that writes why it cannot run, then aborts the process."""
    return fake_tensorflow(tmp_path, f"os.write(2, {(LAST_WORDS + chr(10)).encode()!r})\nos.abort()\n")


def test_the_command_line_dies_with_tensorflows_last_words(aborting):
    result = subprocess.run([SCRIPT, "list"], capture_output=True, text=True, timeout=120,
                            env={**clean_environment(), "PYTHONPATH": str(aborting)})
    assert result.returncode == -signal.SIGABRT
    assert LAST_WORDS in result.stderr
    assert NOTICE not in result.stderr  # Still a known notice, still dropped.


def test_only_tensorflows_known_notices_are_dropped(tmp_path):
    notices = [
        NOTICE,
        "I0000 00:00:1795759276.242720    9103 cudart_stub.cc:31] Could not find cuda drivers on your "
        "machine, GPU will not be used.",
        "I0000 00:00:1795759276.961372    9103 cpu_feature_guard.cc:227] This TensorFlow binary is optimized "
        "to use available CPU instructions in performance-critical operations.",
        "To enable the following instructions: AVX2 FMA, in other operations, rebuild TensorFlow with the "
        "appropriate compiler flags.",
        "E0000 00:00:1795759306.341450    9103 cuda_platform.cc:52] failed call to cuInit: INTERNAL: CUDA error",
    ]
    real = [
        "ImportError: libcudnn.so.9: cannot open shared object file: No such file or directory",
        "W0000 00:00:1795759306.341450    9103 cpu_feature_guard.cc:99] Something TensorFlow never said before",
        "UserWarning: something a user must see",
    ]
    lines = "".join(line + "\n" for line in notices + real).encode()
    folder = fake_tensorflow(tmp_path, f"os.write(2, {lines!r})\nraise ImportError('the stand-in stops here')\n")
    result = subprocess.run([SCRIPT, "list"], capture_output=True, text=True, timeout=120,
                            env={**clean_environment(), "PYTHONPATH": str(folder)})
    assert result.returncode == 1
    shown = result.stderr.splitlines()
    assert shown[:len(real)] == real, result.stderr
    assert not any(notice in result.stderr for notice in notices)


def test_a_line_comes_through_while_the_import_is_still_running(tmp_path):
    # The stand-in waits until the test has seen its line on the command's stderr: a
    # filter that held lines until the import returned would make it time out.
    seen = tmp_path / "seen"
    folder = fake_tensorflow(tmp_path, (
        "os.write(2, b'something a user must see\\n')\n"
        f"deadline = time.time() + 60\n"
        f"while not os.path.exists({str(seen)!r}):\n"
        "    if time.time() > deadline:\n"
        "        os.write(2, b'never seen\\n'); raise SystemExit(3)\n"
        "    time.sleep(0.05)\n"
        "raise ImportError('the stand-in stops here')\n"
    ))
    process = subprocess.Popen([SCRIPT, "list"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                               env={**clean_environment(), "PYTHONPATH": str(folder)})
    first = process.stderr.readline()
    seen.touch()
    rest = process.stderr.read()
    assert process.wait(timeout=60) == 1
    assert first == "something a user must see\n"
    assert "never seen" not in rest and "ImportError: the stand-in stops here" in rest
    assert NOTICE not in first + rest


def test_a_kernel_that_dies_loading_the_extension_leaves_the_reason_in_its_terminal(aborting, tmp_path):
    log = tmp_path / "kernel-terminal.log"
    with open(log, "wb") as terminal, start_kernel(env={"PYTHONPATH": str(aborting)}, stderr=terminal) as kernel:
        kernel.client.execute("%load_ext keras_functional_guide")  # No reply will come: the kernel dies.
        deadline = time.time() + 60
        while kernel.alive() and time.time() < deadline:
            time.sleep(0.2)
        assert not kernel.alive()
    text = log.read_text(encoding="utf-8", errors="replace")
    assert LAST_WORDS in text, text

"""Import TensorFlow without the C++ start-up lines it writes straight to stderr,
and without losing any other line.

``TF_CPP_MIN_LOG_LEVEL=3`` silences what TensorFlow logs once it runs (the
CPU-instructions notice, "failed call to cuInit"), but not what it writes while
it is being imported, before absl's logging is set up: "WARNING: All log
messages before absl::InitializeLog() is called are written to STDERR", the
oneDNN notice and "cudart_stub.cc:31] Could not find cuda drivers on your
machine", each twice (tensorflow 2.21). C++ writes them to file descriptor 2
itself, so a Jupyter kernel, which forwards that descriptor, shows them under
the cell, and a terminal shows them too. Only pointing the descriptor elsewhere
during the import keeps them out.

The descriptor points into a pipe read by a small child process (a filter),
which writes every line that is not a known notice to the real stderr as soon
as it arrives. A child, not a thread: if the import kills this process
(TensorFlow aborts on a CPU without the instructions it was built for, after
printing why), the filter still reads what was written before the abort and
passes it on. In a Jupyter kernel, whose descriptor 2 is ipykernel's pipe to
the notebook and dies with the kernel, the filter then also writes it to the
kernel's own terminal (where JupyterLab or Colab log the kernel's death).

Nothing here imports TensorFlow at import time.
"""

import contextlib
import importlib
import importlib.util
import os
import re
import secrets
import subprocess
import sys

# The notices TensorFlow prints at import on a machine without a GPU, matched by
# their words (not by the C++ file that logs them: cpu_feature_guard.cc also logs
# the fatal "compiled to use AVX instructions, but these aren't available").
# Anything else written during the import, a fatal line above all, is passed through.
TENSORFLOW_NOISE = re.compile(
    r"All log messages before absl::InitializeLog\(\) is called are written to STDERR"
    r"|cudart_stub\.cc:\d+\] Could not find cuda drivers on your machine, GPU will not be used"
    r"|oneDNN custom operations are on\. You may see slightly different numerical results"
    r"|This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations"
    r"|^To enable the following instructions: .*, in other operations, rebuild TensorFlow with the appropriate"
    r"|cuda_platform\.cc:\d+\] failed call to cuInit"
    r"|Unable to register cu(?:DNN|FFT|BLAS) factory: Attempting to register factory for plugin"
    r"|computation_placer\.cc:\d+\] computation placer already registered"
    r"|TF-TRT Warning: Could not find TensorRT"
)

# Written into the pipe when the import has returned (with a token of its own, so
# that nothing else can write it): the filter then knows the process is alive and
# stops. End of file without it means the process died.
_DONE = "keras_functional_guide: import done {token}\n"

# The filter, run as `python -I -S -c`: stdlib only, no site-packages, starts in ~15 ms.
# argv: the noise pattern, the sentinel, and the descriptor of the process's own
# terminal when that is not the filter's stderr (or -1).
_FILTER = r"""
import os, re, sys
noise, done, terminal = re.compile(sys.argv[1].encode()), sys.argv[2].encode(), int(sys.argv[3])
kept, pending = [], b""
fatal = re.compile(rb"F\d{4} ")  # absl's fatal lines: always shown, whatever they say.
def noisy(line):
    return noise.search(line) is not None and not fatal.match(line)
def out(line):
    kept.append(line)
    try:
        os.write(2, line)
    except OSError:
        pass
while True:
    chunk = os.read(0, 65536)
    if not chunk:
        break
    pending += chunk
    if done in pending:
        before = pending[:pending.index(done)]
        for line in before.splitlines(keepends=True):
            if not noisy(line):
                out(line)
        sys.exit(0)
    *lines, pending = pending.split(b"\n")
    for line in lines:
        if not noisy(line):
            out(line + b"\n")
if pending and not noisy(pending):
    out(pending + b"\n")
# End of file without the sentinel: the importing process died. Make sure its last
# words reach a terminal even where our stderr died with it (a Jupyter kernel's pipe).
if terminal >= 0 and kept:
    try:
        os.write(terminal, b"".join(kept))
    except OSError:
        pass
"""


def _terminal_descriptor():
    """The descriptor of this process's own terminal when it is not descriptor 2, else -1.

    In a Jupyter kernel, descriptor 2 is a pipe that ipykernel reads to forward
    output to the notebook, and ``sys.stderr.fileno()`` is a copy of the
    kernel's original stderr, the terminal (or log) of whoever started it.
    """
    try:
        descriptor = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        return -1
    return descriptor if descriptor != 2 else -1


@contextlib.contextmanager
def filtered_stderr(noise=TENSORFLOW_NOISE):
    """Within the block, lines written to descriptor 2 that match ``noise`` are dropped;
    every other line reaches the real stderr as it is written, even if the process dies."""
    terminal = _terminal_descriptor()
    done = _DONE.format(token=secrets.token_hex(8))
    read_end, write_end = os.pipe()
    try:
        filter_process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _FILTER, noise.pattern, done, str(terminal)],
            stdin=read_end, stdout=subprocess.DEVNULL, pass_fds=() if terminal < 0 else (terminal,),
        )
    finally:
        os.close(read_end)
    sys.stderr.flush()
    saved = os.dup(2)
    os.dup2(write_end, 2)
    os.close(write_end)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            sys.stderr.flush()
        os.write(2, done.encode())
        os.dup2(saved, 2)  # Also closes the pipe's last write end: the filter sees the end.
        os.close(saved)
        filter_process.wait()


def import_quietly(module_name, *, noise=TENSORFLOW_NOISE):
    """Imports ``module_name`` with its known start-up notices on descriptor 2 dropped.

    ``TF_CPP_MIN_LOG_LEVEL=3`` (unless the user set it) during the import only:
    TensorFlow reads it once, at import, and the process's environment (which
    every subprocess inherits) is left as it was.

    Returns:
        The module.
    """
    if module_name in sys.modules:
        return sys.modules[module_name]
    set_here = "TF_CPP_MIN_LOG_LEVEL" not in os.environ
    if set_here:
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
    try:
        with filtered_stderr(noise):
            return importlib.import_module(module_name)
    finally:
        if set_here:
            os.environ.pop("TF_CPP_MIN_LOG_LEVEL", None)


def import_tensorflow_quietly():
    """Imports TensorFlow without its start-up notices (see :func:`import_quietly`).

    Does nothing if TensorFlow is already imported or is not installed.
    """
    if "tensorflow" in sys.modules or importlib.util.find_spec("tensorflow") is None:
        return
    import_quietly("tensorflow")

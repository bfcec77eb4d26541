"""Import TensorFlow without the C++ start-up lines it writes straight to stderr.

``TF_CPP_MIN_LOG_LEVEL=3`` silences what TensorFlow logs once it runs (the
CPU-instructions notice, "failed call to cuInit"), but not what it writes while
it is being imported, before absl's logging is set up: "WARNING: All log
messages before absl::InitializeLog() is called are written to STDERR", the
oneDNN notice and "cudart_stub.cc:31] Could not find cuda drivers on your
machine", each twice (tensorflow 2.21). C++ writes them to file descriptor 2
itself, so a Jupyter kernel, which forwards that descriptor, shows them under
the cell, and a terminal shows them too. Only pointing the descriptor elsewhere
during the import keeps them out. Nothing here imports TensorFlow at import time.
"""

import importlib.util
import os
import re
import sys
import tempfile

# The notices TensorFlow prints at import on a machine without a GPU. Anything
# else written during the import (a real error) is replayed.
TENSORFLOW_NOISE = re.compile(
    r"All log messages before absl::InitializeLog\(\) is called"
    r"|cudart_stub\.cc:\d+\]|Could not find cuda drivers on your machine"
    r"|oneDNN custom operations are on|TF_ENABLE_ONEDNN_OPTS=0"
    r"|cpu_feature_guard\.cc:\d+\]|To enable the following instructions:"
    r"|cuda_platform\.cc:\d+\]|failed call to cuInit"
    r"|Unable to register cu(?:DNN|FFT|BLAS) factory|computation_placer\.cc|TF-TRT Warning"
)


def import_tensorflow_quietly():
    """Imports TensorFlow without its start-up notices, keeping anything else it writes to stderr.

    Sets ``TF_CPP_MIN_LOG_LEVEL=3`` unless the user set it, then imports
    TensorFlow with file descriptor 2 pointed at a temporary file; afterwards
    it replays every line that is not one of the known notices, so that real
    errors stay visible. Does nothing if TensorFlow is already imported or is
    not installed.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if "tensorflow" in sys.modules or importlib.util.find_spec("tensorflow") is None:
        return
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            import tensorflow  # noqa: F401
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            text = capture.read().decode("utf-8", errors="replace")
            kept = [line for line in text.splitlines(keepends=True) if not TENSORFLOW_NOISE.search(line)]
            if kept:
                sys.stderr.write("".join(kept))
                sys.stderr.flush()

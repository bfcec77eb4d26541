"""Run the course's notebooks the way nbval tests them, and render them as HTML.

The stored outputs must be made in the same environment as the tests compare
them in, so both use :data:`KERNEL_ENV`. Nothing here imports TensorFlow.
"""

import os
import pathlib
import time

# TF_CPP_MIN_LOG_LEVEL silences TensorFlow's C++ log lines and
# TF_ENABLE_ONEDNN_OPTS=0 its oneDNN notice; oneDNN also changes numerics
# slightly, so outputs are made and tested with it off. COLUMNS fixes the
# width of model.summary(), which otherwise follows the terminal.
KERNEL_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "COLUMNS": "120",
    "PYTHONHASHSEED": "0",
}


def apply_kernel_env(environ=os.environ):
    """Sets :data:`KERNEL_ENV` in ``environ``, which kernels started later inherit."""
    environ.update(KERNEL_ENV)


def find_notebooks(directory):
    """Returns the course's notebooks in ``directory``, in tutorial (file name) order."""
    directory = pathlib.Path(directory)
    if not directory.is_dir():
        raise ValueError(f"directory must be an existing folder, got {str(directory)!r}")
    return sorted(path for path in directory.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(path, *, timeout=600):
    """Executes one notebook top to bottom in a fresh kernel and saves it in place.

    Cells tagged ``raises-exception`` may raise; any other error stops the run.

    Returns:
        The wall time in seconds.
    """
    import nbformat
    from nbclient import NotebookClient

    apply_kernel_env()
    path = pathlib.Path(path)
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=timeout, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    seconds = time.perf_counter() - start
    # Execution metadata holds timestamps that change every run; drop them.
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)
    return seconds

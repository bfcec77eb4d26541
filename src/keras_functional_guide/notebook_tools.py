"""Run the course's notebooks the way a learner's Jupyter kernel runs them.

The stored outputs are made, and nbval compares them, in a kernel started the
way JupyterLab starts one: with :func:`learner_kernel_env`, so that what the
tests see is what a learner sees. Nothing here imports TensorFlow.
"""

import os
import re
import pathlib
import subprocess
import sys
import time

# Variables of the maintainer's shell that would make a test kernel differ from
# a learner's: TensorFlow's logging and oneDNN switches (the package sets what
# it needs itself), a terminal width (model.summary() follows it), a fixed hash
# seed, a matplotlib backend (the inline one must draw), and pytest's marker
# PYTEST_CURRENT_TEST, which makes ipykernel stop forwarding what C++ writes to
# file descriptors 1 and 2 (ipykernel/iostream.py), as a learner's kernel does.
_NOT_A_LEARNERS = re.compile(r"TF_.*|COLUMNS|LINES|JUPYTER_COLUMNS|PYTHONHASHSEED|MPLBACKEND|PYTEST_CURRENT_TEST")


def learner_kernel_env(environ=os.environ):
    """The environment for a notebook kernel: ``environ`` less what a learner's kernel would not have."""
    return {name: value for name, value in environ.items() if not _NOT_A_LEARNERS.fullmatch(name)}


def find_notebooks(directory):
    """Returns the course's notebooks in ``directory``, in tutorial (file name) order."""
    directory = pathlib.Path(directory)
    if not directory.is_dir():
        raise ValueError(f"directory must be an existing folder, got {str(directory)!r}")
    return sorted(path for path in directory.glob("[0-9][0-9]_*.ipynb"))


def _portable(text, project):
    """Replaces this machine's paths in a traceback line: install prefixes by
    placeholders, the project's folder by nothing (paths become relative)."""
    for prefix, placeholder in ((sys.prefix, "<sys.prefix>/"), (sys.base_prefix, "<sys.base_prefix>/"),
                                (str(project), "")):
        text = text.replace(prefix.rstrip("/") + "/", placeholder)
    return text


def execute_notebook(path, *, timeout=600):
    """Executes one notebook top to bottom in a fresh kernel and saves it in place.

    The kernel starts with :func:`learner_kernel_env`, as nbval's does in the
    tests (``notebooks/conftest.py``). Cells tagged ``raises-exception`` may
    raise; any other error stops the run. Everything the kernel shows is kept,
    stderr included (a warning is part of the lesson); the paths of this
    machine in tracebacks are made relative.

    Returns:
        The wall time in seconds.
    """
    import nbformat
    from nbclient import NotebookClient

    path = pathlib.Path(path)
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", coalesce_streams=True,
        resources={"metadata": {"path": str(path.parent)}},
    # The kernel process's own stderr (ipykernel's "Kernel is running over TCP
    # without encryption" notice) is not the notebook's; nbval drops it too.
    ).execute(env=learner_kernel_env(), stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    for cell in notebook.cells:
        # Execution metadata holds timestamps that change every run.
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.outputs:
                if output.output_type == "error":
                    output.traceback = [_portable(line, path.resolve().parent.parent) for line in output.traceback]
    nbformat.write(notebook, path)
    return seconds


def notebook_title(notebook):
    """The text of the notebook's first Markdown heading, or '' if it has none."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""

"""The lessons, for maintainers: re-execute them the way a learner's Jupyter kernel runs them.

A maintainers' tool, kept out of the package learners install (it needs a clone:
the lessons live in ``notebooks/``). After changing the package or a lesson,
refresh the stored outputs::

    .venv/bin/python tools/lessons.py execute                 # every lesson, in order
    .venv/bin/python tools/lessons.py execute 02 notebooks/05_shared_layers.ipynb

(``nox -s lessons`` runs the first line.) The site is built from the stored
outputs by Sphinx alone: ``.venv/bin/sphinx-build -b html docs site``.

The stored outputs are made, and nbval compares them (``notebooks/conftest.py``),
in a kernel started the way JupyterLab starts one: with :func:`learner_kernel_env`,
so that what the tests see is what a learner sees.
"""

import argparse
import os
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

# Variables of the maintainer's shell that would make a test kernel differ from
# a learner's: TensorFlow's logging and oneDNN switches, a terminal width
# (model.summary() follows it), a fixed hash seed, a matplotlib backend (the
# inline one must draw), pytest's marker PYTEST_CURRENT_TEST, which makes
# ipykernel stop forwarding what C++ writes to file descriptors 1 and 2
# (ipykernel/iostream.py), as a learner's kernel does, and the variables that
# `import tensorflow` sets in its own process (tensorflow 2.21), which a test
# process that imported TensorFlow would otherwise pass on.
_NOT_A_LEARNERS = re.compile(
    r"TF_.*|COLUMNS|LINES|JUPYTER_COLUMNS|PYTHONHASHSEED|MPLBACKEND|PYTEST_CURRENT_TEST"
    r"|TF2_BEHAVIOR|TPU_ML_PLATFORM(?:_VERSION)?|KMP_DUPLICATE_LIB_OK|KMP_INIT_AT_FORK|HDF5_PLUGIN_PATH"
    r"|ENABLE_RUNTIME_UPTIME_TELEMETRY"
)


def learner_kernel_env(environ=os.environ):
    """The environment for a lesson's kernel: ``environ`` less what a learner's kernel would not have."""
    return {name: value for name, value in environ.items() if not _NOT_A_LEARNERS.fullmatch(name)}


def find_lessons(directory=NOTEBOOKS):
    """The course's lessons in ``directory``, in course (file name) order."""
    return sorted(pathlib.Path(directory).glob("[0-9][0-9]_*.ipynb"))


def execute(path, *, timeout=600):
    """Executes one lesson top to bottom in a fresh kernel and saves it in place.

    The kernel starts with :func:`learner_kernel_env`, as nbval's does in the
    tests. Cells tagged ``raises-exception`` may raise; any other error stops the
    run and leaves the file as it was. Everything the kernel shows is kept,
    stderr included (a warning is part of the lesson).

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
    nbformat.write(notebook, path)
    return seconds


def _resolve(names):
    """Lesson paths from command-line names: a path, a file name, or a lesson number ("02")."""
    lessons = find_lessons()
    if not names:
        return lessons
    chosen = []
    for name in names:
        matches = [path for path in lessons if name in (str(path), path.name, path.name[:2])]
        if not matches and pathlib.Path(name).is_file():
            matches = [pathlib.Path(name)]
        if not matches:
            raise SystemExit(f"lessons.py: no lesson {name!r} in {NOTEBOOKS}")
        chosen.extend(matches)
    return chosen


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tools/lessons.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("execute", help="re-execute lessons in place (all by default)")
    run.add_argument("lessons", nargs="*", help="lesson numbers, file names or paths")
    commands.add_parser("list", help="the lessons in course order")
    arguments = parser.parse_args(argv)
    if arguments.command == "list":
        for path in find_lessons():
            print(path.name)
        return 0
    for path in _resolve(arguments.lessons):
        try:
            seconds = execute(path)
        except Exception as error:  # A cell failed: say which lesson; the file is unchanged.
            print(f"failed to execute {path.name}:\n{error}", file=sys.stderr)
            return 1
        print(f"executed {path.name} in {seconds:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

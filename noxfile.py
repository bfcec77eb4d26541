"""Maintainer sessions: the pinned lock, drift against new releases, the oldest versions we claim.

Install the tools once (a PEP 735 dependency group, not a runtime extra):

    .venv/bin/pip install --group maintain

then run a session with ``.venv/bin/nox -s NAME``:

- ``lock``: regenerate ``requirements/test.txt`` (the exact versions the stored
  notebook outputs were made with; the README's test command and .ci/run install
  through it) and ``requirements/oldest*.txt`` (the lower bounds of pyproject.toml,
  one file per declared Python).
- ``drift``: install the newest releases in a separate environment, run the unit
  tests and every notebook under strict nbval, and report which lessons changed,
  cell by cell, with the diff. Not part of the README's test command.
- ``oldest``: install the oldest versions pyproject.toml allows, on Python 3.11,
  3.12 and 3.13 (``oldest-3.11`` ... for one), run the unit tests and execute
  every notebook (outputs not compared).
- ``lessons``: re-execute every lesson in place with this environment's Python
  (``tools/lessons.py execute``; ``nox -s lessons -- 02 05`` for some), refreshing
  the stored outputs after a change to the package or a lesson.
- ``newest_python``: the pinned test suite on the newest Python the project
  declares (3.13), where this machine's package index has wheels for it. It needs
  ``python3.13`` on the PATH (with pyenv: ``PATH=$(pyenv root)/versions/3.13.0/bin:$PATH``).
"""

import os
import pathlib
import shutil
import sys

import nox

ROOT = pathlib.Path(__file__).resolve().parent
LOCK = "requirements/test.txt"
# The Python the stored outputs were made with, and the newest one declared.
PYTHON = "3.11"
NEWEST_PYTHON = "3.13"
# The lower bounds, resolved for each declared Python: on newer ones some lower bounds
# have no wheels, and pyproject.toml raises them there (markers on python_version).
OLDEST = {
    "3.11": "requirements/oldest.txt",
    "3.12": "requirements/oldest-py3.12.txt",
    "3.13": "requirements/oldest-py3.13.txt",
}

nox.options.default_venv_backend = "uv"
# Seeded with pip, as `python -m venv` is for the README's environment: the packaging test
# builds the wheel with `pip wheel`, and a bare uv environment has no pip.
SEED = ["--seed"]
nox.options.sessions = []  # Nothing runs by default: each session is a deliberate act.
nox.options.error_on_missing_interpreters = True  # A missing Python is a failure, not a skip.
# Use the Pythons on this machine; never download one (the registries are all we reach).
os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")

# Unit tests only (the notebooks are a separate step): override the default
# testpaths and nbval options of pyproject.toml.
UNIT_TESTS = ["python", "-m", "pytest", "tests", "-o", "addopts=-n 2", "-q"]
STRICT_NOTEBOOKS = [
    "python", "-m", "pytest", "notebooks", "-o",
    "addopts=--nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg -n 2 --dist loadscope",
    "-q",
]
EXECUTE_NOTEBOOKS = [
    "python", "-m", "pytest", "notebooks", "-o",
    "addopts=--nbval-lax --nbval-current-env -n 2 --dist loadscope", "-q",
]


@nox.session(python=False)
def lock(session):
    """Regenerates requirements/test.txt (newest today) and requirements/oldest*.txt (lower bounds, per Python)."""
    # uv from the environment nox runs in (the `maintain` group), whatever the PATH.
    common = [sys.executable, "-m", "uv", "pip", "compile", "pyproject.toml", "--all-extras",
              "--quiet", "--custom-compile-command", ".venv/bin/nox -s lock"]
    # --universal: one file for Linux, macOS and Windows, with markers where they differ.
    session.run(*common, "--python-version", PYTHON, "--universal", "--upgrade", "-o", LOCK)
    for python, path in OLDEST.items():
        session.run(*common, "--python-version", python, "--resolution", "lowest-direct",
                    "--python-platform", "x86_64-manylinux_2_28", "--upgrade", "-o", path)
    session.log(f"wrote {LOCK} and {', '.join(OLDEST.values())}: review the diff, re-execute the notebooks "
                "(nox -s lessons) and commit them together")


@nox.session(python=False)
def lessons(session):
    """Re-executes the lessons in place (all, or those named after --) with the Python nox runs in."""
    session.run(sys.executable, str(ROOT / "tools" / "lessons.py"), "execute", *session.posargs)


def _graphviz_check(session):
    if shutil.which("dot") is None:
        session.warn("Graphviz's dot is missing: the drawing tests will be skipped")


@nox.session(python=PYTHON, venv_params=SEED)
def drift(session):
    """Newest releases against the stored outputs: which lessons changed, and how."""
    _graphviz_check(session)
    session.install("--upgrade", "-e", ".[test]")
    # tools/drift.py: a maintainers' script beside this file, not part of the package.
    session.run("python", str(ROOT / "tools" / "drift.py"), "versions", LOCK)
    # Both runs go on whatever fails; the report at the end reads both.
    unit = pathlib.Path(session.create_tmp()) / "unit.xml"
    notebooks = pathlib.Path(session.create_tmp()) / "notebooks.xml"
    session.run(*UNIT_TESTS, f"--junitxml={unit}", success_codes=[0, 1])
    session.run(*STRICT_NOTEBOOKS, f"--junitxml={notebooks}", success_codes=[0, 1])
    session.run("python", str(ROOT / "tools" / "drift.py"), "report", str(unit), str(notebooks))


@nox.session(python=list(OLDEST), venv_params=SEED)
def oldest(session):
    """The lower bounds of pyproject.toml on each declared Python (``nox -s oldest-3.13`` for one):
    install them, run the unit tests, execute every notebook."""
    _graphviz_check(session)
    session.install("-r", OLDEST[session.python])
    session.install("--no-deps", "-e", ".")
    session.run("python", "--version")
    session.run("python", "-c", "import tensorflow as tf, keras, sklearn, pydot, IPython, nbval; "
                "print('tensorflow', tf.__version__, '| keras', keras.__version__, '| scikit-learn', "
                "sklearn.__version__, '| pydot', pydot.__version__, '| IPython', IPython.__version__)")
    session.run(*UNIT_TESTS)
    session.run(*EXECUTE_NOTEBOOKS)


@nox.session(python=NEWEST_PYTHON, venv_params=SEED)
def newest_python(session):
    """The pinned test environment on the newest declared Python."""
    _graphviz_check(session)
    session.install("-c", LOCK, "-e", ".[test]")
    session.run("python", "--version")
    session.run(*UNIT_TESTS)
    session.run(*STRICT_NOTEBOOKS)

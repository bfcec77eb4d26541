"""Drift: what changes in the lessons when TensorFlow, Keras or the test tools release again.

A maintainers' tool, not part of the package learners install. ``nox -s drift``
(``noxfile.py``) runs it as a script in the session's environment:

    python tools/drift.py versions requirements/test.txt   # installed versions that differ from the lock
    python tools/drift.py report unit.xml notebooks.xml    # pytest JUnit reports -> lesson, cell, diff

Nothing here imports TensorFlow or this package; it needs only ``packaging``.
"""

import argparse
import pathlib
import re
import sys

_ANSI = re.compile(r"(\x1b|#x1B)\[[0-9;]*m")


def _requirement_pins(lock_path):
    """``{normalized name: version}`` of the ``name==version`` lines of a lock file that apply here."""
    from packaging.markers import Marker

    pins = {}
    for line in pathlib.Path(lock_path).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s;]+)\s*(?:;\s*(.+))?", line)
        if not match:
            continue
        name, version, marker = match.groups()
        if marker and not Marker(marker).evaluate():
            continue
        pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def installed_versions():
    """``{normalized name: version}`` of every distribution installed in this environment."""
    import importlib.metadata
    return {
        re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower(): dist.version
        for dist in importlib.metadata.distributions()
    }


def version_drift(lock_path):
    """The installed distributions whose version differs from the lock: ``[(name, locked, installed)]``."""
    pins, installed = _requirement_pins(lock_path), installed_versions()
    return sorted(
        (name, locked, installed[name]) for name, locked in pins.items()
        if name in installed and installed[name] != locked
    )


def print_version_drift(lock_path):
    """Prints which installed versions differ from ``lock_path``, the key ones first."""
    drift = version_drift(lock_path)
    key = {"tensorflow", "keras", "numpy", "scikit-learn", "pydot", "nbval", "pytest", "ipykernel", "ipython"}
    drift.sort(key=lambda row: (row[0] not in key, row[0]))
    if not drift:
        print(f"every installed version matches {lock_path}")
        return
    print(f"versions that differ from {lock_path}:")
    for name, locked, installed in drift:
        print(f"  {name:24} {locked:>12} -> {installed}")


def _nbval_failure(text):
    """The parts of an nbval failure a maintainer acts on: the cell's first line, what differs, the diff."""
    text = _ANSI.sub("", text)
    first_input = ""
    if "\nInput:\n" in text:
        first_input = text.split("\nInput:\n", 1)[1].strip().splitlines()[0] if text.split("\nInput:\n", 1)[1].strip() else ""
    kinds = [line.strip() for line in text.splitlines() if line.strip().startswith("mismatch ")]
    diff = [line[2:] for line in text.splitlines() if line.startswith("  ") and line[2:3] in ("-", "+", "?", " ")]
    headline = next((line.strip() for line in text.splitlines() if line.startswith("Cell ")), "")
    return headline, first_input, kinds, diff


def drift_report(*junit_paths, stream=None):
    """Reads pytest JUnit XML reports and prints, lesson by lesson, each cell that changed.

    For each failing notebook cell: the cell's number (as nbval counts them,
    from 0, code cells only), its first line of code, what differs (``stdout``,
    ``text/plain``, the error...) and the diff, where ``+`` lines are the stored
    output and ``-`` lines what the new versions print. Failing unit tests are
    listed by name. Ends with what to do.

    Returns:
        0 if nothing failed, else 1 (usable as an exit code).
    """
    import xml.etree.ElementTree as ElementTree

    stream = stream or sys.stdout
    lessons, unit = {}, []
    for path in junit_paths:
        for case in ElementTree.parse(path).iter("testcase"):
            failure = next((child for child in case if child.tag in ("failure", "error")), None)
            if failure is None:
                continue
            text = failure.text or failure.attrib.get("message", "")
            classname = case.attrib.get("classname", "")
            if classname.endswith(".ipynb") or case.attrib.get("name", "").startswith("Cell "):
                lessons.setdefault(classname.rsplit("/", 1)[-1], []).append((case.attrib["name"], text))
            else:
                unit.append(f"{classname}::{case.attrib.get('name')}")
    if not lessons and not unit:
        print("no drift: every unit test and every notebook cell passed", file=stream)
        return 0
    for lesson, cells in sorted(lessons.items()):
        print(f"== {lesson}: {len(cells)} cell(s) changed", file=stream)
        for name, text in cells:
            headline, first_input, kinds, diff = _nbval_failure(text)
            print(f"-- {name}: {first_input}", file=stream)
            if headline:
                print(f"   {headline}", file=stream)
            for kind in kinds:
                print(f"   {kind}", file=stream)
            for line in diff[:40]:
                print(f"     {line}", file=stream)
            if len(diff) > 40:
                print(f"     ... {len(diff) - 40} more diff lines", file=stream)
    if unit:
        print(f"== unit tests: {len(unit)} failed", file=stream)
        for name in unit:
            print(f"   {name}", file=stream)
    print(
        "\nIn the diffs, '+' lines are the stored output and '-' lines what the new versions print.\n"
        "To act: read each diff; if the new output is right, re-execute the lessons with\n"
        "  .venv/bin/python tools/lessons.py execute\n"
        "update any prose that describes the changed output (and the Keras 3 notes), raise the\n"
        "pins with `nox -s lock`, and commit notebooks and pins together.",
        file=stream,
    )
    return 1


def main(argv=None):
    """``versions LOCK`` prints the version drift; ``report JUNIT...`` prints the report and
    exits 1 if anything failed."""
    parser = argparse.ArgumentParser(prog="tools/drift.py", description=__doc__.split("\n", 1)[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("versions", help="installed versions that differ from a lock file").add_argument("lock")
    commands.add_parser("report", help="pytest JUnit reports, lesson by lesson").add_argument("junit", nargs="+")
    arguments = parser.parse_args(argv)
    if arguments.command == "versions":
        print_version_drift(arguments.lock)
        return 0
    return drift_report(*arguments.junit)


if __name__ == "__main__":
    sys.exit(main())

"""The pins and the drift report (nox -s drift, tools/drift.py), tested on a lesson whose stored output was changed."""

import os
import pathlib
import subprocess
import sys

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements" / "test.txt"
DRIFT = ROOT / "tools" / "drift.py"

# A maintainers' script, not part of the package: imported from its file.
sys.path.insert(0, str(DRIFT.parent))
import drift  # noqa: E402


def test_lock_pins_every_declared_dependency_exactly():
    pins = drift._requirement_pins(LOCK)
    for name in ("tensorflow", "keras", "scikit-learn", "pydot", "nbval", "pytest", "ipykernel", "numpy"):
        assert name in pins, f"{name} is not pinned in {LOCK.name}"
    import re

    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:  # Every requirement is an exact version, never a range.
            assert re.fullmatch(r"[A-Za-z0-9_.-]+(\[[\w,-]+\])?==[\w.+-]+( ; .+)?", line), line


@pytest.mark.skipif(os.environ.get("KFG_REQUIRE_PINNED") != "1",
                    reason="only where the README's test command installed through the lock (CI sets KFG_REQUIRE_PINNED=1)")
def test_installed_versions_are_the_pinned_ones():
    assert drift.version_drift(LOCK) == []


def test_version_drift_names_what_differs(tmp_path):
    lock = tmp_path / "lock.txt"
    lock.write_text("pytest==0.0.1\n    # via x\nnbval==0.0.2 ; sys_platform == 'nowhere'\n", encoding="utf-8")
    import pytest as installed_pytest

    assert drift.version_drift(lock) == [("pytest", "0.0.1", installed_pytest.__version__)]


def _lesson(path, stored_sum):
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# 一课"),
        nbformat.v4.new_code_cell("print('before')", execution_count=1,
                                  outputs=[nbformat.v4.new_output("stream", name="stdout", text="before\n")]),
        nbformat.v4.new_code_cell("print('sum')\nprint(1 + 1)", execution_count=2,
                                  outputs=[nbformat.v4.new_output("stream", name="stdout", text=f"sum\n{stored_sum}\n")]),
    ]
    nbformat.write(notebook, path)


def _nbval(tmp_path, notebook):
    report = tmp_path / "report.xml"
    subprocess.run(
        [sys.executable, "-m", "pytest", str(notebook), "--nbval", "--nbval-current-env", "-p", "no:cacheprovider",
         "-p", "no:xdist", "-o", "addopts=", "--rootdir", str(tmp_path), f"--junitxml={report}", "-q"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    return report


def test_report_names_the_lesson_the_cell_and_the_diff(tmp_path, capsys):
    notebook = tmp_path / "07_changed.ipynb"
    _lesson(notebook, stored_sum=3)  # Deliberately wrong: the new run prints 2.
    assert drift.drift_report(_nbval(tmp_path, notebook)) == 1
    out = capsys.readouterr().out
    assert "== 07_changed.ipynb: 1 cell(s) changed" in out
    assert "-- Cell 1: print('sum')" in out
    assert "mismatch 'stdout'" in out
    assert "- 2" in out and "+ 3" in out  # New output, stored output.
    assert "tools/lessons.py execute" in out


def test_report_says_when_nothing_changed(tmp_path, capsys):
    notebook = tmp_path / "07_same.ipynb"
    _lesson(notebook, stored_sum=2)
    assert drift.drift_report(_nbval(tmp_path, notebook)) == 0
    assert "no drift" in capsys.readouterr().out


def test_report_lists_failing_unit_tests_beside_lessons(tmp_path, capsys):
    unit = tmp_path / "unit.xml"
    unit.write_text(
        '<testsuites><testsuite name="pytest"><testcase classname="tests.test_graph" name="test_x">'
        '<failure message="assert 1 == 2">assert 1 == 2</failure></testcase>'
        '<testcase classname="tests.test_graph" name="test_y"/></testsuite></testsuites>',
        encoding="utf-8",
    )
    assert drift.drift_report(unit) == 1
    out = capsys.readouterr().out
    assert "== unit tests: 1 failed" in out and "tests.test_graph::test_x" in out


def test_the_script_runs_as_nox_runs_it(tmp_path):
    # noxfile.py's drift session: `python tools/drift.py versions LOCK`, then `report JUNIT...`.
    versions = subprocess.run([sys.executable, str(DRIFT), "versions", str(LOCK)],
                              capture_output=True, text=True, timeout=120)
    assert versions.returncode == 0, versions.stderr
    assert str(LOCK) in versions.stdout
    unit = tmp_path / "unit.xml"
    unit.write_text('<testsuites><testsuite name="pytest"><testcase classname="tests.test_graph" name="test_y"/>'
                    '</testsuite></testsuites>', encoding="utf-8")
    report = subprocess.run([sys.executable, str(DRIFT), "report", str(unit)],
                            capture_output=True, text=True, timeout=120)
    assert report.returncode == 0, report.stderr
    assert "no drift" in report.stdout
    unit.write_text(unit.read_text().replace('name="test_y"/>', 'name="test_y"><failure message="x">x</failure>'
                                                                  '</testcase>'), encoding="utf-8")
    failed = subprocess.run([sys.executable, str(DRIFT), "report", str(unit)],
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode == 1 and "tests.test_graph::test_y" in failed.stdout
    assert not (ROOT / "src" / "keras_functional_guide" / "drift.py").exists()

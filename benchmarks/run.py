"""Benchmarks: measured on the machine this runs on, printed as Markdown tables.

    .venv/bin/python benchmarks/run.py [--repeats 5]
    .venv/bin/python benchmarks/run.py --lessons 22 24 --repeats 3   # only those lessons

1. Import time: ``import keras_functional_guide`` against ``import tensorflow``,
   in fresh processes, median of several runs; also the first builder use
   against ``from tensorflow.keras import layers``.
2. The notebooks under strict nbval against their floor: for each notebook, a
   notebook that only imports TensorFlow, run the same way.
3. ``keras-functional-guide tour``: wall time and peak memory.

Speed is measured here and not in timed tests, which would fail on slow machines.
"""

import argparse
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from lessons import _resolve as resolve_lessons, find_lessons as find_notebooks, learner_kernel_env  # noqa: E402 - a maintainers' script
PYTHON = sys.executable
SCRIPT = str(pathlib.Path(PYTHON).parent / "keras-functional-guide")
# A learner's environment, as the tests and the stored notebook outputs use it.
ENV = learner_kernel_env()


def wall(command, **kwargs):
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=ENV, **kwargs)
    return time.perf_counter() - start


def median_wall(code, repeats):
    return statistics.median(wall([PYTHON, "-c", code]) for _ in range(repeats))


def import_times(repeats):
    wall([PYTHON, "-c", "import tensorflow"])  # Warm the file cache once.
    pairs = [
        ("import keras_functional_guide", "import tensorflow"),
        ("import keras_functional_guide as k; k.build_dag", "from tensorflow.keras import layers"),
    ]
    rows = []
    for ours, baseline in pairs:
        ours_s, base_s = median_wall(ours, repeats), median_wall(baseline, repeats)
        rows.append((ours, baseline, ours_s, base_s, ours_s / base_s))
    return rows


def pytest_time(paths, workers):
    command = [PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", str(workers), *map(str, paths)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=ROOT)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-3000:])
    return seconds


def floor_notebook(path):
    """A notebook that only does what every notebook must: start a kernel and import TensorFlow."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    notebook.cells = [nbformat.v4.new_code_cell("import tensorflow")]
    nbformat.write(notebook, path)


def notebook_times(workers):
    notebooks = find_notebooks(ROOT / "notebooks")
    each = [(path.name, pytest_time([path], 0)) for path in notebooks]
    # Inside the project, where pytest collects notebooks (it ignores paths outside its rootdir).
    with tempfile.TemporaryDirectory(dir=ROOT / "benchmarks") as folder:
        floors = []
        for path in notebooks:
            floor_notebook(pathlib.Path(folder) / path.name)
            floors.append(pathlib.Path(folder) / path.name)
        floor_each = [pytest_time([path], 0) for path in floors]
        floor_suite = pytest_time(floors, workers)
    suite = pytest_time(notebooks, workers)
    return each, floor_each, suite, floor_suite


def paired_beyond(notebooks, repeats):
    """Yields ``(lesson name, [(floor seconds, lesson seconds), ...])``, a lesson at a time.

    The machine's speed drifts by seconds over an hour, more than a lesson's own
    cost; so every lesson run is paired with a floor run just before it, and the
    lesson's figure is the median of the differences over ``repeats`` pairs.
    """
    with tempfile.TemporaryDirectory(dir=ROOT / "benchmarks") as folder:
        floor = pathlib.Path(folder) / "00_floor.ipynb"
        floor_notebook(floor)
        for path in notebooks:  # One row as each lesson is done: a run takes minutes.
            yield path.name, [(pytest_time([floor], 0), pytest_time([path], 0)) for _ in range(repeats)]


def machine():
    return (f"Machine: {platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}, "
            f"{platform.platform()}")


def tour():
    # A wrapper process of its own, so the peak is the tour's alone, not that
    # of an earlier child of this script.
    code = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        f"subprocess.run([{SCRIPT!r}, 'tour'], check=True, capture_output=True)\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    result = subprocess.run([PYTHON, "-c", code], check=True, capture_output=True, text=True, env=ENV)
    seconds, peak_kib = result.stdout.split()
    return float(seconds), int(peak_kib) / 1024


def environment():
    """Which environment this is. With the notebook extra (JupyterLab), jsonschema finds
    rfc3987-syntax and builds its grammar when nbval imports nbformat: 2-3 s more for
    every pytest process, which the README's test environment does not pay."""
    from importlib import metadata

    names = {dist.metadata["Name"].lower() for dist in metadata.distributions()}
    extras = [name for name in ("jupyterlab", "rfc3987-syntax") if name in names]
    return f"{len(names)} distributions" + (f", including {', '.join(extras)}" if extras else
                                            " (the README's test environment: no JupyterLab)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist workers for the suites")
    parser.add_argument("--lessons", nargs="+", metavar="NN",
                        help="only these lessons, each paired with a floor run --repeats times")
    arguments = parser.parse_args()
    if arguments.lessons:
        return lessons_only(arguments.lessons, arguments.repeats)

    print(machine())
    versions = subprocess.run([PYTHON, "-c", "import tensorflow as tf, keras; print(tf.__version__, keras.__version__)"],
                              capture_output=True, text=True, env=ENV).stdout.split()
    print(f"tensorflow {versions[0]}, keras {versions[1]}")
    print(f"Environment: {environment()}\n")

    print(f"## Import time (fresh processes, median of {arguments.repeats})\n")
    print("| ours | baseline | ours (s) | baseline (s) | ratio (goal <= 1.05) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for ours, baseline, ours_s, base_s, ratio in import_times(arguments.repeats):
        print(f"| `{ours}` | `{baseline}` | {ours_s:.2f} | {base_s:.2f} | {ratio:.2f} |")

    each, floor_each, suite, floor_suite = notebook_times(arguments.workers)
    print("\n## Notebooks under strict nbval (pytest, one process per row)\n")
    # The floor notebook is the same for every row, so its spread is the machine's
    # noise; "beyond" is measured from the median floor, the lesson's own cost.
    median_floor = statistics.median(floor_each)
    print("| notebook | seconds | floor (kernel + import tensorflow) | ratio | beyond the median floor (s) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for (name, seconds), floor in zip(each, floor_each):
        print(f"| {name} | {seconds:.1f} | {floor:.1f} | {seconds / floor:.2f} | {seconds - median_floor:.1f} |")
    total, floor_total = sum(s for _, s in each), sum(floor_each)
    print(f"| **total, one at a time** | {total:.1f} | {floor_total:.1f} | {total / floor_total:.2f} | |")
    print(f"| **suite, -n {arguments.workers}** | {suite:.1f} | {floor_suite:.1f} | {suite / floor_suite:.2f} (goal <= 1.5) | |")
    print(f"\nMedian floor: {median_floor:.1f} s (from {min(floor_each):.1f} to {max(floor_each):.1f} s).")

    seconds, peak_mib = tour()
    print("\n## `keras-functional-guide tour`\n")
    print("| wall time (s, goal < 60) | peak memory (MiB, goal < 2048) |")
    print("| ---: | ---: |")
    print(f"| {seconds:.1f} | {peak_mib:.0f} |")


def lessons_only(names, repeats):
    print(machine())
    print(f"Environment: {environment()}\n")
    print(f"## Lessons beyond their floor, paired runs (median of {repeats})\n")
    print("| notebook | seconds (median) | floor (median) | beyond the floor, median of pairs (s) | pairs (s) |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, pairs in paired_beyond(resolve_lessons(names), repeats):
        differences = [lesson - floor for floor, lesson in pairs]
        print(f"| {name} | {statistics.median(l for _, l in pairs):.1f} | {statistics.median(f for f, _ in pairs):.1f} "
              f"| {statistics.median(differences):.1f} | {', '.join(f'{d:.1f}' for d in differences)} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

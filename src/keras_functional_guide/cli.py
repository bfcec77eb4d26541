"""The ``keras-functional-guide`` command (also ``python -m keras_functional_guide``).

Exit codes: 0 success, 1 failure, 2 usage error (argparse's convention).
"""

import argparse
import importlib.util
import pathlib
import sys

from keras_functional_guide import __version__
from keras_functional_guide._quiet import import_tensorflow_quietly

FAILURE = 1


def _number(value):
    """An integer with thousands separators (67,192,650); anything else as it is."""
    return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _width(text):
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


def _table(headers, rows):
    """Formats rows as a plain text table, numbers right-aligned."""
    cells = [[_number(cell) for cell in row] for row in rows]
    widths = [max(_width(header), *(_width(row[i]) for row in cells)) for i, header in enumerate(headers)]

    def is_number(text):
        try:
            float(text.replace(",", ""))
        except ValueError:
            return False
        return True

    def line(values):
        parts = [" " * (width - _width(value)) + value if is_number(value) else value + " " * (width - _width(value))
                 for value, width in zip(values, widths)]
        return "  ".join(parts).rstrip()

    out = [line(headers), "  ".join("-" * width for width in widths)]
    out += [line(values) for values in cells]
    return "\n".join(out)


def _io_names(model):
    from tensorflow import keras

    inputs = ", ".join(tensor.name for tensor in model.inputs)
    if isinstance(model, keras.Sequential):
        outputs = model.layers[-1].name
    else:
        outputs = ", ".join(model.output_names)
    return inputs, outputs


def _example_or_exit(parser, name):
    from keras_functional_guide.examples import get_example

    try:
        return get_example(name)
    except ValueError as error:
        parser.error(f"unknown example: {error}")


def _int_at_least(minimum):
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be an integer >= {minimum}, got {text!r}")
        return value

    return parse


_positive_int = _int_at_least(1)


def describe_strategy(model):
    """One line naming the distribution strategy a model was built under and its replicas,
    e.g. 'MirroredStrategy over 2 replicas (CPU:0, CPU:1)'."""
    strategy = model.distribute_strategy
    devices = [device.rsplit("device:", 1)[-1] for device in strategy.extended.worker_devices]
    replicas = strategy.num_replicas_in_sync
    return (f"{type(strategy).__name__} over {replicas} replica{'s' if replicas != 1 else ''} "
            f"({', '.join(devices)})")


def describe_batches(result, requested):
    """One line on the global batch a strategy trained with and the examples each epoch left out,
    e.g. 'global batch 8 (asked 8); 1 training example left out of each epoch'."""
    dropped = result.dropped_per_epoch
    examples = "example" if dropped == 1 else "examples"
    return (f"global batch {result.batch_size} (asked {requested}); {dropped} training {examples} "
            "left out of each epoch so every batch splits evenly over the replicas")


def _interactive():
    """Whether to draw a live progress display: only when stdout is a terminal."""
    return sys.stdout.isatty()


def _progress():
    """A rich progress display on stdout (rich comes with Keras)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[detail]}"),
    )


def _epoch_callback(progress, task):
    """A Keras callback that advances ``task`` once per epoch and shows its loss."""
    from tensorflow import keras

    class EpochProgress(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            detail = "  ".join(f"{key} {value:.4f}" for key, value in sorted(logs.items())
                               if key == "loss" or key.endswith("accuracy"))
            progress.update(task, advance=1, detail=detail)

    return EpochProgress()


def command_list(arguments, parser):
    from keras_functional_guide.examples import EXAMPLES

    import_tensorflow_quietly()  # Its start-up notices are not this program's output.
    rows = []
    for example in EXAMPLES:
        model = example.build()
        inputs, outputs = _io_names(model)
        rows.append([example.name, example.section, inputs, outputs, model.count_params()])
    print(_table(["example", "section", "inputs", "outputs", "parameters"], rows))
    return 0


def command_show(arguments, parser):
    example = _example_or_exit(parser, arguments.name)
    if arguments.plot is not None and pathlib.Path(arguments.plot).suffix.lower() not in (".png", ".svg"):
        parser.error(f"--plot must end in .png or .svg, got {arguments.plot!r}")
    from keras_functional_guide.plotting import INSTALL_HINT, graphviz_available, plot

    import_tensorflow_quietly()  # Its start-up notices are not this program's output.
    model = example.build()
    model.summary()
    if arguments.plot is not None:
        if not graphviz_available():
            print(INSTALL_HINT, file=sys.stderr)
            return FAILURE
        plot(model, to_file=arguments.plot)
        print(f"wrote {arguments.plot}")
    return 0


def command_train(arguments, parser):
    example = _example_or_exit(parser, arguments.name)
    from keras_functional_guide.examples import train_example

    import_tensorflow_quietly()  # Its start-up notices are not this program's output.
    options = dict(epochs=arguments.epochs, seed=arguments.seed, devices=arguments.devices,
                   batch_size=arguments.batch_size)
    if _interactive():
        # In a terminal: one rich progress bar over the epochs.
        epochs = arguments.epochs or example.epochs
        with _progress() as progress:
            task = progress.add_task(f"training {example.name}", total=epochs, detail="")
            result = train_example(example.name, verbose=0,
                                   callbacks=[_epoch_callback(progress, task)], **options)
    else:
        # Piped or redirected: Keras's one line per epoch.
        result = train_example(example.name, verbose=2, **options)
    if arguments.devices is not None:
        print(f"trained under {describe_strategy(result.model)}")
        print(describe_batches(result, arguments.batch_size or example.batch_size))
    print(f"test metrics for {example.name}:")
    for key, value in sorted(result.test_metrics.items()):
        print(f"  {key}: {value:.4f}")
    print(f"test accuracy: {result.test_accuracy:.4f} (chance {example.chance:.2f})")
    return 0


def command_tour(arguments, parser):
    from keras_functional_guide.examples import EXAMPLES, train_example

    import_tensorflow_quietly()  # Its start-up notices are not this program's output.
    rows, strategies = [], []

    def train(example):
        result = train_example(example.name, epochs=arguments.epochs, devices=arguments.devices,
                               batch_size=arguments.batch_size)
        rows.append([
            example.name, example.section, example.topology, result.model.count_params(),
            f"{result.test_accuracy:.3f}", f"{result.seconds:.1f}",
        ])
        if arguments.devices is not None:
            strategies.append(describe_strategy(result.model))
        return result

    if _interactive():
        # In a terminal: one rich progress bar over the examples.
        with _progress() as progress:
            task = progress.add_task("tour", total=len(EXAMPLES), detail="")
            for example in EXAMPLES:
                progress.update(task, description=f"training {example.name}")
                result = train(example)
                progress.update(task, advance=1, detail=f"{example.name}: {result.test_accuracy:.3f}")
            progress.update(task, description="tour")
    else:
        # Piped or redirected: one plain line per example, on stderr, so stdout is just the table.
        for number, example in enumerate(EXAMPLES, start=1):
            result = train(example)
            print(f"trained {example.name} ({number}/{len(EXAMPLES)}, {result.seconds:.1f} s)",
                  file=sys.stderr, flush=True)
    if strategies:
        print(f"trained under {strategies[0]}")
    print(_table(["example", "section", "topology", "parameters", "test accuracy", "seconds"], rows))
    return 0


def command_notebooks(arguments, parser):
    from keras_functional_guide import notebook_tools

    directory = pathlib.Path(arguments.dir)
    try:
        notebooks = notebook_tools.find_notebooks(directory)
    except ValueError as error:
        parser.error(str(error))
    if not notebooks:
        parser.error(f"no notebooks named NN_*.ipynb in {str(directory)!r}")
    if not arguments.execute and arguments.html is None:
        for path in notebooks:
            print(path.name)
        return 0
    # The site is the Sphinx project docs/ beside the notebooks folder, whose
    # docs/notebooks links to it (as in a clone of the repository).
    docs = directory.resolve().parent / "docs"
    if arguments.html is not None and not (
            (docs / "conf.py").is_file() and (docs / "notebooks").resolve() == directory.resolve()):
        parser.error(f"--html builds the Sphinx project docs/ beside {str(directory)!r}, with docs/notebooks "
                     f"linking to it (a clone of the repository); there is none at {str(docs)!r}")
    needed = []
    if arguments.execute:
        needed += [("nbclient", "notebook"), ("ipykernel", "notebook")]
    if arguments.html is not None:
        needed += [("sphinx", "docs"), ("myst_nb", "docs"), ("sphinx_book_theme", "docs"), ("jieba", "docs")]
    missing = [(name, extra) for name, extra in needed if importlib.util.find_spec(name) is None]
    if missing:
        extras = ",".join(sorted({extra for _, extra in missing}))
        names = ", ".join(name for name, _ in missing)
        print(f"notebooks: this needs {names}: pip install -e '.[{extras}]'", file=sys.stderr)
        return FAILURE
    if arguments.execute:
        for path in notebooks:
            try:
                seconds = notebook_tools.execute_notebook(path)
            except Exception as error:  # A cell failed: say which notebook, keep the others as they were.
                print(f"failed to execute {path.name}:\n{error}", file=sys.stderr)
                return FAILURE
            print(f"executed {path.name} in {seconds:.1f} s", flush=True)
    if arguments.html is not None:
        from sphinx.cmd.build import build_main

        # The same build as `sphinx-build -b html -q docs DIR`: warnings on stderr.
        if build_main(["-b", "html", "-q", str(docs), str(arguments.html)]) != 0:
            print(f"notebooks: sphinx-build -b html {docs} {arguments.html} failed", file=sys.stderr)
            return FAILURE
        print(f"wrote {pathlib.Path(arguments.html) / 'index.html'}")
    return 0


def build_parser():
    parser = argparse.ArgumentParser(
        prog="keras-functional-guide",
        description="The Keras Functional API course: list, show, train and tour its examples, "
        "and run or render its notebooks.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    listing = commands.add_parser("list", help="every example in tutorial order")
    listing.set_defaults(handler=command_list)

    show = commands.add_parser("show", help="an example's summary, optionally its diagram")
    show.add_argument("name", help="example name (see `list`)")
    show.add_argument("--plot", metavar="FILE", help="also draw the model to FILE (.png or .svg)")
    show.set_defaults(handler=command_show)

    train = commands.add_parser("train", help="train an example on its digits task")
    train.add_argument("name", help="example name (see `list`)")
    train.add_argument("--epochs", type=_positive_int, default=None, help="epochs (default: the example's own)")
    train.add_argument("--seed", type=_int_at_least(0), default=0, help="random seed (default: 0)")
    train.add_argument("--devices", type=_positive_int, default=None,
                       help="train under MirroredStrategy over N logical CPU devices")
    train.add_argument("--batch-size", type=_positive_int, default=None,
                       help="global batch size (default: the example's own; under --devices, "
                       "rounded down to a multiple of N)")
    train.set_defaults(handler=command_train)

    tour = commands.add_parser("tour", help="build and briefly train every example, then print a table")
    tour.add_argument("--epochs", type=_positive_int, default=None,
                      help="epochs for every example (default: each example's own)")
    tour.add_argument("--devices", type=_positive_int, default=None,
                      help="train under MirroredStrategy over N logical CPU devices")
    tour.add_argument("--batch-size", type=_positive_int, default=None,
                      help="global batch size for every example (default: each example's own; "
                      "under --devices, rounded down to a multiple of N)")
    tour.set_defaults(handler=command_tour)

    notebooks = commands.add_parser("notebooks", help="list, re-execute or render the notebooks")
    notebooks.add_argument("--dir", default="notebooks", help="the notebooks folder (default: notebooks)")
    notebooks.add_argument("--execute", action="store_true",
                           help="re-execute every notebook in place in a fresh kernel (refreshes stored outputs)")
    notebooks.add_argument("--html", metavar="DIR", help="render the course as a static HTML site in DIR")
    notebooks.set_defaults(handler=command_notebooks)
    return parser


def main(argv=None):
    parser = build_parser()
    arguments = parser.parse_args(argv)
    return arguments.handler(arguments, parser)


if __name__ == "__main__":
    sys.exit(main())

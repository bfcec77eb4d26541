"""The ``keras-functional-guide`` command (also ``python -m keras_functional_guide``).

Exit codes: 0 success, 1 failure, 2 usage error (argparse's convention).
"""

import argparse
import importlib.util
import os
import pathlib
import sys

from keras_functional_guide import __version__

FAILURE = 1


def _quiet_tensorflow():
    # Before TensorFlow is imported: its C++ log lines are noise in a terminal.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _table(headers, rows):
    """Formats rows as a plain text table, numbers right-aligned."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(header), *(len(row[i]) for row in cells)) for i, header in enumerate(headers)]

    def is_number(text):
        try:
            float(text)
        except ValueError:
            return False
        return True

    def line(values):
        parts = [value.rjust(width) if is_number(value) else value.ljust(width)
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


def command_list(arguments, parser):
    from keras_functional_guide.examples import EXAMPLES

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

    # A progress bar in a terminal; one line per epoch when the output is a file.
    verbose = 1 if sys.stdout.isatty() else 2
    result = train_example(
        example.name, epochs=arguments.epochs, seed=arguments.seed, verbose=verbose,
        devices=arguments.devices,
    )
    print(f"test metrics for {example.name}:")
    for key, value in sorted(result.test_metrics.items()):
        print(f"  {key}: {value:.4f}")
    print(f"test accuracy: {result.test_accuracy:.4f} (chance {example.chance:.2f})")
    return 0


def command_tour(arguments, parser):
    from keras_functional_guide.examples import EXAMPLES, train_example

    rows = []
    for example in EXAMPLES:
        result = train_example(example.name, epochs=arguments.epochs, devices=arguments.devices)
        rows.append([
            example.name, example.section, example.topology, result.model.count_params(),
            f"{result.test_accuracy:.3f}", f"{result.seconds:.1f}",
        ])
        print(f"trained {example.name}", file=sys.stderr, flush=True)
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
    missing = [name for name in ("nbclient", "nbconvert") if importlib.util.find_spec(name) is None]
    if missing:
        print(f"notebooks --execute and --html need {' and '.join(missing)}: "
              "pip install -e '.[notebook]'", file=sys.stderr)
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
        index = notebook_tools.render_html(notebooks, arguments.html)
        print(f"wrote {index}")
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
    train.set_defaults(handler=command_train)

    tour = commands.add_parser("tour", help="build and briefly train every example, then print a table")
    tour.add_argument("--epochs", type=_positive_int, default=None,
                      help="epochs for every example (default: each example's own)")
    tour.add_argument("--devices", type=_positive_int, default=None,
                      help="train under MirroredStrategy over N logical CPU devices")
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
    _quiet_tensorflow()
    return arguments.handler(arguments, parser)


if __name__ == "__main__":
    sys.exit(main())

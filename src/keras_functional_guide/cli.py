"""The ``keras-functional-guide`` command (also ``python -m keras_functional_guide``): the
learner's commands ``list``, ``show``, ``train`` and ``tour``.

The maintainers' commands (re-executing the lessons, building the site) are not
here: they need a clone of the repository and live in ``tools/`` and the nox sessions.

Exit codes: 0 success, 1 failure, 2 usage error (argparse's convention).
"""

import argparse
import pathlib
import sys

from keras_functional_guide import __version__
from keras_functional_guide._quiet import import_tensorflow_quietly

FAILURE = 1


def _table(headers, rows, *, numeric=()):
    """Prints rows as a plain table through rich (which measures Chinese characters as two
    columns), the columns named in ``numeric`` right-aligned with thousands separators."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style=None)
    for header in headers:
        table.add_column(header, justify="right" if header in numeric else "left", no_wrap=True)
    for row in rows:
        table.add_row(*(f"{cell:,}" if header in numeric and isinstance(cell, int) else str(cell)
                        for header, cell in zip(headers, row)))
    # Piped or redirected, the table keeps its natural width instead of wrapping at 80 columns.
    console = Console(highlight=False, emoji=False, width=None if sys.stdout.isatty() else 10_000)
    console.print(table)


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
    _table(["example", "section", "inputs", "outputs", "parameters"], rows, numeric={"parameters"})
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


def _worker_mode(arguments, parser, example):
    """What ``train`` runs: ``None`` (one process), ``("launch", addresses)`` (local workers) or
    ``("join", addresses, index)`` (this process as one worker of a cluster). Every check is done
    here, before TensorFlow is imported; a bad combination exits 2 with one line."""
    import os

    from keras_functional_guide import workers

    local, cluster, index = arguments.workers, arguments.cluster, arguments.index
    if local is not None and arguments.devices is not None:
        parser.error("--workers and --devices cannot be combined: --workers trains in N processes "
                     "(MultiWorkerMirroredStrategy), --devices in one process over N logical CPUs")
    if cluster is not None and (local is not None or arguments.devices is not None):
        parser.error("--cluster cannot be combined with --workers or --devices: it runs this process "
                     "as one worker of a cluster of machines")
    if (cluster is None) != (index is None):
        parser.error("--cluster and --index go together: the cluster's addresses and this worker's "
                     "place in them, e.g. --cluster 10.0.0.1:12345,10.0.0.2:12345 --index 0")
    if arguments.port is not None and local is None:
        parser.error("--port goes with --workers (the first port of the local workers)")
    environment = os.environ.get("TF_CONFIG", "").strip()
    try:
        if local is not None:
            _, addresses = workers.check_launch(
                example.name, local, epochs=arguments.epochs, seed=arguments.seed,
                batch_size=arguments.batch_size, port=arguments.port, timeout=arguments.timeout)
            return ("launch", addresses)
        if cluster is not None:
            addresses = workers.parse_cluster(cluster)
            workers.tf_config(addresses, index)
        elif environment and arguments.devices is None:
            addresses, index = workers.read_tf_config(environment)
        else:
            return None
    except ValueError as error:
        parser.error(str(error))
    port = int(addresses[index].rpartition(":")[2])
    if workers.port_in_use(port):
        parser.error(f"port {port} is already in use on this machine, so worker {index} cannot listen "
                     f"on {addresses[index]}; free it or give the cluster another port")
    examples = workers.training_examples(example.name)  # Loads the data: after the instant checks.
    if len(addresses) > examples:
        parser.error(f"the cluster has {len(addresses)} workers, more than the {examples} training "
                     f"examples of {example.name!r} (each worker needs at least one per step)")
    return ("join", addresses, index)


def _train_across_workers(arguments, example, addresses):
    """``train NAME --workers N``: starts the workers, prints each one's final loss and the test accuracy.
    (``addresses`` were only checked: the launch looks for free ports again, just before it starts.)"""
    from keras_functional_guide import workers

    print(f"training {example.name} on {len(addresses)} local workers under MultiWorkerMirroredStrategy, "
          "with a custom training loop", flush=True)
    try:
        [result] = workers.train_across_workers(
            example.name, len(addresses), epochs=arguments.epochs, seed=arguments.seed,
            batch_size=arguments.batch_size, port=arguments.port, timeout=arguments.timeout,
            echo=lambda line: print(line, flush=True))
    except workers.WorkerFailed as error:
        for line in error.stderr.strip().splitlines()[-5:]:
            print(f"  [worker {error.worker}] {line}", file=sys.stderr)
        print(f"keras-functional-guide: {error}", file=sys.stderr)
        return FAILURE
    except RuntimeError as error:
        print(f"keras-functional-guide: {error}", file=sys.stderr)
        return FAILURE
    epochs = "epoch" if result.epochs == 1 else "epochs"
    print(f"{result.epochs} {epochs}, global batch {result.batch_size} ({result.per_worker_batch} per "
          f"worker), {result.steps} steps on every worker")
    print("final loss of each worker:")
    for index, loss in enumerate(result.losses):
        print(f"  worker {index}: {loss:.6f}")
    if len(result.losses) > 1:
        print(f"the {len(result.losses)} workers' final losses and weights agree")
    print(f"test accuracy: {result.test_accuracy:.4f} (chance {example.chance:.2f})")
    return 0


def _train_as_worker(arguments, example, addresses, index):
    """``train NAME --cluster ... --index I`` (or ``TF_CONFIG``): this process is worker I."""
    import os

    from keras_functional_guide import workers

    os.environ["TF_CONFIG"] = workers.tf_config(addresses, index)
    print(f"worker {index} of {len(addresses)} ({addresses[index]}) training {example.name} under "
          "MultiWorkerMirroredStrategy; it starts when every worker has joined", flush=True)
    return workers.worker_main([example.name], epochs=arguments.epochs, seed=arguments.seed,
                               batch_size=arguments.batch_size, timeout=arguments.timeout)


def command_train(arguments, parser):
    example = _example_or_exit(parser, arguments.name)
    mode = _worker_mode(arguments, parser, example)
    if mode is not None and mode[0] == "launch":
        return _train_across_workers(arguments, example, mode[1])
    if mode is not None:
        return _train_as_worker(arguments, example, *mode[1:])
    from keras_functional_guide.training import train_example

    import_tensorflow_quietly()  # Its start-up notices are not this program's output.
    options = dict(epochs=arguments.epochs, seed=arguments.seed, devices=arguments.devices,
                   batch_size=arguments.batch_size)
    if sys.stdout.isatty():
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
    from keras_functional_guide.examples import EXAMPLES
    from keras_functional_guide.training import train_example

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

    if sys.stdout.isatty():
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
    _table(["example", "section", "topology", "parameters", "test accuracy", "seconds"], rows,
           numeric={"parameters", "test accuracy", "seconds"})
    return 0


def _training_options():
    """The options ``train`` and ``tour`` share, declared once."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--epochs", type=_positive_int, default=None,
                         help="epochs (default: each example's own)")
    options.add_argument("--devices", type=_positive_int, default=None,
                         help="train under MirroredStrategy over N logical CPU devices")
    options.add_argument("--batch-size", type=_positive_int, default=None,
                         help="global batch size (default: each example's own; under --devices, "
                         "rounded down to a multiple of N)")
    return options


def build_parser():
    parser = argparse.ArgumentParser(
        prog="keras-functional-guide",
        description="The Keras Functional API course: list, show, train and tour its examples.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    training = _training_options()

    listing = commands.add_parser("list", help="every example in tutorial order")
    listing.set_defaults(handler=command_list)

    show = commands.add_parser("show", help="an example's summary, optionally its diagram")
    show.add_argument("name", help="example name (see `list`)")
    show.add_argument("--plot", metavar="FILE", help="also draw the model to FILE (.png or .svg)")
    show.set_defaults(handler=command_show)

    train = commands.add_parser("train", parents=[training], help="train an example on its digits task")
    train.add_argument("name", help="example name (see `list`)")
    train.add_argument("--seed", type=_int_at_least(0), default=0, help="random seed (default: 0)")
    scale_out = train.add_argument_group(
        "across processes and machines (MultiWorkerMirroredStrategy, a custom training loop)")
    scale_out.add_argument("--workers", type=_positive_int, default=None, metavar="N",
                           help="start N local worker processes and train across them")
    scale_out.add_argument("--port", type=_int_at_least(1), default=None,
                           help="with --workers: worker i listens on 127.0.0.1:PORT+i "
                           "(default: free ports)")
    scale_out.add_argument("--cluster", default=None, metavar="HOST:PORT,...",
                           help="every worker's address, the same on every machine; with --index, "
                           "run this process as one worker (or set TF_CONFIG instead)")
    scale_out.add_argument("--index", type=_int_at_least(0), default=None, metavar="I",
                           help="this worker's place in --cluster (0 is the chief)")
    scale_out.add_argument("--timeout", type=_positive_int, default=60, metavar="SECONDS",
                           help="seconds a worker waits for the others in a collective operation "
                           "before it gives up (default: 60)")
    train.set_defaults(handler=command_train)

    tour = commands.add_parser("tour", parents=[training],
                               help="build and briefly train every example, then print a table")
    tour.set_defaults(handler=command_tour)
    return parser


def main(argv=None):
    parser = build_parser()
    arguments = parser.parse_args(argv)
    return arguments.handler(arguments, parser)


if __name__ == "__main__":
    sys.exit(main())

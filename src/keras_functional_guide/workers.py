"""Training one functional model across processes and machines: ``tf.distribute.MultiWorkerMirroredStrategy``.

Each worker is a process with its own ``TF_CONFIG``: the same cluster (every
worker's ``host:port``) and its own index in it. Every worker builds the same
model from the registry with the same seed, reads the same data in the same
order, and trains on its share of each global batch; the gradients are summed
across the workers (an all-reduce over gRPC), so every worker takes the same
step and ends with the same weights and the same loss.

The training loop is written by hand (``strategy.run``, ``tf.GradientTape``,
the optimizer's ``apply_gradients``) because ``model.fit`` fails under this
strategy in Keras 3.15 (keras-team/keras#20585): before its first step ``fit``
hands the first batch, a nested ``PerReplica`` value, to ``strategy.reduce``,
which ``MultiWorkerMirroredStrategy`` refuses with "ValueError: Attempt to
convert a value (PerReplica:{...}) with an unsupported type (<class
'tensorflow.python.distribute.values.PerReplica'>) to a Tensor."
(:func:`probe_fit` tells whether the installed release still fails;
tests/test_workers.py asks it, so the day a release fixes it a test says so.)

Two ways to run it:

* :func:`train_across_workers` (``keras-functional-guide train NAME --workers N``)
  starts N worker processes on this machine, on free ports of 127.0.0.1, waits
  for them, and returns each worker's final loss and test accuracy. A worker
  that dies makes it stop the others and raise :class:`WorkerFailed`.
* On real machines each machine runs one worker itself:
  ``keras-functional-guide train NAME --cluster host1:port,host2:port --index I``
  (or with ``TF_CONFIG`` set in its environment); :func:`run_worker` is that worker.

The worker's own command is ``python -m keras_functional_guide.workers NAME...``,
with ``TF_CONFIG`` in its environment: the launcher starts it that way.

Every collective operation has a timeout (``CommunicationOptions(timeout_seconds=...)``),
so a worker whose peer died stops with an error instead of waiting for it forever.
"""

import dataclasses
import json
import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from keras_functional_guide._validation import check_int
from keras_functional_guide.examples import get_example

# Seconds a collective operation (the all-reduce of a step) may wait for the other workers.
# The first all-reduce waits for the slowest worker to import TensorFlow and trace its step,
# which on a loaded 2-core machine takes well over ten seconds.
DEFAULT_TIMEOUT = 60
# What a worker prints before the JSON of each example it trained, for the launcher to read.
RESULT_PREFIX = "kfg-worker-result "
LOCALHOST = "127.0.0.1"


class WorkerFailed(RuntimeError):
    """A worker process exited with an error or was killed; the launcher stopped the others.

    Attributes:
        worker: The failed worker's index.
        returncode: Its exit code (negative: the number of the signal that killed it).
        stderr: The end of what it wrote to stderr.
    """

    def __init__(self, message, *, worker, returncode, stderr=""):
        super().__init__(message)
        self.worker = worker
        self.returncode = returncode
        self.stderr = stderr


@dataclasses.dataclass
class WorkersResult:
    """What :func:`train_across_workers` returns for one example.

    Attributes:
        name: The example's name.
        losses: Each worker's final loss (the mean training loss of the last
            epoch, over all the workers' examples), by worker index.
        test_accuracies: Each worker's test accuracy (``evaluate`` on the whole
            test split), by worker index.
        checksums: Each worker's sum of the absolute values of all its weights:
            equal when the workers ended with the same weights.
        epochs: Epochs trained.
        batch_size: The global batch (a multiple of the number of workers).
        per_worker_batch: The examples each worker takes from each global batch.
        steps: Optimizer steps taken (the same on every worker).
        addresses: The workers' ``host:port`` addresses, by index.
        worker_seconds: Each worker's wall time for this example (building, training, evaluating).
        seconds: Wall time of the whole launch (all its examples, TensorFlow's import included).
    """

    name: str
    losses: list
    test_accuracies: list
    checksums: list
    epochs: int
    batch_size: int
    per_worker_batch: int
    steps: int
    addresses: list
    worker_seconds: list = dataclasses.field(default_factory=list)
    seconds: float = 0.0

    @property
    def test_accuracy(self):
        """The test accuracy (every worker has the same weights, so the same accuracy)."""
        return self.test_accuracies[0]

    def agree(self, rel_tol=1e-6):
        """Whether the workers' final losses and weight checksums agree within ``rel_tol``."""
        return all(math.isclose(value, values[0], rel_tol=rel_tol)
                   for values in (self.losses, self.checksums) for value in values)


# -- Cluster specifications (no TensorFlow) --------------------------------------------------------

def free_ports(count, host=LOCALHOST):
    """``count`` distinct ports that nothing listens on at ``host`` right now (the system's choice)."""
    count = check_int("count", count)
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind((host, 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def port_in_use(port, host=""):
    """Whether something listens on a TCP port at ``host`` ("": every interface, as a worker binds
    it). Connections of a finished run still closing on the port (TIME_WAIT) do not count: the
    worker's server reuses the address as this check does."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


def parse_cluster(text):
    """``"host1:port,host2:port"`` as a list of addresses, every port checked.

    Raises:
        ValueError: If an address is not ``host:port`` with a port 1-65535, or one repeats.
    """
    accepted = "comma-separated host:port addresses, e.g. 10.0.0.1:12345,10.0.0.2:12345"
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"cluster must be {accepted}; got {text!r}")
    addresses = [address.strip() for address in text.split(",")]
    for address in addresses:
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit() or not 1 <= int(port) <= 65535:
            raise ValueError(f"cluster must be {accepted}; got {address!r} in {text!r}")
    if len(set(addresses)) != len(addresses):
        raise ValueError(f"cluster must name each worker once; got {text!r}")
    return addresses


def tf_config(addresses, index):
    """The ``TF_CONFIG`` JSON of worker ``index`` in a cluster of ``addresses``."""
    index = check_int("index", index, minimum=0)
    if index >= len(addresses):
        raise ValueError(f"index must be 0 to {len(addresses) - 1} for a cluster of "
                         f"{len(addresses)} workers; got {index}")
    return json.dumps({"cluster": {"worker": list(addresses)}, "task": {"type": "worker", "index": index}})


def read_tf_config(text):
    """``(addresses, index)`` from a ``TF_CONFIG`` JSON string of a cluster of workers.

    Raises:
        ValueError: If it is not JSON with ``cluster.worker`` (a list of addresses) and
            ``task`` ``{"type": "worker", "index": I}`` inside it.
    """
    accepted = ('JSON like {"cluster": {"worker": ["host1:port", "host2:port"]}, '
                '"task": {"type": "worker", "index": 0}}')
    try:
        config = json.loads(text)
        addresses = config["cluster"]["worker"]
        task = config["task"]
        index = task["index"]
        if task.get("type") != "worker" or set(config["cluster"]) != {"worker"}:
            raise ValueError
        addresses = parse_cluster(",".join(addresses))
        tf_config(addresses, index)
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"TF_CONFIG must be {accepted}; got {text!r}") from None
    return addresses, index


def training_examples(name):
    """Number of training examples of ``name``'s task (loads the data; no TensorFlow)."""
    task = get_example(name).load_task()
    y = task.y_train
    return len(next(iter(y.values())) if isinstance(y, dict) else y)


def check_launch(names, workers, *, epochs=None, seed=0, batch_size=None, port=None, timeout=DEFAULT_TIMEOUT):
    """Checks the arguments of :func:`train_across_workers`, without TensorFlow.

    Returns:
        ``(names, addresses)``: the example names as a list and the workers' addresses.

    Raises:
        ValueError: Naming the argument, its value and what is accepted.
    """
    names = [names] if isinstance(names, str) else list(names)
    if not names:
        raise ValueError("names must name at least one example; got []")
    for name in names:
        get_example(name)
    workers = check_int("workers", workers)
    if epochs is not None:
        check_int("epochs", epochs)
    check_int("seed", seed, minimum=0)
    if batch_size is not None:
        check_int("batch_size", batch_size)
    check_int("timeout", timeout)
    if port is None:
        ports = None
    else:
        port = check_int("port", port)
        ports = list(range(port, port + workers))
        if ports[-1] > 65535:
            raise ValueError(f"port must leave room for {workers} ports below 65536; got {port}")
        busy = [number for number in ports if port_in_use(number, LOCALHOST)]
        if busy:
            raise ValueError(f"port {port} needs {LOCALHOST}:{ports[0]}-{ports[-1]} free for {workers} "
                             f"workers, but {busy[0]} is already in use; choose another port, or "
                             "leave it out to use free ones")
    for name in names:
        examples = training_examples(name)
        if workers > examples:
            raise ValueError(f"workers must be at most {examples}, the training examples of {name!r} "
                             f"(each worker needs at least one per step); got {workers}")
    if ports is None:
        ports = free_ports(workers)
    return names, [f"{LOCALHOST}:{number}" for number in ports]


# -- One worker (TensorFlow) ------------------------------------------------------------------------

def _loss_functions(example):
    """Per-example loss objects (no reduction), keyed by output name (``None`` for a single output)."""
    from tensorflow import keras

    classes = {"sparse_categorical_crossentropy": keras.losses.SparseCategoricalCrossentropy,
               "binary_crossentropy": keras.losses.BinaryCrossentropy}
    losses = example.loss if isinstance(example.loss, dict) else {None: example.loss}
    return {name: classes[loss](reduction=None) for name, loss in losses.items()}


def _pick(structure, name, model=None):
    """The part of a model's targets or outputs that belongs to output ``name``."""
    if name is None or not isinstance(structure, (dict, list, tuple)):
        return structure
    if isinstance(structure, dict):
        return structure[name]
    return structure[model.output_names.index(name)]


def headline_accuracy(example, model, task):
    """The example's headline accuracy on the whole test split, as ``evaluate`` reports it
    (``accuracy_key``), from one direct call of the model: no ``compile``, no traced function."""
    import numpy as np

    losses = example.loss if isinstance(example.loss, dict) else {None: example.loss}
    output = (next(iter(losses)) if example.accuracy_key == "accuracy"
              else example.accuracy_key.removesuffix("_accuracy"))
    predicted = np.asarray(_pick(model(task.x_test, training=False), output, model))
    truth = np.asarray(_pick(task.y_test, output)).reshape(-1)
    if losses[output] == "sparse_categorical_crossentropy":  # Keras: sparse categorical accuracy.
        right = predicted.argmax(axis=-1).reshape(-1) == truth
    else:  # binary_crossentropy, Keras: binary accuracy at the threshold 0.5.
        right = (predicted.reshape(-1) > 0.5) == truth
    return float(right.mean())


def multi_worker_strategy(timeout=DEFAULT_TIMEOUT):
    """The process's ``MultiWorkerMirroredStrategy`` (from ``TF_CONFIG``), its collectives timed out.

    Call it before any other TensorFlow operation. GPUs are hidden: each worker
    trains on its CPU, one replica per worker.
    """
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    tf.config.set_visible_devices([], "GPU")
    options = tf.distribute.experimental.CommunicationOptions(timeout_seconds=timeout)
    return tf.distribute.MultiWorkerMirroredStrategy(communication_options=options)


def train_on_worker(strategy, name, *, epochs=None, seed=0, batch_size=None, report=None):
    """Trains example ``name`` on this worker of ``strategy`` with a custom loop and evaluates it.

    ``report``, if given, is called after each epoch with (epoch, epochs, loss).

    Returns:
        A dict: name, loss (the last epoch's mean training loss over every worker's
        examples), test_accuracy, checksum, epochs, batch_size, per_worker_batch, steps.
    """
    import numpy as np
    import tensorflow as tf
    from tensorflow import keras

    from keras_functional_guide import distribution, training

    start = time.perf_counter()
    example = get_example(name)
    epochs = example.epochs if epochs is None else check_int("epochs", epochs)
    batch_size = example.batch_size if batch_size is None else check_int("batch_size", batch_size)
    replicas = strategy.num_replicas_in_sync
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)  # The same seed on every worker: the same first weights.
    task = example.load_task()
    examples = distribution.number_of_examples(task.y_train)
    global_batch, used = distribution.distribute_batches(examples, batch_size, replicas)
    steps_per_epoch = math.ceil(used / global_batch)
    sizes = [global_batch] * (steps_per_epoch - 1) + [used - global_batch * (steps_per_epoch - 1)]

    def dataset_fn(context):
        # Every worker shuffles the same examples with the same seed and cuts the same global
        # batches (multiples of the replica count), then keeps its own slice of each.
        dataset = tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train))
        dataset = dataset.shuffle(examples, seed=seed, reshuffle_each_iteration=True).take(used)
        dataset = dataset.batch(global_batch).repeat(epochs)
        pipelines, index = context.num_input_pipelines, context.input_pipeline_id

        def own_slice(x, y):
            share = tf.shape(tf.nest.flatten(y)[0])[0] // pipelines
            return tf.nest.map_structure(lambda tensor: tensor[index * share:(index + 1) * share], (x, y))

        return dataset.map(own_slice)

    with strategy.scope():
        model = example.build()
        optimizer = keras.optimizers.Adam(training.LEARNING_RATE)
    losses = _loss_functions(example)
    batches = iter(strategy.distribute_datasets_from_function(dataset_fn))

    # No AutoGraph: the steps have no Python control flow on tensors, and tracing starts sooner.
    @tf.function(autograph=False)
    def train_step(iterator):
        def replica_step(x, y):
            with tf.GradientTape() as tape:
                outputs = model(x, training=True)
                # The outputs' losses summed, as compile sums them (weights 1).
                per_example = tf.add_n([loss(_pick(y, output), _pick(outputs, output, model))
                                        for output, loss in losses.items()])
                # Divided by the global batch: the replicas' gradients sum to the mean's gradient.
                loss = tf.nn.compute_average_loss(per_example)
            gradients = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(gradients, model.trainable_variables))
            return loss

        x, y = next(iterator)
        return strategy.reduce("SUM", strategy.run(replica_step, args=(x, y)), axis=None)

    @tf.function(autograph=False)
    def average_statistics():
        # BatchNormalization's moving mean and variance are updated by each replica from its
        # own slice (Keras 3 makes them with aggregation "none"), so the workers' copies drift
        # apart; their mean across the workers makes every worker's model the same again.
        for variable in model.non_trainable_variables:
            local = strategy.run(lambda variable=variable: tf.identity(variable.value))
            variable.assign(strategy.reduce("MEAN", local, axis=None))

    epoch_loss = 0.0
    for epoch in range(1, epochs + 1):
        step_losses = [float(train_step(batches)) for _ in range(steps_per_epoch)]
        epoch_loss = sum(loss * size for loss, size in zip(step_losses, sizes)) / used
        if model.non_trainable_variables:
            average_statistics()
        if report is not None:
            report(epoch, epochs, epoch_loss)
    weights = model.get_weights()
    return dict(
        name=name, loss=epoch_loss, test_accuracy=headline_accuracy(example, model, task),
        checksum=float(sum(np.abs(weight).astype("float64").sum() for weight in weights)),
        epochs=epochs, batch_size=global_batch, per_worker_batch=global_batch // replicas,
        steps=int(optimizer.iterations.numpy()), seconds=time.perf_counter() - start,
    )


def run_worker(names, *, epochs=None, seed=0, batch_size=None, timeout=DEFAULT_TIMEOUT, barrier=False,
               results_line=False):
    """Runs this process as one worker of the cluster in ``TF_CONFIG``: trains each example in
    ``names``, printing a line per epoch and one with its final loss and test accuracy; with
    ``results_line`` (the launcher's workers), also a ``RESULT_PREFIX`` JSON line for the launcher.
    With ``barrier``, returns only when every worker has finished (one last all-reduce).

    Returns:
        The list of result dicts (see :func:`train_on_worker`).
    """
    from keras_functional_guide._quiet import import_tensorflow_quietly

    names = [names] if isinstance(names, str) else list(names)
    _, index = read_tf_config(os.environ.get("TF_CONFIG", ""))
    import_tensorflow_quietly()
    strategy = multi_worker_strategy(timeout)
    results = []
    for name in names:

        def report(epoch, epochs, loss, name=name):
            print(f"worker {index}: {name} epoch {epoch}/{epochs} loss {loss:.6f}", flush=True)

        result = train_on_worker(strategy, name, epochs=epochs, seed=seed, batch_size=batch_size,
                                 report=report)
        result["worker"] = index
        print(f"worker {index}: {name} final loss {result['loss']:.6f}, "
              f"test accuracy {result['test_accuracy']:.4f}", flush=True)
        if results_line:
            print(RESULT_PREFIX + json.dumps(result), flush=True)
        results.append(result)
    if barrier:
        import tensorflow as tf

        strategy.reduce("SUM", strategy.run(lambda: tf.constant(1.0)), axis=None)
    return results


# -- The launcher (no TensorFlow) -------------------------------------------------------------------

def _describe_exit(returncode):
    if returncode < 0:
        try:
            return f"was killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"was killed by signal {-returncode}"
    return f"exited with code {returncode}"


def _stop(processes):
    """Kills every process still running and waits for it. The workers of a broken cluster have
    nothing left to finish, and one blocked in a collective operation may not heed SIGTERM."""
    for process in processes:
        if process.poll() is None:
            process.kill()
    for process in processes:
        process.wait()


def _meaningful(lines):
    """The lines a worker wrote to stderr, without TensorFlow's start-up and CUDA notices."""
    from keras_functional_guide._quiet import TENSORFLOW_NOISE

    return [line.rstrip() for line in lines if line.strip() and not TENSORFLOW_NOISE.search(line)]


def _reader(stream, lines, echo):
    for line in stream:
        lines.append(line)
        if echo is not None:
            echo(line)
    stream.close()


def train_across_workers(names, workers=2, *, epochs=None, seed=0, batch_size=None, port=None,
                         timeout=DEFAULT_TIMEOUT, echo=None, on_start=None):
    """Trains each example in ``names`` on ``workers`` local worker processes under
    ``MultiWorkerMirroredStrategy`` and returns one :class:`WorkersResult` per example.

    Each worker is ``python -m keras_functional_guide.workers`` with its own
    ``TF_CONFIG``; several names train one after the other in the same workers
    (one TensorFlow start-up and one cluster for all of them).

    Args:
        names: An example name, or a list of them.
        workers: Number of worker processes (>= 1, at most the training examples).
        epochs: Training epochs; each example's default if ``None``.
        seed: The seed every worker uses (weights, shuffling).
        batch_size: Global batch size (each example's own if ``None``), rounded down
            to a multiple of ``workers`` as :func:`distribution.distribute_batches` does.
        port: The first port: worker i listens on ``127.0.0.1:port + i``. ``None``:
            ports the system reports free.
        timeout: Seconds a collective operation may wait for the other workers.
        echo: If given, called with each line the workers print on stdout as it comes,
            e.g. "worker 1: dag final loss 1.260105, test accuracy 0.9044" (the command
            line passes ``print``).
        on_start: If given, called with the list of worker processes once started (tests).

    Raises:
        ValueError: If an argument is invalid or a given port is in use (before any process starts).
        WorkerFailed: If a worker exits with an error or is killed: the others are stopped first.
        RuntimeError: If the workers' final losses disagree.
    """
    names, addresses = check_launch(names, workers, epochs=epochs, seed=seed, batch_size=batch_size,
                                    port=port, timeout=timeout)
    command = [sys.executable, "-m", "keras_functional_guide.workers", *names, "--seed", str(seed),
               "--timeout", str(timeout)]
    if epochs is not None:
        command += ["--epochs", str(epochs)]
    if batch_size is not None:
        command += ["--batch-size", str(batch_size)]
    start = time.perf_counter()
    processes, outputs, errors, threads = [], [], [], []
    try:
        for index in range(workers):
            environment = {**os.environ, "TF_CONFIG": tf_config(addresses, index),
                           "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "3")}
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       text=True, env=environment, stdin=subprocess.DEVNULL)
            processes.append(process)
            if echo is not None:
                echo(f"started worker {index} (pid {process.pid}) on {addresses[index]}")
            outputs.append([])
            errors.append([])
            line_echo = None if echo is None else (
                lambda line: echo(line.rstrip()) if not line.startswith(RESULT_PREFIX) else None)
            for stream, lines, function in ((process.stdout, outputs[index], line_echo),
                                            (process.stderr, errors[index], None)):
                thread = threading.Thread(target=_reader, args=(stream, lines, function), daemon=True)
                thread.start()
                threads.append(thread)
        if on_start is not None:
            on_start(processes)
        # Wait for all of them; the first one to fail stops the others.
        while any(process.poll() is None for process in processes):
            failed = [index for index, process in enumerate(processes)
                      if process.poll() is not None and process.returncode != 0]
            if failed:
                break
            time.sleep(0.05)
        failed = [index for index, process in enumerate(processes)
                  if process.poll() is not None and process.returncode != 0]
        if failed:
            # The first to fail is the cause; the others failed because it did (or were stopped).
            first = failed[0]
            _stop(processes)
            for thread in threads:
                thread.join(timeout=1)
            meaningful = _meaningful(errors[first])
            tail = "\n".join(meaningful[-20:])
            # A killed worker wrote nothing about it; one that exited says why in its last line.
            detail = f": {meaningful[-1]}" if meaningful and processes[first].returncode > 0 else ""
            raise WorkerFailed(
                f"worker {first} (pid {processes[first].pid}) {_describe_exit(processes[first].returncode)}"
                f"{detail}; stopped " + ("the other worker" if workers == 2 else f"the other {workers - 1} workers"),
                worker=first, returncode=processes[first].returncode, stderr=tail)
    finally:
        _stop(processes)
    for thread in threads:
        thread.join(timeout=5)
    seconds = time.perf_counter() - start
    per_worker = [
        {entry["name"]: entry for entry in (json.loads(line[len(RESULT_PREFIX):])
                                            for line in lines if line.startswith(RESULT_PREFIX))}
        for lines in outputs
    ]
    results = []
    for name in names:
        entries = [worker_results[name] for worker_results in per_worker]
        result = WorkersResult(
            name=name, losses=[entry["loss"] for entry in entries],
            test_accuracies=[entry["test_accuracy"] for entry in entries],
            checksums=[entry["checksum"] for entry in entries], epochs=entries[0]["epochs"],
            batch_size=entries[0]["batch_size"], per_worker_batch=entries[0]["per_worker_batch"],
            steps=entries[0]["steps"], addresses=addresses,
            worker_seconds=[entry["seconds"] for entry in entries], seconds=seconds,
        )
        if not result.agree():
            raise RuntimeError(f"the workers' final losses for {name} disagree: {result.losses} "
                               f"(weight checksums {result.checksums})")
        results.append(result)
    return results


# -- Does model.fit work under MultiWorkerMirroredStrategy? -----------------------------------------

_PROBE = """
import os, sys
from keras_functional_guide._quiet import import_tensorflow_quietly
import_tensorflow_quietly()
from tensorflow import keras
from keras_functional_guide import workers
from keras_functional_guide.examples import get_example
from keras_functional_guide.training import compile_example
strategy = workers.multi_worker_strategy(int(sys.argv[1]))
example = get_example("dag")
task = example.load_task()
with strategy.scope():
    model = compile_example(example.build(), example)
try:
    model.fit(task.x_train[:128], task.y_train[:128], epochs=1, batch_size=64, verbose=0)
except Exception as error:
    print("fit failed:", type(error).__name__ + ":", str(error).replace("\\n", " "), flush=True)
else:
    print("fit trained", flush=True)
"""


def probe_fit(workers=2, *, timeout=DEFAULT_TIMEOUT):
    """Runs ``model.fit`` for one epoch of 128 examples under ``MultiWorkerMirroredStrategy`` in
    ``workers`` local processes and returns what each printed: ``"fit trained"`` or
    ``"fit failed: <error type>: <message>"``."""
    workers = check_int("workers", workers)
    addresses = [f"{LOCALHOST}:{number}" for number in free_ports(workers)]
    processes = [
        subprocess.Popen([sys.executable, "-c", _PROBE, str(timeout)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
                         env={**os.environ, "TF_CONFIG": tf_config(addresses, index)})
        for index in range(workers)
    ]
    try:
        return [process.communicate(timeout=timeout + 120)[0].strip() for process in processes]
    finally:
        _stop(processes)


# -- python -m keras_functional_guide.workers: one worker -------------------------------------------

def worker_parser():
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m keras_functional_guide.workers",
        description="One worker of a MultiWorkerMirroredStrategy cluster described by TF_CONFIG: "
                    "trains each named example with a custom training loop.")
    parser.add_argument("names", nargs="+", metavar="NAME", help="example names (see `list`)")
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT)
    return parser


def main(argv=None):
    parser = worker_parser()
    arguments = parser.parse_args(argv)
    try:
        read_tf_config(os.environ.get("TF_CONFIG", ""))
        for name in arguments.names:
            get_example(name)
    except ValueError as error:
        parser.error(str(error))
    return worker_main(arguments.names, epochs=arguments.epochs, seed=arguments.seed,
                       batch_size=arguments.batch_size, timeout=arguments.timeout, fast_exit=True)


def worker_main(names, *, fast_exit=False, **options):
    """:func:`run_worker`, with a lost cluster reported in one line on stderr and exit code 1.

    With ``fast_exit`` (the launcher's workers), each example's result is also printed as JSON
    for the launcher, and once every worker has finished (a last all-reduce) the process ends at
    once with ``os._exit(0)``: TensorFlow's orderly shutdown of the cluster adds seconds and
    there is nothing left to save.
    """
    _, index = read_tf_config(os.environ.get("TF_CONFIG", ""))
    try:
        run_worker(names, barrier=fast_exit, results_line=fast_exit, **options)
        if fast_exit:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(0)
    except Exception as error:  # TensorFlow's errors: a peer gone, a collective timed out.
        if type(error).__module__.startswith("tensorflow"):
            # TensorFlow's message: "Graph execution error:", the Python stack of the op, then the cause.
            lines = [line.strip() for line in str(error).splitlines() if line.strip()]
            cause = [line for line in lines if not line.startswith(("Graph execution error", "Detected at node",
                                                                    "File ", "[[", "The error could be"))]
            message = " ".join(cause[:2])
            print(f"worker {index}: lost the cluster ({type(error).__name__}): {message}",
                  file=sys.stderr, flush=True)
            if fast_exit:  # An orderly shutdown would wait for the lost peers too.
                sys.stdout.flush()
                os._exit(1)
            return 1
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())

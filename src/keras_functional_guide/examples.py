"""Every example of the course, in tutorial order, with its digits task and how to train it.

This registry is what the tests, the command line and the notebooks share: one
place that says which builder, at which sizes, learns which task, with which
losses and metrics.
"""

import dataclasses
import difflib
import time

import importlib

from keras_functional_guide import data
from keras_functional_guide._validation import check_int

def _builder(module, function, **sizes):
    """A zero-argument builder that imports its module (and TensorFlow) only when called,
    so that looking up an example, or rejecting a wrong name, stays instant."""

    def build():
        return getattr(importlib.import_module(f"keras_functional_guide.{module}"), function)(**sizes)

    build.__name__ = function
    return build


# Sizes suited to 8×8 digits: small enough to train in seconds on 2 CPU cores.
_DIGITS_VGG = {"input_shape": data.IMAGE_SHAPE, "filters": 16, "fc_units": 64}


@dataclasses.dataclass(frozen=True)
class Example:
    """One example: its builder at digits sizes, its task, and how to compile it.

    Attributes:
        name: Identifier used by the command line, e.g. ``"multi_input"``.
        section: The tutorial section it illustrates, e.g. ``"§1.1"``.
        title: The tutorial's own heading for it, in Chinese.
        topology: One line in English on the shape of its graph.
        notebook: The notebook that teaches it.
        build: Zero-argument function returning a new model at digits sizes.
        load_task: Zero-argument function returning its :class:`data.Task`.
        loss: The loss, or a dict of losses keyed by output name.
        metrics: The metrics, or a dict of metric lists keyed by output name.
        accuracy_key: Key of the headline test accuracy in ``evaluate``'s dict.
        chance: Accuracy of guessing, for comparison.
        epochs: Default number of training epochs.
        batch_size: Default global batch size for training.
    """

    name: str
    section: str
    title: str
    topology: str
    notebook: str
    build: object
    load_task: object
    loss: object
    metrics: object
    accuracy_key: str
    chance: float
    epochs: int
    batch_size: int = 32


# Epochs: the fewest that keep every example well above its test floor with
# seeds 0-2 (tests/test_training.py). Each epoch is time a learner waits for,
# and the first epoch, which traces the training step, costs the most.
EXAMPLES = (
    Example(
        "sequential_equivalent", "§1, §2", "Functional API 概述 / 示例",
        "chain: conv, conv, pool, dense, dense (the tutorial's 'VGG19')",
        "01_functional_api_overview.ipynb",
        _builder("sequential", "build_sequential_equivalent", **_DIGITS_VGG),
        data.digit_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.1, epochs=3,
    ),
    Example(
        "sequential_counterpart", "§1", "Functional API 概述",
        "the same chain as keras.Sequential",
        "01_functional_api_overview.ipynb",
        _builder("sequential", "build_sequential_counterpart", **_DIGITS_VGG),
        data.digit_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.1, epochs=3,
    ),
    Example(
        "multi_input", "§1.1", "多输入模型",
        "two inputs (image, query id) merged by Concatenate",
        "02_multi_input.ipynb",
        _builder("multi_input", "build_multi_input"), data.match_task,
        loss={"match": "binary_crossentropy"},
        metrics={"match": ["accuracy"]},
        accuracy_key="accuracy", chance=0.5, epochs=10,
    ),
    Example(
        "multi_output", "§1.1", "多输出模型",
        "one input, two heads (digit softmax, parity sigmoid)",
        "03_multi_output.ipynb",
        _builder("multi_output", "build_multi_output"), data.digit_parity_task,
        loss={"digit": "sparse_categorical_crossentropy", "parity": "binary_crossentropy"},
        metrics={"digit": ["accuracy"], "parity": ["accuracy"]},
        accuracy_key="digit_accuracy", chance=0.1, epochs=4,
    ),
    Example(
        "dag", "§1.1", "有向无环图模型",
        "inception-style branches (Concatenate) and a residual Add",
        "04_dag.ipynb",
        _builder("dag", "build_dag"), data.digit_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.1, epochs=3,
    ),
    Example(
        "shared_layers", "§1.1", "有共享权重的层",
        "siamese: two inputs through one tower of shared layers",
        "05_shared_layers.ipynb",
        _builder("shared_layers", "build_shared_layers"), data.pair_task,
        loss={"same_digit": "binary_crossentropy"},
        metrics={"same_digit": ["accuracy"]},
        accuracy_key="accuracy", chance=0.5, epochs=4,
    ),
    Example(
        "nested", "§1.2", "一个模型也可以像网络层一样调用",
        "a keras.Model (encoder) called as a layer of another",
        "06_features.ipynb",
        _builder("nested", "build_nested"), data.digit_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.1, epochs=3,
    ),
    # Trained here from scratch on the few target labels; the lesson pretrains
    # the encoder on digits 0-4 (data.transfer_task(stage="pretrain")) and passes
    # it frozen: build_transfer_classifier(encoder=..., freeze_encoder=True).
    Example(
        "transfer", "延伸", "冻结与迁移学习",
        "encoder model (conv, batch norm) under a new head; digits 5-9 from 25 images",
        "15_transfer_learning.ipynb",
        _builder("transfer", "build_transfer_classifier"), data.transfer_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.2, epochs=20,
        # 25 images: batches of 8 give about three steps per epoch (25 = 8 + 8 + 8 + 1).
        # Under a strategy train_example keeps every global batch a multiple of the
        # replica count, so the last image is left out of that epoch (see distribute_batches).
        batch_size=8,
    ),
)

EXAMPLE_NAMES = tuple(example.name for example in EXAMPLES)


def get_example(name):
    """Returns the :class:`Example` called ``name``.

    Raises:
        ValueError: If there is no such example; the message lists the valid
            names and suggests the closest one.
    """
    for example in EXAMPLES:
        if example.name == name:
            return example
    close = difflib.get_close_matches(str(name), EXAMPLE_NAMES, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"name must be one of {', '.join(EXAMPLE_NAMES)}; got {name!r}.{hint}")


def compile_example(model, example, *, learning_rate=2e-3):
    """Compiles ``model`` for ``example``'s task, with losses and metrics keyed by output name."""
    from tensorflow import keras

    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate),
        loss=example.loss,
        metrics=example.metrics,
    )
    return model


@dataclasses.dataclass
class TrainingResult:
    """What :func:`train_example` returns.

    Attributes:
        model: The trained model.
        history: ``History.history``: per-epoch training metrics.
        test_metrics: ``evaluate``'s dict on the held-out test split.
        test_accuracy: The headline accuracy (``test_metrics[accuracy_key]``).
        seconds: Wall time of building, training and evaluating.
        batch_size: The global batch size training used (under a strategy, a
            multiple of the replica count; see :func:`distribute_batches`).
        dropped_per_epoch: Training examples left out of each epoch (under a
            strategy, fewer than the replica count; 0 otherwise).
    """

    model: object
    history: dict
    test_metrics: dict
    test_accuracy: float
    seconds: float
    batch_size: int = None
    dropped_per_epoch: int = 0


def mirrored_strategy(devices):
    """Splits the CPU into ``devices`` logical devices and returns a MirroredStrategy over them.

    The same functional model, built and compiled inside ``strategy.scope()``,
    then trains with each batch split across the devices and the gradients
    summed, exactly as it would across several GPUs.

    Raises:
        ValueError: If ``devices`` is not an integer >= 1.
        RuntimeError: If TensorFlow already started with fewer CPU devices (the
            split must happen before the first TensorFlow operation).
    """
    devices = check_int("devices", devices)
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    try:
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration() for _ in range(devices)]
        )
    except RuntimeError:
        # TensorFlow is already running: its devices can no longer be changed.
        pass
    logical = tf.config.list_logical_devices("CPU")
    if len(logical) < devices:
        raise RuntimeError(
            f"devices={devices} needs the CPU split before TensorFlow starts, but it already "
            f"runs with {len(logical)} CPU device(s); call this first in a fresh process."
        )
    return tf.distribute.MirroredStrategy([device.name for device in logical[:devices]])


def distribute_batches(examples, batch_size, replicas):
    """How to batch ``examples`` so that every global batch splits evenly over ``replicas``.

    Under ``MirroredStrategy`` each global batch is cut into one slice per
    replica. Two things break when it does not split evenly (TF 2.21, Keras 3.15):

    * Keras's TensorFlow trainer builds the model from the first batch of
      ``fit`` and ``evaluate`` by averaging the replicas' slices element-wise
      (``strategy.reduce("MEAN", ...)`` in ``_maybe_symbolic_build``): slices of
      different sizes (13 as 7 + 6) fail with "Inputs to operation AddN of type
      AddN must have the same size and shape".
    * A batch smaller than the replica count (the last image of 25 in batches
      of 8, over 2 replicas) leaves a replica an empty slice, shape (0, 8, 8, 1).
      With oneDNN on (TensorFlow's default on x86 Linux), the gradient of
      MaxPooling2D (``MklMaxPoolingGradOp``, whose shortcut for empty inputs
      reads the float input tensor as an int32 shape vector) aborts the
      process: "tensor.cc:896 Check failed: dtype() == expected_dtype (1 vs. 3)
      int32 expected, got float"; a Conv2D + BatchNormalization gradient fails
      with "Incompatible shapes: [0,6,6,4] vs. [0,8,8,1]". With
      TF_ENABLE_ONEDNN_OPTS=0 an empty slice trains, but that is not a fix.

    So the global batch is ``batch_size`` rounded down to a multiple of
    ``replicas`` (at least one example per replica), and each epoch leaves out
    the ``remainder % replicas`` examples that could not fill a slice: fewer
    than ``replicas``, a different few each epoch since the data is reshuffled.

    Args:
        examples: Number of training examples.
        batch_size: The requested global batch size.
        replicas: Number of replicas the batches are split over.

    Returns:
        ``(global_batch, used)``: the global batch size and how many examples
        each epoch trains on.

    Raises:
        ValueError: If an argument is not an integer >= 1, or there are fewer
            examples than replicas.
    """
    examples = check_int("examples", examples)
    batch_size = check_int("batch_size", batch_size)
    replicas = check_int("replicas", replicas)
    if examples < replicas:
        raise ValueError(
            f"examples must be at least replicas={replicas} (one per replica), got {examples}"
        )
    global_batch = max(replicas, batch_size - batch_size % replicas)
    used = examples - (examples % global_batch) % replicas
    return global_batch, used


def _length(arrays):
    """Number of examples in an array or a dict of arrays."""
    return len(next(iter(arrays.values())) if isinstance(arrays, dict) else arrays)


def _distributed_training_data(task, batch_size, replicas):
    """The training split as a shuffled ``tf.data.Dataset`` of even global batches.

    Returns ``(dataset, global_batch, dropped_per_epoch)``; see :func:`distribute_batches`.
    """
    import tensorflow as tf

    examples = _length(task.y_train)
    global_batch, used = distribute_batches(examples, batch_size, replicas)
    dataset = tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train))
    # Reshuffled every epoch (seeded by keras.utils.set_random_seed), then cut
    # with take(), not filter(), so the number of steps stays known to fit.
    dataset = dataset.shuffle(examples, reshuffle_each_iteration=True).take(used)
    return dataset.batch(global_batch), global_batch, examples - used


def _evaluate(model, example, task, replicas):
    """``evaluate``'s dict on the whole test split, as one batch.

    One batch: Keras 3.15 averages per-output losses over batches unweighted,
    so a partial last batch would skew them. Under a strategy that batch must
    also split evenly over the replicas (see :func:`distribute_batches`); when
    the test split does not, a single-device copy of the trained model (same
    weights, moving statistics included) evaluates it instead, so the metrics
    are exact for every replica count.
    """
    test_size = _length(task.y_test)
    if replicas is not None and test_size % replicas:
        copy = compile_example(example.build(), example)
        copy.set_weights(model.get_weights())
        model = copy
    return model.evaluate(task.x_test, task.y_test, batch_size=test_size, verbose=0, return_dict=True)


_STRATEGIES = {}


def _shared_strategy(devices):
    """One MirroredStrategy per device count for the whole process. A second
    MirroredStrategy over the same devices starts its collective instance keys
    where the first did, so its first all-reduce meets the first model's
    (tour --devices 2 failed with "Shape mismatch in the collective instance")."""
    if devices not in _STRATEGIES:
        _STRATEGIES[devices] = mirrored_strategy(devices)
    return _STRATEGIES[devices]


def train_example(name, *, epochs=None, seed=0, batch_size=None, verbose=0, devices=None, callbacks=None):
    """Builds, compiles, trains and evaluates one example on its digits task.

    Args:
        name: An example name from :data:`EXAMPLE_NAMES`.
        epochs: Training epochs; the example's default if ``None``.
        seed: Seed for Keras, NumPy and Python's ``random`` (weights, shuffling).
        batch_size: Global batch size for training; the example's default if ``None``.
            Under a strategy it is rounded down to a multiple of ``devices`` (at
            least ``devices``) and each epoch leaves out fewer than ``devices``
            examples, so that every batch splits evenly (see
            :func:`distribute_batches`); ``TrainingResult`` records both.
        verbose: Passed to ``fit`` (0 silent, 1 progress bar, 2 one line per epoch).
        devices: If given, train under ``tf.distribute.MirroredStrategy`` over
            this many logical CPU devices (see :func:`mirrored_strategy`), on a
            ``tf.data.Dataset`` of even global batches.
        callbacks: Keras callbacks passed to ``fit`` (the command line's progress display).

    Returns:
        A :class:`TrainingResult`.

    Raises:
        ValueError: If ``name``, ``epochs``, ``seed``, ``batch_size`` or ``devices`` is invalid.
    """
    # Every argument is checked before TensorFlow is imported or the CPU split.
    example = get_example(name)
    epochs = example.epochs if epochs is None else check_int("epochs", epochs)
    seed = check_int("seed", seed, minimum=0)
    batch_size = example.batch_size if batch_size is None else check_int("batch_size", batch_size)
    if devices is not None:
        devices = check_int("devices", devices)
    from tensorflow import keras

    start = time.perf_counter()
    task = example.load_task()
    keras.utils.set_random_seed(seed)
    dropped = 0
    if devices is None:
        model = compile_example(example.build(), example)
        history = model.fit(
            task.x_train, task.y_train, epochs=epochs, batch_size=batch_size, verbose=verbose,
            callbacks=callbacks,
        )
    else:
        strategy = _shared_strategy(devices)
        with strategy.scope():
            model = compile_example(example.build(), example)
        # Even global batches, built here rather than by fit from arrays: fit would
        # cut batch_size-sized batches and a last partial one (see distribute_batches).
        dataset, batch_size, dropped = _distributed_training_data(
            task, batch_size, strategy.num_replicas_in_sync
        )
        history = model.fit(dataset, epochs=epochs, verbose=verbose, callbacks=callbacks, shuffle=False)
    test_metrics = _evaluate(model, example, task, devices)
    return TrainingResult(
        model=model,
        history=history.history,
        test_metrics={key: float(value) for key, value in test_metrics.items()},
        test_accuracy=float(test_metrics[example.accuracy_key]),
        seconds=time.perf_counter() - start,
        batch_size=batch_size,
        dropped_per_epoch=dropped,
    )

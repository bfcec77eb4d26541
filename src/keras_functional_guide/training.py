"""Training one example of the registry on its digits task: build, compile, fit, evaluate.

Used by the command line (``train``, ``tour``) and the tests; the lessons type
their own ``compile`` and ``fit`` calls, since those calls are what they teach.
"""

import dataclasses
import time

from keras_functional_guide import distribution
from keras_functional_guide._validation import check_int
from keras_functional_guide.examples import get_example


# Adam's step size for every example, under compile/fit here and in the workers' own loop (workers.py).
LEARNING_RATE = 2e-3


def compile_example(model, example, *, learning_rate=LEARNING_RATE):
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
            multiple of the replica count; see :func:`distribution.distribute_batches`).
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


def evaluate_example(model, example, task, replicas=None):
    """``evaluate``'s dict on the whole test split, as one batch.

    One batch: Keras 3.15 averages per-output losses over batches unweighted,
    so a partial last batch would skew them. Under a strategy that batch must
    also split evenly over the replicas (see :func:`distribution.distribute_batches`);
    when the test split does not, a single-device copy of the trained model
    (same weights, moving statistics included) evaluates it instead, so the
    metrics are exact for every replica count.
    """
    test_size = distribution.number_of_examples(task.y_test)
    if replicas is not None and test_size % replicas:
        copy = compile_example(example.build(), example)
        copy.set_weights(model.get_weights())
        model = copy
    return model.evaluate(task.x_test, task.y_test, batch_size=test_size, verbose=0, return_dict=True)


def train_example(name, *, epochs=None, seed=0, batch_size=None, verbose=0, devices=None, callbacks=None):
    """Builds, compiles, trains and evaluates one example on its digits task.

    Args:
        name: An example name from :data:`examples.EXAMPLE_NAMES`.
        epochs: Training epochs; the example's default if ``None``.
        seed: Seed for Keras, NumPy and Python's ``random`` (weights, shuffling).
        batch_size: Global batch size for training; the example's default if ``None``.
            Under a strategy it is rounded down to a multiple of ``devices`` (at
            least ``devices``) and each epoch leaves out fewer than ``devices``
            examples, so that every batch splits evenly (see
            :func:`distribution.distribute_batches`); ``TrainingResult`` records both.
        verbose: Passed to ``fit`` (0 silent, 1 progress bar, 2 one line per epoch).
        devices: If given, train under ``tf.distribute.MirroredStrategy`` over
            this many logical CPU devices (see :func:`distribution.mirrored_strategy`),
            on a ``tf.data.Dataset`` of even global batches.
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
        strategy = distribution.shared_strategy(devices)
        with strategy.scope():
            model = compile_example(example.build(), example)
        # Even global batches, built here rather than by fit from arrays: fit would
        # cut batch_size-sized batches and a last partial one (see distribute_batches).
        dataset, batch_size, dropped = distribution.even_batches(
            task.x_train, task.y_train, batch_size, strategy.num_replicas_in_sync
        )
        history = model.fit(dataset, epochs=epochs, verbose=verbose, callbacks=callbacks, shuffle=False)
    test_metrics = evaluate_example(model, example, task, devices)
    return TrainingResult(
        model=model,
        history=history.history,
        test_metrics={key: float(value) for key, value in test_metrics.items()},
        test_accuracy=float(test_metrics[example.accuracy_key]),
        seconds=time.perf_counter() - start,
        batch_size=batch_size,
        dropped_per_epoch=dropped,
    )

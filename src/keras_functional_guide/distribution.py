"""Training one functional model on several devices: ``tf.distribute.MirroredStrategy``
over logical CPU devices, and global batches that split evenly over its replicas.

The model is the same: built and compiled inside ``strategy.scope()``, it trains
with each batch split across the replicas and the gradients summed, exactly as
it would across several GPUs. Taught in lesson 11 (延伸：用 tf.distribute 扩展训练).
"""

from keras_functional_guide._validation import check_int


def mirrored_strategy(devices):
    """Splits the CPU into ``devices`` logical devices and returns a MirroredStrategy over them.

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


_STRATEGIES = {}


def shared_strategy(devices):
    """The process's one MirroredStrategy over ``devices`` logical CPU devices.

    A second MirroredStrategy over the same devices starts its collective
    instance keys where the first did, so its first all-reduce meets the first
    model's (``tour --devices 2`` failed with "Shape mismatch in the collective
    instance"): every model of a process trains under the same strategy object.
    """
    if devices not in _STRATEGIES:
        _STRATEGIES[devices] = mirrored_strategy(devices)
    return _STRATEGIES[devices]


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
      With oneDNN's custom operations on, the gradient of MaxPooling2D
      (``MklMaxPoolingGradOp``, whose shortcut for empty inputs reads the
      float input tensor as an int32 shape vector) aborted the process on one
      machine: "tensor.cc:896 Check failed: dtype() ==
      expected_dtype (1 vs. 3) int32 expected, got float"; on another it raised
      a catchable InvalidArgumentError; a Conv2D + BatchNormalization gradient
      fails with "Incompatible shapes: [0,6,6,4] vs. [0,8,8,1]".
      Whether oneDNN is on depends on the CPU: TensorFlow's Linux x86 wheels
      turn it on by default only on CPUs with neural-network instructions
      (AVX512_VNNI, AVX512_BF16, AVX_VNNI or AMX; ``DefaultOneDnnPolicy`` in
      tensorflow/core/util/port.cc), otherwise only with
      ``TF_ENABLE_ONEDNN_OPTS=1``; ``TF_ENABLE_ONEDNN_OPTS=0`` turns it off.
      When on, TensorFlow logs "oneDNN custom operations are on" at start-up.

    So the global batch is ``batch_size`` rounded down to a multiple of
    ``replicas`` (at least one example per replica), and each epoch leaves out
    the ``remainder % replicas`` examples that could not fill a slice: fewer
    than ``replicas``, a different few each epoch since the data is reshuffled.
    The last global batch of an epoch may still be smaller than the others: it
    is a multiple of ``replicas`` too.

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


def even_batches(x, y, batch_size, replicas):
    """The training split as a shuffled ``tf.data.Dataset`` of global batches that split evenly.

    Returns:
        ``(dataset, global_batch, dropped_per_epoch)``; see :func:`distribute_batches`.
    """
    import tensorflow as tf

    examples = number_of_examples(y)
    global_batch, used = distribute_batches(examples, batch_size, replicas)
    dataset = tf.data.Dataset.from_tensor_slices((x, y))
    # Reshuffled every epoch (seeded by keras.utils.set_random_seed), then cut
    # with take(), not filter(), so the number of steps stays known to fit.
    dataset = dataset.shuffle(examples, reshuffle_each_iteration=True).take(used)
    return dataset.batch(global_batch), global_batch, examples - used


def number_of_examples(arrays):
    """Number of examples in an array or a dict of arrays."""
    return len(next(iter(arrays.values())) if isinstance(arrays, dict) else arrays)

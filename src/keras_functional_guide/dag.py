"""§1.1 有向无环图模型: a graph with branches and a skip connection.

Taught in ``notebooks/04_dag.ipynb``.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name, check_shape


def build_dag(*, image_shape=(8, 8, 1), num_classes=10, filters=16, name="dag"):
    """Builds a small network whose graph is not a chain.

    After a stem convolution, an inception-style block runs three branches in
    parallel (1×1 convolution, 3×3 convolution, 3×3 max pooling then 1×1
    convolution) and joins them with ``Concatenate``; a 1×1 projection of the
    result is then added back to the stem's output (a residual connection,
    ``Add``). A Sequential model can only pass one tensor from each layer to
    the next, so it can express neither the branches nor the skip.

    Taught in ``notebooks/04_dag.ipynb``.

    Args:
        image_shape: Shape (height, width, channels) of the ``image`` input.
        num_classes: Number of classes of the ``digit`` output, at least 2.
        filters: Filters of the stem, of each branch and of the projection.
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with input ``image`` and output ``digit``.

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    image_shape = check_shape("image_shape", image_shape, rank=3)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    filters = check_int("filters", filters)
    name = check_name("name", name)

    image = keras.Input(shape=image_shape, name="image")
    stem = layers.Conv2D(filters, 3, padding="same", activation="relu", name="stem")(image)

    branch_1x1 = layers.Conv2D(filters, 1, padding="same", activation="relu", name="branch_1x1")(stem)
    branch_3x3 = layers.Conv2D(filters, 3, padding="same", activation="relu", name="branch_3x3")(stem)
    branch_pool = layers.MaxPooling2D(3, strides=1, padding="same", name="branch_pool")(stem)
    branch_pool = layers.Conv2D(filters, 1, padding="same", activation="relu", name="branch_pool_1x1")(branch_pool)
    mixed = layers.Concatenate(name="mixed")([branch_1x1, branch_3x3, branch_pool])

    # The projection brings the concatenated channels back to the stem's count,
    # so the two tensors have the same shape and can be added.
    projected = layers.Conv2D(filters, 1, padding="same", name="project")(mixed)
    residual = layers.Add(name="residual")([stem, projected])
    features = layers.Activation("relu", name="residual_relu")(residual)
    features = layers.Flatten(name="flatten")(features)
    digit = layers.Dense(num_classes, activation="softmax", name="digit")(features)
    return keras.Model(inputs=image, outputs=digit, name=name)

"""§1.1 多输出模型: one input, several heads of different kinds.

Taught in ``notebooks/03_multi_output.ipynb``.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name, check_shape


def build_multi_output(
    *, image_shape=(8, 8, 1), num_classes=10, filters=16, hidden_units=64, name="multi_output"
):
    """Builds a model with one image input and two heads: the digit and its parity.

    The ``digit`` head is a softmax over the classes, the ``parity`` head a
    sigmoid (1 for an odd digit). Both share the trunk, so each head's loss
    trains the features of the other. A Sequential model has exactly one
    output. Compile it with losses and metrics as dicts keyed by output name.

    Taught in ``notebooks/03_multi_output.ipynb``.

    Args:
        image_shape: Shape (height, width, channels) of the ``image`` input.
        num_classes: Number of classes of the ``digit`` head, at least 2.
        filters: Filters of the convolution in the shared trunk.
        hidden_units: Units of the dense layer in the shared trunk.
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with input ``image`` and outputs ``digit``
        (class probabilities) and ``parity`` (probability of an odd digit).

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    image_shape = check_shape("image_shape", image_shape, rank=3)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    filters = check_int("filters", filters)
    hidden_units = check_int("hidden_units", hidden_units)
    name = check_name("name", name)

    image = keras.Input(shape=image_shape, name="image")
    trunk = layers.Conv2D(filters, 3, padding="same", activation="relu", name="conv")(image)
    trunk = layers.Flatten(name="flatten")(trunk)
    trunk = layers.Dense(hidden_units, activation="relu", name="hidden")(trunk)
    digit = layers.Dense(num_classes, activation="softmax", name="digit")(trunk)
    parity = layers.Dense(1, activation="sigmoid", name="parity")(trunk)
    return keras.Model(inputs=image, outputs={"digit": digit, "parity": parity}, name=name)

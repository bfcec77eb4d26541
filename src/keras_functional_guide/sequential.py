"""§1 and §2: the tutorial's worked example, built the functional way and as a Sequential.

Taught in ``notebooks/01_functional_api_overview.ipynb`` (the two are the same
network) and ``notebooks/09_example_vgg.ipynb`` (the example line by line).
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name, check_shape


def _check_arguments(input_shape, num_classes, filters, fc_units, name):
    return (
        check_shape("input_shape", input_shape, rank=3),
        check_int("num_classes", num_classes, minimum=2),
        check_int("filters", filters),
        check_int("fc_units", fc_units),
        check_name("name", name),
    )


def _tutorial_layers(filters, fc_units, num_classes):
    """The six layers of the tutorial's §2 example, exactly as it writes them."""
    return [
        layers.Conv2D(filters, 3, strides=1, padding="same", activation="relu", name="conv1"),
        layers.Conv2D(filters, 3, strides=1, padding="same", activation="relu", name="conv2"),
        layers.MaxPooling2D(2, 2, "same", name="block1_maxpool"),
        layers.Flatten(name="flatten"),
        layers.Dense(fc_units, activation="relu", name="fc"),
        layers.Dense(num_classes, activation="softmax", name="predictions"),
    ]


def build_sequential_equivalent(
    *, input_shape=(32, 32, 3), num_classes=10, filters=64, fc_units=4096, name="VGG19"
):
    """Builds the tutorial's §2 example with the Functional API, layer for layer.

    The tutorial calls it "VGG19", but it has 4 weight layers, not 19. At the
    default input of 32×32×3 it has 67,192,650 parameters, almost all in the
    ``Dense(fc_units)`` after ``Flatten``; shrink ``input_shape`` and
    ``fc_units`` for real work (the digits use ``(8, 8, 1)``).

    Taught in ``notebooks/01_functional_api_overview.ipynb`` and
    ``notebooks/09_example_vgg.ipynb``.

    Args:
        input_shape: Image shape (height, width, channels), without the batch.
        num_classes: Number of classes of the softmax output, at least 2.
        filters: Filters of each of the two 3×3 convolutions.
        fc_units: Units of the fully connected layer ``fc``.
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with input ``image`` and output
        ``predictions`` (class probabilities).

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    input_shape, num_classes, filters, fc_units, name = _check_arguments(
        input_shape, num_classes, filters, fc_units, name
    )
    conv1, conv2, maxpool, flatten, fc, predictions = _tutorial_layers(
        filters, fc_units, num_classes
    )
    input_ = keras.Input(shape=input_shape, name="image")  # It starts at Input...
    net = conv1(input_)  # ...each layer instance is called on a tensor...
    net = conv2(net)
    net = maxpool(net)
    net = flatten(net)
    net = fc(net)
    net = predictions(net)
    return keras.Model(inputs=input_, outputs=net, name=name)  # ...and it ends at Model.


def build_sequential_counterpart(
    *, input_shape=(32, 32, 3), num_classes=10, filters=64, fc_units=4096, name="VGG19"
):
    """Builds the same network as :func:`build_sequential_equivalent`, as a ``keras.Sequential``.

    Same layer names, same parameter count: with the weights copied across, the
    two models give identical predictions, which shows that the Functional API
    covers everything Sequential does.

    Taught in ``notebooks/01_functional_api_overview.ipynb``.

    Args:
        input_shape: Image shape (height, width, channels), without the batch.
        num_classes: Number of classes of the softmax output, at least 2.
        filters: Filters of each of the two 3×3 convolutions.
        fc_units: Units of the fully connected layer ``fc``.
        name: Name of the model.

    Returns:
        An uncompiled, built ``keras.Sequential``.

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    input_shape, num_classes, filters, fc_units, name = _check_arguments(
        input_shape, num_classes, filters, fc_units, name
    )
    return keras.Sequential(
        [keras.Input(shape=input_shape, name="image"), *_tutorial_layers(filters, fc_units, num_classes)],
        name=name,
    )

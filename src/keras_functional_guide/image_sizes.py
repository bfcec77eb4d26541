"""延伸：任意大小的图片: a classifier whose input has no fixed height or width.

Taught in ``notebooks/26_image_sizes.ipynb``: convolutions keep working on any
height and width, and a global pooling layer turns a feature map of any size
into one number per channel, so the head's size does not depend on the image
size (``Flatten`` would make it depend, and ``Dense`` after it cannot be built
when the size is ``None``).
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name

POOLINGS = {"average": layers.GlobalAveragePooling2D, "max": layers.GlobalMaxPooling2D}


def _check_filters(filters):
    accepted = "a non-empty tuple of integers >= 1 (one per convolution)"
    if not isinstance(filters, (tuple, list)) or not filters:
        raise ValueError(f"filters must be {accepted}, got {filters!r}")
    try:
        return tuple(check_int("filters", size) for size in filters)
    except ValueError:
        raise ValueError(f"filters must be {accepted}, got {filters!r}") from None


def build_any_size_classifier(*, filters=(16, 32), num_classes=10, pooling="max", name="any_size_classifier"):
    """Builds a classifier that takes one-channel images of any height and width.

    The ``image`` input has shape ``(None, None, 1)``. Each entry of ``filters``
    adds a 3×3 convolution with ``padding="same"`` and ReLU (``conv1``,
    ``conv2``, ...), which works on a feature map of any size; then ``pool``, a
    ``GlobalMaxPooling2D`` or ``GlobalAveragePooling2D``, keeps one number per
    channel, whatever the height and width; the ``digit`` head is a softmax on
    those numbers. The parameter count does not depend on the image size. One
    batch must still hold images of one size.

    Taught in ``notebooks/26_image_sizes.ipynb``.

    Args:
        filters: Filters of each convolution, in order: a non-empty tuple of
            integers.
        num_classes: Number of classes of the ``digit`` head, at least 2.
        pooling: ``"max"`` (``GlobalMaxPooling2D``) or ``"average"``
            (``GlobalAveragePooling2D``).
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with input ``image`` of shape
        ``(None, None, None, 1)`` and output ``digit`` (class probabilities).

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    filters = _check_filters(filters)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    if not isinstance(pooling, str) or pooling not in POOLINGS:
        raise ValueError(f"pooling must be one of {', '.join(map(repr, POOLINGS))}; got {pooling!r}")
    name = check_name("name", name)

    image = keras.Input(shape=(None, None, 1), name="image")
    features = image
    for index, size in enumerate(filters, start=1):
        features = layers.Conv2D(size, 3, padding="same", activation="relu", name=f"conv{index}")(features)
    pooled = POOLINGS[pooling](name="pool")(features)
    digit = layers.Dense(num_classes, activation="softmax", name="digit")(pooled)
    return keras.Model(inputs=image, outputs=digit, name=name)

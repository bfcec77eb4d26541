"""§1.2 一个模型也可以像网络层一样调用: a model used as a layer of another model.

Taught in ``notebooks/06_features.ipynb``.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name, check_shape


def build_encoder(*, image_shape=(8, 8, 1), filters=16, feature_units=64, name="encoder"):
    """Builds a functional feature extractor: an image in, a feature vector out.

    Args:
        image_shape: Shape (height, width, channels) of the ``image`` input.
        filters: Filters of the convolution.
        feature_units: Size of the output feature vector.
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with input ``image`` and output ``features``.

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    image_shape = check_shape("image_shape", image_shape, rank=3)
    filters = check_int("filters", filters)
    feature_units = check_int("feature_units", feature_units)
    name = check_name("name", name)

    image = keras.Input(shape=image_shape, name="image")
    features = layers.Conv2D(filters, 3, padding="same", activation="relu", name="conv")(image)
    features = layers.Flatten(name="flatten")(features)
    features = layers.Dense(feature_units, activation="relu", name="features")(features)
    return keras.Model(inputs=image, outputs=features, name=name)


def build_nested(
    *, image_shape=(8, 8, 1), num_classes=10, filters=16, feature_units=64, name="nested"
):
    """Builds a classifier that calls a whole ``keras.Model`` (the encoder) like a layer.

    The encoder from :func:`build_encoder` is called on the outer model's input
    exactly as a layer would be, and appears in the outer model as a single
    layer named ``encoder``. Its weights are the outer model's weights: training
    the classifier trains the encoder.

    Taught in ``notebooks/06_features.ipynb``.

    Args:
        image_shape: Shape (height, width, channels) of the ``image`` input.
        num_classes: Number of classes of the ``digit`` output, at least 2.
        filters: Filters of the encoder's convolution.
        feature_units: Size of the encoder's feature vector.
        name: Name of the outer model.

    Returns:
        An uncompiled ``keras.Model`` with input ``image`` and output ``digit``
        whose layer ``encoder`` is itself a ``keras.Model``.

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    num_classes = check_int("num_classes", num_classes, minimum=2)
    name = check_name("name", name)
    if name == "encoder":
        raise ValueError(f"name must differ from the inner model's name 'encoder', got {name!r}")
    # build_encoder checks the remaining arguments before it builds anything.
    encoder = build_encoder(image_shape=image_shape, filters=filters, feature_units=feature_units)

    image = keras.Input(shape=encoder.input.shape[1:], name="image")
    features = encoder(image)  # A model is called on a tensor, like a layer.
    digit = layers.Dense(num_classes, activation="softmax", name="digit")(features)
    return keras.Model(inputs=image, outputs=digit, name=name)

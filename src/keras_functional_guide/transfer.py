"""延伸：冻结与迁移学习: an encoder pretrained on one task, frozen, under a new head.

Taught in ``notebooks/15_transfer_learning.ipynb``: the encoder learns digits
0–4 (:func:`keras_functional_guide.data.transfer_task` with ``stage="pretrain"``),
then, frozen, carries a new head that learns digits 5–9 from a few labels.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name, check_shape


def build_digit_encoder(*, image_shape=(8, 8, 1), filters=16, name="digit_encoder"):
    """Builds the encoder to transfer: an image in, a feature vector out.

    A convolution, a ``BatchNormalization`` (its moving mean and variance are
    non-trainable weights, and it behaves differently with ``training`` and
    ``trainable``: the point of the lesson), ReLU, 2×2 pooling, flattened.
    Low-level features like these transfer from digits 0–4 to digits 5–9; a
    dense layer trained on 0–4 on top of them transferred worse in our tests.

    Taught in ``notebooks/15_transfer_learning.ipynb``.

    Args:
        image_shape: Shape (height, width, channels) of the ``image`` input.
        filters: Filters of the convolution.
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with input ``image`` and output
        ``features`` of size ``(height // 2) * (width // 2) * filters``.

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    image_shape = check_shape("image_shape", image_shape, rank=3)
    if min(image_shape[:2]) < 2:
        raise ValueError(
            f"image_shape must have height and width >= 2 (for the 2×2 pooling), got {image_shape!r}"
        )
    filters = check_int("filters", filters)
    name = check_name("name", name)

    image = keras.Input(shape=image_shape, name="image")
    # Momentum 0.9, not the default 0.99: with a few hundred training steps the
    # moving statistics must settle, or inference mode sees stale ones.
    # No bias: the BatchNormalization right after it has its own offset (beta).
    features = layers.Conv2D(filters, 3, padding="same", use_bias=False, name="conv")(image)
    features = layers.BatchNormalization(momentum=0.9, name="conv_norm")(features)
    features = layers.Activation("relu", name="conv_relu")(features)
    features = layers.MaxPooling2D(2, name="pool")(features)
    features = layers.Flatten(name="features")(features)
    return keras.Model(inputs=image, outputs=features, name=name)


def build_transfer_classifier(
    *, encoder=None, freeze_encoder=False, num_classes=5, name="transfer_classifier"
):
    """Builds a classifier: an encoder (a nested model) under a new softmax head ``digit``.

    With ``freeze_encoder=True`` the encoder is made non-trainable
    (``encoder.trainable = False``, which changes the ``encoder`` object you
    pass in): its weights stay as they are, and its BatchNormalization runs in
    inference mode, even in ``fit``. Otherwise the encoder's ``trainable``
    flag is left as it is (a new encoder trains with the head).

    The encoder is called without ``training=False``: in Keras 3.15 a
    ``training`` recorded in the graph is overridden by the outer call's
    (``fit`` passes ``training=True``), so it would not keep BatchNormalization
    in inference mode after unfreezing. To fine-tune, unfreeze the encoder
    but keep its BatchNormalization layers frozen (lesson 15 shows both).

    Taught in ``notebooks/15_transfer_learning.ipynb``.

    Args:
        encoder: A functional ``keras.Model`` with one image input and one
            feature-vector output (e.g. from :func:`build_digit_encoder`,
            pretrained); ``None`` builds a new one with default sizes.
        freeze_encoder: Whether to freeze the encoder (needs ``encoder``).
        num_classes: Number of classes of the ``digit`` head, at least 2.
        name: Name of the classifier.

    Returns:
        An uncompiled ``keras.Model`` with input ``image`` and output ``digit``
        whose layer named after the encoder is the encoder itself.

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    if not isinstance(freeze_encoder, bool):
        raise ValueError(f"freeze_encoder must be True or False, got {freeze_encoder!r}")
    num_classes = check_int("num_classes", num_classes, minimum=2)
    name = check_name("name", name)
    if encoder is None:
        if freeze_encoder:
            raise ValueError(
                "freeze_encoder=True needs a pretrained encoder: pass encoder=..., got encoder=None"
            )
        encoder = build_digit_encoder()
    elif not isinstance(encoder, keras.Model) or isinstance(encoder, keras.Sequential) or (
        len(encoder.inputs) != 1 or len(encoder.outputs) != 1 or len(encoder.outputs[0].shape) != 2
    ):
        raise ValueError(
            "encoder must be None or a functional keras.Model with one input and one output of "
            f"shape (batch, features), got {encoder!r}"
        )
    if encoder.name == name:
        raise ValueError(f"name must differ from the encoder's name {encoder.name!r}, got {name!r}")

    image = keras.Input(shape=encoder.inputs[0].shape[1:], name="image")
    if freeze_encoder:
        encoder.trainable = False  # Also puts its BatchNormalization in inference mode.
    features = encoder(image)
    digit = layers.Dense(num_classes, activation="softmax", name="digit")(features)
    return keras.Model(inputs=image, outputs=digit, name=name)

"""延伸：一张图，多个模型: an autoencoder made of two models, the encoder and the decoder.

Taught in ``notebooks/13_one_graph_many_models.ipynb``.
"""

import math

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name, check_shape


def build_autoencoder(*, image_shape=(8, 8, 1), code_units=16, name="autoencoder"):
    """Builds an autoencoder whose two halves are models of their own.

    The encoder (``image`` → ``flatten`` → ``code``) and the decoder
    (``code_input`` → ``pixels`` → ``reconstruction``) are built first as two
    ``keras.Model`` objects; the autoencoder calls them one after the other, like
    layers. The three models share the same layer instances, so training the
    autoencoder trains the encoder and the decoder, which the caller gets back
    with ``get_layer("encoder")`` and ``get_layer("decoder")``.

    Taught in ``notebooks/13_one_graph_many_models.ipynb``.

    Args:
        image_shape: Shape (height, width, channels) of the ``image`` input
            and of the reconstruction; pixel values in [0, 1].
        code_units: Size of the code the image is compressed to.
        name: Name of the autoencoder; it must differ from "encoder" and "decoder".

    Returns:
        An uncompiled ``keras.Model`` with input ``image`` and one output of
        ``image_shape`` (produced by its layer ``decoder``), whose layers
        ``encoder`` and ``decoder`` are themselves models.

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    image_shape = check_shape("image_shape", image_shape, rank=3)
    code_units = check_int("code_units", code_units)
    name = check_name("name", name)
    if name in ("encoder", "decoder"):
        raise ValueError(f"name must differ from the inner models' names 'encoder' and 'decoder', got {name!r}")

    image = keras.Input(shape=image_shape, name="image")
    flat = layers.Flatten(name="flatten")(image)
    code = layers.Dense(code_units, activation="relu", name="code")(flat)
    encoder = keras.Model(inputs=image, outputs=code, name="encoder")

    code_input = keras.Input(shape=(code_units,), name="code_input")
    # Sigmoid keeps every reconstructed pixel in [0, 1], like the images.
    pixels = layers.Dense(math.prod(image_shape), activation="sigmoid", name="pixels")(code_input)
    reconstruction = layers.Reshape(image_shape, name="reconstruction")(pixels)
    decoder = keras.Model(inputs=code_input, outputs=reconstruction, name="decoder")

    outer_image = keras.Input(shape=image_shape, name="image")
    return keras.Model(inputs=outer_image, outputs=decoder(encoder(outer_image)), name=name)

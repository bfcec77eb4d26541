"""§1.1 有共享权重的层: the same layer instances applied to two inputs.

Taught in ``notebooks/05_shared_layers.ipynb``.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name, check_shape


def build_shared_layers(*, image_shape=(8, 8, 1), filters=16, embedding_dim=32, name="siamese"):
    """Builds a siamese model: two images through one tower, compared by a head.

    The tower's three layers are created once and called on both inputs, so
    the two images are embedded with the same weights: the variables exist
    once, and the parameter count is one tower plus the head. The head sees
    the squared difference of the two embeddings (``Subtract`` then
    ``Multiply``, no ``Lambda``) and says whether the images show the same
    digit.

    Taught in ``notebooks/05_shared_layers.ipynb``.

    Args:
        image_shape: Shape (height, width, channels) of each image input.
        filters: Filters of the tower's convolution.
        embedding_dim: Size of the embedding each image is mapped to.
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with inputs ``image_a`` and ``image_b``
        and output ``same_digit`` (a probability).

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    image_shape = check_shape("image_shape", image_shape, rank=3)
    filters = check_int("filters", filters)
    embedding_dim = check_int("embedding_dim", embedding_dim)
    name = check_name("name", name)

    image_a = keras.Input(shape=image_shape, name="image_a")
    image_b = keras.Input(shape=image_shape, name="image_b")

    # Each layer is instantiated once; calling it twice shares its weights.
    shared_conv = layers.Conv2D(filters, 3, padding="same", activation="relu", name="shared_conv")
    shared_flatten = layers.Flatten(name="shared_flatten")
    shared_embedding = layers.Dense(embedding_dim, activation="relu", name="shared_embedding")
    embedding_a = shared_embedding(shared_flatten(shared_conv(image_a)))
    embedding_b = shared_embedding(shared_flatten(shared_conv(image_b)))

    difference = layers.Subtract(name="difference")([embedding_a, embedding_b])
    squared = layers.Multiply(name="squared_difference")([difference, difference])
    same_digit = layers.Dense(1, activation="sigmoid", name="same_digit")(squared)
    return keras.Model(
        inputs={"image_a": image_a, "image_b": image_b}, outputs={"same_digit": same_digit}, name=name
    )

"""§1.1 多输入模型: one model, two inputs of different kinds.

Taught in ``notebooks/02_multi_input.ipynb``.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name, check_shape


def build_multi_input(
    *,
    image_shape=(8, 8, 1),
    num_classes=10,
    embedding_dim=8,
    filters=16,
    hidden_units=64,
    name="multi_input",
):
    """Builds a model with an image input and a category input, merged into one output.

    The model answers "does this image show the queried digit?": the image goes
    through a convolution, the query (an integer class id) through an
    ``Embedding``, and the two are concatenated. A Sequential model has exactly
    one input, so it cannot take both.

    Taught in ``notebooks/02_multi_input.ipynb``.

    Args:
        image_shape: Shape (height, width, channels) of the ``image`` input.
        num_classes: Number of possible values of the ``query`` input, at least 2.
        embedding_dim: Size of the learned vector for each query value.
        filters: Filters of the image convolution.
        hidden_units: Units of the dense layer after the merge.
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with inputs ``image`` (float) and ``query``
        (int32, shape ``(1,)``) and output ``match`` (a probability).

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    image_shape = check_shape("image_shape", image_shape, rank=3)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    embedding_dim = check_int("embedding_dim", embedding_dim)
    filters = check_int("filters", filters)
    hidden_units = check_int("hidden_units", hidden_units)
    name = check_name("name", name)

    image = keras.Input(shape=image_shape, name="image")
    query = keras.Input(shape=(1,), dtype="int32", name="query")

    image_features = layers.Conv2D(filters, 3, padding="same", activation="relu", name="image_conv")(image)
    image_features = layers.Flatten(name="image_flatten")(image_features)
    query_features = layers.Embedding(num_classes, embedding_dim, name="query_embedding")(query)
    query_features = layers.Flatten(name="query_flatten")(query_features)

    merged = layers.Concatenate(name="merge")([image_features, query_features])
    hidden = layers.Dense(hidden_units, activation="relu", name="hidden")(merged)
    match = layers.Dense(1, activation="sigmoid", name="match")(hidden)
    return keras.Model(inputs={"image": image, "query": query}, outputs={"match": match}, name=name)

"""§1.1 shared layers: called twice, one set of variables."""

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg

SHARED = ("shared_conv", "shared_flatten", "shared_embedding")


def test_shared_layers_are_called_twice_but_their_variables_exist_once():
    model = kfg.build_shared_layers()
    config = {layer["name"]: layer for layer in model.get_config()["layers"]}
    for name in SHARED:
        assert len(config[name]["inbound_nodes"]) == 2, name
    for name in ("difference", "squared_difference", "same_digit"):
        assert len(config[name]["inbound_nodes"]) == 1, name
    # conv kernel + bias, embedding kernel + bias, head kernel + bias.
    assert len(model.weights) == 6
    assert len({id(variable) for variable in model.weights}) == 6


def test_parameter_count_is_one_tower_plus_the_head():
    model = kfg.build_shared_layers(filters=16, embedding_dim=32)
    tower = (3 * 3 * 1 * 16 + 16) + (8 * 8 * 16 * 32 + 32)
    head = 32 + 1
    assert model.count_params() == tower + head

    # The same graph with every layer made twice has two towers.
    def unshared_tower(image, suffix):
        x = layers.Conv2D(16, 3, padding="same", activation="relu", name=f"conv_{suffix}")(image)
        x = layers.Flatten(name=f"flatten_{suffix}")(x)
        return layers.Dense(32, activation="relu", name=f"embedding_{suffix}")(x)

    image_a = keras.Input((8, 8, 1), name="image_a")
    image_b = keras.Input((8, 8, 1), name="image_b")
    difference = layers.Subtract()([unshared_tower(image_a, "a"), unshared_tower(image_b, "b")])
    squared = layers.Multiply()([difference, difference])
    unshared = keras.Model([image_a, image_b], layers.Dense(1, activation="sigmoid")(squared))
    assert unshared.count_params() == 2 * tower + head

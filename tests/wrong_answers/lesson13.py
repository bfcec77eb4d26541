"""Lesson 13's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def flat_autoencoder():
    """The flat autoencoder of the lesson's first section, whose layers 13-1 reuses."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    code = layers.Dense(16, activation="relu", name="code")(flat)
    pixels = layers.Dense(64, activation="sigmoid", name="pixels")(code)
    return keras.Model(image, layers.Reshape((8, 8, 1), name="reconstruction")(pixels), name="flat_autoencoder")


def member(name):
    """A member model of 13-2 (the lesson's make_member)."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    return keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(flat), name=name)


def fresh_layers():
    code_input = keras.Input(shape=(16,), name="code_input")
    pixels = layers.Dense(64, activation="sigmoid", name="pixels")(code_input)
    return keras.Model(code_input, layers.Reshape((8, 8, 1), name="reconstruction")(pixels))


def intermediate_tensor_as_input():
    flat = flat_autoencoder()
    return keras.Model(flat.get_layer("code").output, flat.output)


def no_reshape():
    flat = flat_autoencoder()
    code_input = keras.Input(shape=(16,), name="code_input")
    return keras.Model(code_input, flat.get_layer("pixels")(code_input))


def ensemble(merge=layers.Average, *, members=("member_a", "member_b")):
    """The 13-2 model merging ``members`` (a name twice: one member model called twice) with ``merge``."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    made = {name: member(name) for name in members}
    return keras.Model(image, merge(name="average")([made[name](image) for name in members]))


def dense_members():
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    outputs = [layers.Dense(10, activation="softmax", name=name)(flat) for name in ("member_a", "member_b")]
    return keras.Model(image, layers.Average(name="average")(outputs))


WRONG = [
    ("13-1", "new layers, not the autoencoder's", fresh_layers, "pixels 层只被调用过一次：它是新建的层"),
    ("13-1", "the code tensor as the input", intermediate_tensor_as_input, "不要把中间张量"),
    ("13-1", "reconstruction left out", no_reshape, "实际有 1 个 ['pixels']"),
    ("13-1", "the whole autoencoder", flat_autoencoder, "应当有 1 个输入 ['code_input']，实际有 1 个 ['image']"),
    ("13-2", "Add instead of Average", lambda: ensemble(layers.Add), "层 'average' 应当是 Average，实际是 Add"),
    ("13-2", "one member called twice", lambda: ensemble(members=("member_a", "member_a")),
     "找不到名为 'member_b' 的层"),
    ("13-2", "Dense layers as members", dense_members, "'member_a' 是一个 Dense 层，不是模型"),
    ("13-2", "concatenated", lambda: ensemble(layers.Concatenate),
     "输出 'average' 的形状应当是 (10,)（不含批量维度），实际是 (20,)"),
]

"""Lesson 03's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def three_heads(*, big_name="big", big_activation="sigmoid", big_on="hidden", big_in_outputs=True, key="big",
                outputs_as="dict"):
    """The 03-1 model, with one realistic mistake switched on by an argument."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    conv = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
    flat = layers.Flatten(name="flatten")(conv)
    trunk = layers.Dense(64, activation="relu", name="hidden")(flat)
    digit = layers.Dense(10, activation="softmax", name="digit")(trunk)
    parity = layers.Dense(1, activation="sigmoid", name="parity")(trunk)
    source = {"hidden": trunk, "digit": digit, "flatten": flat}[big_on]
    big_layer = layers.Dense(1, activation=big_activation, name=big_name) if big_name else layers.Dense(1, activation=big_activation)
    big = big_layer(source)
    outputs = {"digit": digit, "parity": parity}
    if big_in_outputs:
        outputs[key] = big
    if outputs_as == "list":
        outputs = list(outputs.values())
    return keras.Model(inputs=image, outputs=outputs)


WRONG = [
    ("03-1", "head without a name", lambda: three_heads(big_name=None), "给输出层起好名字"),
    ("03-1", "head built but left out of outputs", lambda: three_heads(big_in_outputs=False), "模型应当有 3 个输出"),
    ("03-1", "head on the digit head", lambda: three_heads(big_on="digit"), "输出头 'big' 接在了 ['digit'] 上"),
    ("03-1", "head on flatten, skipping hidden", lambda: three_heads(big_on="flatten"), "而不是共享主干的最后一层 'hidden'"),
    ("03-1", "softmax on one unit", lambda: three_heads(big_activation="softmax"), "只有 1 个单元的 softmax 恒等于 1.0"),
    ("03-1", "dict key differs from the layer name", lambda: three_heads(key="is_big"), "模型的输出的键多出 ['is_big']、缺少 ['big']"),
    ("03-1", "outputs as a list", lambda: three_heads(outputs_as="list"), "模型的输出是一个列表，不是字典"),
    ("03-1", "a Sequential with the heads in a row",
     lambda: keras.Sequential([keras.Input(shape=(8, 8, 1), name="image"), layers.Flatten(name="flatten"),
                               layers.Dense(10, activation="softmax", name="digit"),
                               layers.Dense(1, activation="sigmoid", name="big")]),
     "答案是一个 Sequential 模型"),
    ("03-2", "a list of losses", lambda: ["sparse_categorical_crossentropy", "binary_crossentropy", "binary_crossentropy"],
     "按输出名的字母顺序配对"),
    ("03-2", "one-hot loss for integer labels",
     lambda: {"digit": "categorical_crossentropy", "parity": "binary_crossentropy", "big": "binary_crossentropy"},
     "不是 one-hot 向量"),
    ("03-2", "a head forgotten", lambda: {"digit": "sparse_categorical_crossentropy", "parity": "binary_crossentropy"},
     "缺少 ['big']："),
    ("03-2", "a key misspelled",
     lambda: {"digit": "sparse_categorical_crossentropy", "parity": "binary_crossentropy", "is_big": "binary_crossentropy"},
     "多出 ['is_big']"),
    ("03-2", "losses of two heads swapped",
     lambda: {"digit": "binary_crossentropy", "parity": "sparse_categorical_crossentropy", "big": "binary_crossentropy"},
     "损失应当是 \"sparse_categorical_crossentropy\""),
    ("03-2", "a loss class instead of an instance",
     lambda: {"digit": keras.losses.SparseCategoricalCrossentropy, "parity": "binary_crossentropy", "big": "binary_crossentropy"},
     "是损失的类，不是损失"),
    ("03-2", "from_logits on a softmax head",
     lambda: {"digit": keras.losses.SparseCategoricalCrossentropy(from_logits=True), "parity": "binary_crossentropy",
              "big": "binary_crossentropy"}, "SparseCategoricalCrossentropy(from_logits=True) 把输出当作还没经过 softmax/sigmoid 的 logits"),
    ("03-2", "from_logits on a sigmoid head",
     lambda: {"digit": "sparse_categorical_crossentropy", "parity": keras.losses.BinaryCrossentropy(from_logits=True),
              "big": "binary_crossentropy"}, "BinaryCrossentropy(from_logits=True)"),
    ("03-2", "the model instead of the dict", lambda: three_heads(), "答案是一个模型"),
]

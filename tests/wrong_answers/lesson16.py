"""Lesson 16's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def dict_io(*, inputs_as="dict", outputs_as="dict", swap_keys=False, parity_activation="sigmoid"):
    """The 16-1 model, with one realistic mistake chosen by an argument."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    ink = keras.Input(shape=(1,), name="ink")
    features = layers.Concatenate(name="merge")([layers.Flatten(name="flatten")(image), ink])
    hidden = layers.Dense(32, activation="relu", name="hidden")(features)
    digit = layers.Dense(10, activation="softmax", name="digit")(hidden)
    parity = layers.Dense(1, activation=parity_activation, name="parity")(hidden)
    inputs = {"image": image, "ink": ink} if inputs_as == "dict" else [image, ink]
    if outputs_as == "list":
        outputs = [digit, parity]
    elif swap_keys:
        outputs = {"digit": parity, "parity": digit}
    else:
        outputs = {"digit": digit, "parity": parity}
    return keras.Model(inputs=inputs, outputs=outputs)


RIGHT = {"digit": "sparse_categorical_crossentropy", "parity": "binary_crossentropy"}

WRONG = [
    ("16-1", "list inputs", lambda: dict_io(inputs_as="list"), "模型的输入是一个列表，不是字典"),
    ("16-1", "list outputs", lambda: dict_io(outputs_as="list"), "模型的输出是一个列表，不是字典"),
    ("16-1", "keys swapped", lambda: dict_io(swap_keys=True), "输出字典的键 'digit' 对应的是名为 'parity' 的输出层"),
    ("16-1", "softmax parity", lambda: dict_io(parity_activation="softmax"), "'parity' 的激活函数应当是 'sigmoid'"),
    ("16-2", "list", lambda: ["sparse_categorical_crossentropy", "binary_crossentropy"], "按输出名的字母顺序配对"),
    ("16-2", "misspelled key", lambda: {"digit": RIGHT["digit"], "parrity": RIGHT["parity"]},
     "损失的键多出 ['parrity']、缺少 ['parity']"),
    ("16-2", "missing key", lambda: {"digit": RIGHT["digit"]}, "损失的键缺少 ['parity']"),
    ("16-2", "swapped losses", lambda: {"digit": RIGHT["parity"], "parity": RIGHT["digit"]},
     "输出 'digit'（10 类、整数标签）的损失应当是 'sparse_categorical_crossentropy'，实际是 'binary_crossentropy'"),
    ("16-2", "one-hot loss", lambda: {"digit": "categorical_crossentropy", "parity": RIGHT["parity"]},
     "实际是 'categorical_crossentropy'"),
    ("16-2", "a loss class instead of a loss",
     lambda: {"digit": keras.losses.SparseCategoricalCrossentropy, "parity": RIGHT["parity"]}, "是损失的类，不是损失"),
]

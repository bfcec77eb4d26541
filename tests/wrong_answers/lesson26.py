"""Lesson 26's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def any_size(mistake=None):
    """The 26-1 model, with one realistic mistake chosen by name."""
    shape = {"fixed input": (8, 8, 1), "three channels": (None, None, 3)}.get(mistake, (None, None, 1))
    image = keras.Input(shape=shape, name="input" if mistake == "input name" else "image")
    features = image
    if mistake == "resizing":
        features = layers.Resizing(8, 8, name="resize")(features)
    features = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(features)
    if mistake == "resizing":
        features = layers.Flatten(name="flatten")(features)
    elif mistake == "local pooling":
        features = layers.MaxPooling2D(2, name="pool")(features)
    elif mistake != "no pooling":
        features = layers.GlobalMaxPooling2D(name="pool")(features)
    digit = layers.Dense(10, activation="relu" if mistake == "relu head" else "softmax", name="digit")(features)
    return keras.Model(inputs=image, outputs=digit, name="any_size")


def plain_arrays(mistake=None):
    """The 26-2 model, with one realistic mistake chosen by name."""
    shape = (8, 8, 1) if mistake == "input with channel" else (8, 8)
    pixels = keras.Input(shape=shape, name="image" if mistake == "input name" else "pixels")
    if mistake == "lambda":
        image = layers.Lambda(lambda x: keras.ops.expand_dims(x, -1), name="add_channel")(pixels)
    elif mistake == "channels first":
        image = layers.Reshape((1, 8, 8), name="add_channel")(pixels)
    else:
        image = layers.Reshape((8, 8, 1), name="add_channel")(pixels)
    features = layers.Conv2D(8 if mistake == "8 filters" else 16, 3, padding="same", activation="relu",
                             name="conv")(image)
    features = layers.Flatten(name="flatten")(features)
    digit = layers.Dense(10, activation="softmax", name="digit")(features)
    return keras.Model(inputs=pixels, outputs=digit, name="plain_arrays")


WRONG = [
    ("26-1", "input still 8x8", lambda: any_size("fixed input"), "输入 'image' 的形状还是 (8, 8, 1)"),
    ("26-1", "three channels", lambda: any_size("three channels"), "输入 'image' 的形状应当是 (None, None, 1)"),
    ("26-1", "input not named", lambda: any_size("input name"), "模型应当有 1 个输入 ['image']"),
    ("26-1", "Resizing and Flatten", lambda: any_size("resizing"), "模型里有 Resizing"),
    ("26-1", "Flatten just dropped", lambda: any_size("no pooling"), "模型里没有全局池化层："),
    ("26-1", "MaxPooling2D instead of a global pooling", lambda: any_size("local pooling"),
     "pool 是局部池化，只把特征图缩小"),
    ("26-1", "relu head", lambda: any_size("relu head"), "层 'digit' 的激活函数应当是 'softmax'"),
    ("26-2", "input keeps the channel", lambda: plain_arrays("input with channel"), "输入 'pixels' 写成了 (8, 8, 1)"),
    ("26-2", "a Lambda adds the channel", lambda: plain_arrays("lambda"), "模型里有 Lambda 层"),
    ("26-2", "channel first", lambda: plain_arrays("channels first"), "Reshape 的目标形状是 (1, 8, 8)"),
    ("26-2", "input named image", lambda: plain_arrays("input name"), "模型应当有 1 个输入 ['pixels']"),
    ("26-2", "8 filters", lambda: plain_arrays("8 filters"), "参数总数应当是 10,410"),
    ("26-3", "Resizing model missed", lambda: ["A"], "C 能接受"),
    ("26-3", "global pooling with a fixed input", lambda: ["A", "B", "C"], "B 不接受"),
    ("26-3", "a Resizing after a fixed input", lambda: ["A", "C", "D"], "D 不接受"),
    ("26-3", "letters in one string", lambda: "AC", "答案是一个字符串 'AC'"),
    ("26-3", "an unknown letter", lambda: ["A", "C", "E"], "答案里多出了 ['E']"),
    ("26-3", "only the resizing one", lambda: ["C"], "A 能接受"),
]

"""Lesson 18's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def migrated(*, scale="rescaling", merge=True):
    """The 18-1 model, with one realistic half-done migration switched on by an argument."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    if scale == "lambda":  # Model(...) fixed, but the Lambda layer kept.
        scaled = layers.Lambda(lambda x: x / 16.0, name="scale")(image)
    elif scale == "operator":  # The division written on the tensor: an operation, not a layer.
        scaled = image / 16.0
    elif scale == "times sixteen":
        scaled = layers.Rescaling(16, name="scale")(image)
    else:
        scaled = layers.Rescaling(1 / 16, name="scale")(image)
    flat = layers.Flatten(name="flatten")(scaled)
    hidden = layers.Dense(32, activation="relu", name="hidden")(flat)
    head_input = layers.Concatenate(name="merged")([flat, hidden]) if merge else hidden
    digit = layers.Dense(10, activation="softmax", name="digit")(head_input)
    return keras.Model(inputs=image, outputs=digit)


def features(*, inputs="right", call="second", units=16, activation="relu"):
    """The 18-2 model, with one realistic mistake switched on by an argument."""
    left = keras.Input(shape=(64,), name="left")
    right = keras.Input(shape=(64,), name="right")
    shared = layers.Dense(units, activation=activation, name="shared")
    left_features = shared(left)
    right_features = shared(right)
    output = right_features if call == "second" else left_features
    model_inputs = {"right": right, "left": left, "both": [left, right]}[inputs]
    return keras.Model(inputs=model_inputs, outputs=output)


class Penalty(layers.Layer):
    """A sparsity layer with one realistic mistake chosen by an argument."""

    def __init__(self, mistake=None, **kwargs):
        super().__init__(**kwargs)
        self.mistake = mistake

    def call(self, x):
        if self.mistake != "no loss":
            rate = 1.0 if self.mistake == "rate forgotten" else 1e-3
            self.add_loss(rate * keras.ops.mean(keras.ops.abs(x)))
        return keras.ops.square(x) if self.mistake == "returns the penalty" else x


def sparse_hidden(*, mistake=None, after="hidden"):
    """The 18-3 model; ``after`` names the tensor the sparsity layer is called on."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    hidden = layers.Dense(32, activation="relu", name="hidden")(flat)
    if after == "flatten":  # The penalty on the pixels, hidden left to feed digit directly.
        Penalty(mistake, name="sparsity")(flat)
        return keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(hidden))
    sparse = Penalty(mistake, name="sparsity")(hidden)
    return keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(sparse))


WRONG = [
    ("18-1", "Lambda layer kept", lambda: migrated(scale="lambda"), "模型里还有 Lambda 层 'scale'"),
    ("18-1", "division written on the tensor", lambda: migrated(scale="operator"), "找不到名为 'scale' 的层"),
    ("18-1", "Rescaling the wrong way round", lambda: migrated(scale="times sixteen"), "层 'scale' 应当把像素除以 16"),
    ("18-1", "concatenate dropped", lambda: migrated(merge=False), "找不到名为 'merged' 的层"),
    ("18-2", "first call instead of the second", lambda: features(inputs="left", call="first"),
     "模型的输入是 'left'"),
    ("18-2", "both inputs passed to Model", lambda: features(inputs="both"), "模型应当有 1 个输入"),
    ("18-2", "shared layer of another size", lambda: features(units=8), "输出 'shared' 的形状应当是 (16,)"),
    ("18-2", "shared layer without its relu", lambda: features(activation=None),
     "层 'shared' 的激活函数应当是 'relu'，实际是 'linear'"),
    ("18-3", "add_loss never called", lambda: sparse_hidden(mistake="no loss"), "调用模型之后 model.losses 是空的"),
    ("18-3", "0.001 forgotten", lambda: sparse_hidden(mistake="rate forgotten"), "应当是一个：0.001 × mean(|hidden|)"),
    ("18-3", "layer returns the penalty", lambda: sparse_hidden(mistake="returns the penalty"), "应当原样返回它的输入"),
    ("18-3", "layer left outside the graph", lambda: sparse_hidden(after="flatten"), "模型里找不到名为 'sparsity' 的层"),
]

"""Lesson 01's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def mlp(*, input_name="pixels", input_shape=(64,), skip_hidden=False, hidden_activation="relu", hidden_units=32,
        sequential=False):
    """The 01-1 model, with one realistic mistake switched on by an argument."""
    if sequential:  # The model of the statement, handed in unchanged.
        return keras.Sequential([
            keras.Input(shape=(64,), name="pixels"),
            layers.Dense(32, activation="relu", name="hidden"),
            layers.Dense(10, activation="softmax", name="digit"),
        ], name="digits_mlp")
    pixels = keras.Input(shape=input_shape, name=input_name) if input_name else keras.Input(shape=input_shape)
    net = pixels
    if len(input_shape) > 1:
        net = layers.Flatten(name="flatten")(net)
    hidden = layers.Dense(hidden_units, activation=hidden_activation, name="hidden")(net)
    digit = layers.Dense(10, activation="softmax", name="digit")(net if skip_hidden else hidden)
    return keras.Model(inputs=pixels, outputs=digit, name="digits_mlp")


def chain(*, dropout_at="between", rate=0.5, with_dropout=True):
    """The 01-2 model, with the dropout layer put in the right or a wrong place."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    net = layers.Conv2D(16, 3, strides=1, padding="same", activation="relu", name="conv1")(image)
    net = layers.Conv2D(16, 3, strides=1, padding="same", activation="relu", name="conv2")(net)
    net = layers.MaxPooling2D(2, 2, "same", name="block1_maxpool")(net)
    net = layers.Flatten(name="flatten")(net)
    dropout = layers.Dropout(rate, name="dropout")
    if dropout_at == "before fc":
        net = dropout(net)
    net = layers.Dense(64, activation="relu", name="fc")(net)
    if dropout_at == "between":
        net = dropout(net)
    elif dropout_at == "not reassigned":
        dropout(net)  # Its output is thrown away: the layer is not on the path.
    net = layers.Dense(10, activation="softmax", name="predictions")(net)
    if dropout_at == "after predictions":
        net = dropout(net)
    return keras.Model(inputs=image, outputs=net)


WRONG = [
    ("01-1", "the Sequential handed in unchanged", lambda: mlp(sequential=True), "答案是一个 Sequential 模型"),
    ("01-1", "input without a name", lambda: mlp(input_name=None), "给每个 keras.Input 起好名字"),
    ("01-1", "input shaped like the image", lambda: mlp(input_shape=(8, 8)), "输入 'pixels' 的形状应当是 (64,)"),
    ("01-1", "digit called on the input, hidden left out", lambda: mlp(skip_hidden=True),
     "找不到名为 'hidden' 的层"),
    ("01-1", "hidden without relu", lambda: mlp(hidden_activation="linear"), "激活函数应当是 'relu'"),
    ("01-1", "hidden too wide", lambda: mlp(hidden_units=64), "应当有 32 个单元"),
    ("01-2", "dropout made but its output not used", lambda: chain(dropout_at="not reassigned"),
     "模型里没有名为 'dropout' 的层"),
    ("01-2", "no dropout at all", lambda: chain(with_dropout=False, dropout_at="nowhere"), "模型里没有名为 'dropout' 的层"),
    ("01-2", "dropout after predictions", lambda: chain(dropout_at="after predictions"),
     "模型应当有 1 个输出 ['predictions']，实际有 1 个 ['dropout']"),
    ("01-2", "dropout before fc", lambda: chain(dropout_at="before fc"), "层 'fc' 的输入应当来自 ['flatten']，实际来自 ['dropout']"),
    ("01-2", "another rate", lambda: chain(rate=0.2), "丢弃比例应当是 0.5"),
]

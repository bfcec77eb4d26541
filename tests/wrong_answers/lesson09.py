"""Lesson 09's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def block(*, filters=8, padding="same", second_conv=True, pool=True, output_name="predictions"):
    """The 09-1 model, with one realistic mistake switched on by an argument."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    net = layers.Conv2D(filters, 3, padding=padding, activation="relu", name="block_conv1")(image)
    if second_conv:
        net = layers.Conv2D(filters, 3, padding=padding, activation="relu", name="block_conv2")(net)
    if pool:
        net = layers.MaxPooling2D(2, name="block_pool")(net)
    net = layers.Flatten(name="flatten")(net)
    return keras.Model(image, layers.Dense(10, activation="softmax", name=output_name)(net))


# The tutorial's example on 28×28×1 counted with a usual slip, worked out by hand.
WITHOUT_POOL = (3 * 3 + 1) * 64 + (3 * 3 * 64 + 1) * 64 + (28 * 28 * 64 + 1) * 4096 + 4097 * 10
WITHOUT_BIASES = 3 * 3 * 64 + 3 * 3 * 64 * 64 + 14 * 14 * 64 * 4096 + 4096 * 10
ON_32_BY_32_RGB = (3 * 3 * 3 + 1) * 64 + (3 * 3 * 64 + 1) * 64 + (16 * 16 * 64 + 1) * 4096 + 4097 * 10  # 67,192,650

WRONG = [
    ("09-1", "valid padding", lambda: block(padding="valid"), "block_pool 的输出形状应当是 (4, 4, 8)，实际是 (2, 2, 8)"),
    ("09-1", "16 filters", lambda: block(filters=16), "实际是 (4, 4, 16)"),
    ("09-1", "no pooling", lambda: block(pool=False), "找不到名为 'block_pool' 的层"),
    ("09-1", "output layer left unnamed", lambda: block(output_name="dense"), "模型应当有 1 个输出 ['predictions']"),
    ("09-1", "a single convolution", lambda: block(second_conv=False), "找不到名为 'block_conv2' 的层"),
    ("09-2", "the tutorial's 32×32×3 count", lambda: ON_32_BY_32_RGB, "输入 32×32×3 时的数"),
    ("09-2", "pooling forgotten", lambda: WITHOUT_POOL, "忘了池化"),
    ("09-2", "biases forgotten", lambda: WITHOUT_BIASES, "少了偏置"),
    ("09-2", "off by one", lambda: 51_462_858 + 1, "参数个数不对"),
    ("09-2", "a float", lambda: 51_462_858.0, "应当是一个整数（参数个数），得到的是 float"),
    ("09-2", "a string", lambda: "51462858", "得到的是 str"),
]

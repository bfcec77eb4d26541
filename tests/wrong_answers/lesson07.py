"""Lesson 07's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def sentiment(*, shape=(None,), dtype="int32", name="tokens", ragged=False, pooling=True, vocabulary=1000,
              output_activation="sigmoid"):
    """The 07-1 model, with one realistic mistake switched on by an argument."""
    tokens = keras.Input(shape=shape, dtype=dtype, name=name, ragged=ragged)
    vectors = layers.Embedding(input_dim=vocabulary, output_dim=16, name="embedding")(tokens)
    if pooling:
        vectors = layers.GlobalAveragePooling1D(name="average")(vectors)
    else:
        vectors = layers.Flatten(name="flatten")(vectors)
    positive = layers.Dense(1, activation=output_activation, name="positive")(vectors)
    return keras.Model(inputs=tokens, outputs=positive)


def fixed_batch(**input_arguments):
    """The 07-2 model, with the image input made from ``input_arguments``."""
    image = keras.Input(name="image", **input_arguments)
    digit = layers.Dense(10, activation="softmax", name="digit")(layers.Flatten(name="flatten")(image))
    return keras.Model(inputs=image, outputs=digit)


WRONG = [
    ("07-1", "float input", lambda: sentiment(dtype="float32"), "dtype 应当是 int32（单词编号是整数），实际是 float32"),
    ("07-1", "fixed length", lambda: sentiment(shape=(20,)), "序列的长度应当可变"),
    ("07-1", "input without a name", lambda: sentiment(name=None), "模型应当只有一个输入 'tokens'"),
    ("07-1", "another input name", lambda: sentiment(name="words"), "模型应当只有一个输入 'tokens'"),
    ("07-1", "vocabulary too small", lambda: sentiment(vocabulary=100), "应当是 layers.Embedding(1000, 16)（1000 个编号，每个编号 16 维），实际是 Embedding(100, 16)"),
    ("07-1", "flattened with a fixed length instead of averaged", lambda: sentiment(shape=(20,), pooling=False),
     "序列的长度应当可变"),
    ("07-1", "a linear output", lambda: sentiment(output_activation=None), "层 'positive' 的激活函数应当是 'sigmoid'"),
    ("07-2", "shape without a batch size", lambda: fixed_batch(shape=(8, 8, 1)), "批量大小没有固定"),
    ("07-2", "batch_shape without the batch", lambda: fixed_batch(batch_shape=(8, 8, 1)),
     "batch_shape 的第一个数是批量大小"),
    ("07-2", "batch_shape with None", lambda: fixed_batch(batch_shape=(None, 8, 8, 1)), "批量大小没有固定"),
    ("07-2", "another batch size", lambda: fixed_batch(batch_shape=(10, 8, 8, 1)), "批量大小应当固定为 32，实际是 10"),
    ("07-2", "images flattened in the input", lambda: fixed_batch(batch_shape=(32, 64)),
     "完整形状应当是 (32, 8, 8, 1)"),
]

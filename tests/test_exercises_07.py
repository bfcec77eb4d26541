"""Lesson 07's exercises: realistic wrong answers fail with the hint meant for them."""

import pytest
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises import check


def sentiment(*, shape=(None,), dtype="int32", name="tokens", ragged=False, pooling=True, vocabulary=1000):
    """The 07-1 model, with one realistic mistake switched on by an argument."""
    tokens = keras.Input(shape=shape, dtype=dtype, name=name, ragged=ragged)
    vectors = layers.Embedding(input_dim=vocabulary, output_dim=16, name="embedding")(tokens)
    if pooling:
        vectors = layers.GlobalAveragePooling1D(name="average")(vectors)
    else:
        vectors = layers.Flatten(name="flatten")(vectors)
    positive = layers.Dense(1, activation="sigmoid", name="positive")(vectors)
    return keras.Model(inputs=tokens, outputs=positive)


def fixed_batch(**input_arguments):
    """The 07-2 model, with the image input made from ``input_arguments``."""
    image = keras.Input(name="image", **input_arguments)
    digit = layers.Dense(10, activation="softmax", name="digit")(layers.Flatten(name="flatten")(image))
    return keras.Model(inputs=image, outputs=digit)


WRONG = [
    ("07-1", "float input", lambda: sentiment(dtype="float32"), "dtype 应当是 'int32'"),
    ("07-1", "fixed length", lambda: sentiment(shape=(20,)), "序列的长度应当可变"),
    ("07-1", "input without a name", lambda: sentiment(name=None), "模型应当只有一个输入 'tokens'"),
    ("07-1", "another input name", lambda: sentiment(name="words"), "模型应当只有一个输入 'tokens'"),
    ("07-1", "vocabulary too small", lambda: sentiment(vocabulary=100), "Embedding(input_dim=1000, output_dim=16)"),
    ("07-1", "flattened with a fixed length instead of averaged", lambda: sentiment(shape=(20,), pooling=False),
     "序列的长度应当可变"),
    ("07-2", "shape without a batch size", lambda: fixed_batch(shape=(8, 8, 1)), "批量大小没有固定"),
    ("07-2", "batch_shape without the batch", lambda: fixed_batch(batch_shape=(8, 8, 1)),
     "batch_shape 的第一个数是批量大小"),
    ("07-2", "batch_shape with None", lambda: fixed_batch(batch_shape=(None, 8, 8, 1)), "批量大小没有固定"),
    ("07-2", "another batch size", lambda: fixed_batch(batch_shape=(10, 8, 8, 1)), "批量大小应当固定为 32，实际是 10"),
    ("07-2", "images flattened in the input", lambda: fixed_batch(batch_shape=(32, 64)),
     "完整形状应当是 (32, 8, 8, 1)"),
]


@pytest.mark.parametrize(
    "exercise_id, build, expected", [(e, b, x) for e, _, b, x in WRONG], ids=[f"{e} {why}" for e, why, _, _ in WRONG]
)
def test_realistic_wrong_answers_fail_with_their_hint(exercise_id, build, expected, rejected):
    line = rejected(exercise_id, build())
    assert line.count("\n") == 1, line
    assert expected in line, line


@pytest.mark.parametrize("build", [
    lambda: sentiment(ragged=True),  # A ragged input is variable-length too.
    lambda: fixed_batch(shape=(8, 8, 1), batch_size=32),  # Same shape as batch_shape=(32, 8, 8, 1).
], ids=["07-1 ragged", "07-2 shape and batch_size"])
def test_equivalent_spellings_pass(build, capsys):
    model = build()
    exercise_id = "07-1" if model.inputs[0].name == "tokens" else "07-2"
    assert check(exercise_id, model), capsys.readouterr().out

"""Lesson 13's exercises: realistic wrong answers fail with the hint meant for them."""

import pytest
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises.lesson13 import _flat_autoencoder, _member


def fresh_layers():
    code_input = keras.Input(shape=(16,), name="code_input")
    pixels = layers.Dense(64, activation="sigmoid", name="pixels")(code_input)
    return keras.Model(code_input, layers.Reshape((8, 8, 1), name="reconstruction")(pixels))


def intermediate_tensor_as_input():
    flat = _flat_autoencoder()
    return keras.Model(flat.get_layer("code").output, flat.output)


def no_reshape():
    flat = _flat_autoencoder()
    code_input = keras.Input(shape=(16,), name="code_input")
    return keras.Model(code_input, flat.get_layer("pixels")(code_input))


def whole_autoencoder():
    return _flat_autoencoder()


def add_instead_of_average():
    image = keras.Input(shape=(8, 8, 1), name="image")
    outputs = [_member("member_a")(image), _member("member_b")(image)]
    return keras.Model(image, layers.Add(name="average")(outputs))


def one_member_twice():
    image = keras.Input(shape=(8, 8, 1), name="image")
    member = _member("member_a")
    return keras.Model(image, layers.Average(name="average")([member(image), member(image)]))


def dense_members():
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    outputs = [layers.Dense(10, activation="softmax", name=name)(flat) for name in ("member_a", "member_b")]
    return keras.Model(image, layers.Average(name="average")(outputs))


def concatenated():
    image = keras.Input(shape=(8, 8, 1), name="image")
    outputs = [_member("member_a")(image), _member("member_b")(image)]
    return keras.Model(image, layers.Concatenate(name="average")(outputs))


@pytest.mark.parametrize(
    "exercise_id, make, expected",
    [
        ("13-1", fresh_layers, "pixels 层只在解码器里被调用过"),
        ("13-1", intermediate_tensor_as_input, "不要把中间张量"),
        ("13-1", no_reshape, "实际有 1 个 ['pixels']"),
        ("13-1", whole_autoencoder, "应当有 1 个输入 ['code_input']，实际有 1 个 ['image']"),
        ("13-2", add_instead_of_average, "层 'average' 应当是 Average，实际是 Add"),
        ("13-2", one_member_twice, "找不到名为 'member_b' 的层"),
        ("13-2", dense_members, "'member_a' 是一个 Dense 层，不是模型"),
        ("13-2", concatenated, "输出 'average' 的形状应当是 (10,)（不含批量维度），实际是 (20,)"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_wrong_answers_get_their_hint(exercise_id, make, expected, rejected):
    line = rejected(exercise_id, make())
    assert expected in line, line

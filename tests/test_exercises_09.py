"""Lesson 09's exercises: realistic wrong answers fail with the hint meant for them."""

import numpy as np
import pytest
from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide.exercises import check, solution


def _block(*, filters=8, padding="same", pool=True, output_name="predictions"):
    image = keras.Input(shape=(8, 8, 1), name="image")
    net = layers.Conv2D(filters, 3, padding=padding, activation="relu", name="block_conv1")(image)
    net = layers.Conv2D(filters, 3, padding=padding, activation="relu", name="block_conv2")(net)
    if pool:
        net = layers.MaxPooling2D(2, name="block_pool")(net)
    net = layers.Flatten(name="flatten")(net)
    return keras.Model(image, layers.Dense(10, activation="softmax", name=output_name)(net))


def valid_padding():
    return _block(padding="valid")


def sixteen_filters():
    return _block(filters=16)


def no_pool():
    return _block(pool=False)


def unnamed_output():
    return _block(output_name="dense")


def single_conv():
    image = keras.Input(shape=(8, 8, 1), name="image")
    net = layers.Conv2D(8, 3, padding="same", activation="relu", name="block_conv1")(image)
    net = layers.MaxPooling2D(2, name="block_pool")(net)
    net = layers.Flatten(name="flatten")(net)
    return keras.Model(image, layers.Dense(10, activation="softmax", name="predictions")(net))


def _without_pool():
    return (3 * 3 + 1) * 64 + (3 * 3 * 64 + 1) * 64 + (28 * 28 * 64 + 1) * 4096 + 4097 * 10


def _without_biases():
    return 3 * 3 * 64 + 3 * 3 * 64 * 64 + 14 * 14 * 64 * 4096 + 4096 * 10


WRONG = [
    ("09-1", valid_padding, "block_pool 的输出形状应当是 (4, 4, 8)，实际是 (2, 2, 8)"),
    ("09-1", sixteen_filters, "实际是 (4, 4, 16)"),
    ("09-1", no_pool, "找不到名为 'block_pool' 的层"),
    ("09-1", unnamed_output, "模型应当有 1 个输出 ['predictions']"),
    ("09-1", single_conv, "找不到名为 'block_conv2' 的层"),
    ("09-2", lambda: 67_192_650, "输入 32×32×3 时的数"),
    ("09-2", _without_pool, "忘了池化"),
    ("09-2", _without_biases, "少了偏置"),
    ("09-2", lambda: 51_462_858 + 1, "参数个数不对"),
    ("09-2", lambda: 51_462_858.0, "应当是一个整数"),
    ("09-2", lambda: "51462858", "得到的是 str"),
]


@pytest.mark.parametrize("exercise_id, make_answer, expected", WRONG, ids=[f"{e}-{i}" for i, (e, _, _) in enumerate(WRONG)])
def test_wrong_answer_gets_its_hint(exercise_id, make_answer, expected, rejected):
    line = rejected(exercise_id, make_answer())
    assert expected in line, line


def test_count_matches_keras_and_numpy_integers_are_accepted(capsys):
    # The checker's number, computed by hand, against Keras's own count.
    assert solution("09-2") == kfg.build_sequential_equivalent(input_shape=(28, 28, 1)).count_params()
    assert check("09-2", np.int64(solution("09-2")))
    assert solution("09-1").count_params() == 1_954


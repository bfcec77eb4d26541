"""Lesson 03's exercises: realistic wrong answers fail with the hint meant for them."""

import numpy as np
import pytest
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import data
from keras_functional_guide.exercises import check, solution


def three_heads(*, big_name="big", big_activation="sigmoid", big_on="hidden", big_in_outputs=True, key="big"):
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
    return keras.Model(inputs=image, outputs=outputs)


WRONG = [
    ("03-1", "head without a name", lambda: three_heads(big_name=None), "给输出层起好名字"),
    ("03-1", "head built but left out of outputs", lambda: three_heads(big_in_outputs=False), "模型应当有 3 个输出"),
    ("03-1", "head on the digit head", lambda: three_heads(big_on="digit"), "输出头 'big' 接在了 ['digit'] 上"),
    ("03-1", "head on flatten, skipping hidden", lambda: three_heads(big_on="flatten"), "而不是共享主干的最后一层 'hidden'"),
    ("03-1", "softmax on one unit", lambda: three_heads(big_activation="softmax"), "只有 1 个单元的 softmax 恒等于 1.0"),
    ("03-1", "dict key differs from the layer name", lambda: three_heads(key="is_big"), "outputs 字典的键应当与输出层的名字相同"),
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
    ("03-2", "the model instead of the dict", lambda: solution("03-1"), "答案是一个模型"),
]


@pytest.mark.parametrize(
    "exercise_id, build, expected", [(e, b, x) for e, _, b, x in WRONG], ids=[f"{e} {why}" for e, why, _, _ in WRONG]
)
def test_realistic_wrong_answers_fail_with_their_hint(exercise_id, build, expected, rejected):
    line = rejected(exercise_id, build())
    assert line.count("\n") == 1, line
    assert expected in line, line


@pytest.mark.parametrize(
    "losses",
    [
        {"big": "binary_crossentropy", "parity": "bce", "digit": "sparse_categorical_crossentropy"},
        {"digit": keras.losses.SparseCategoricalCrossentropy(), "parity": keras.losses.BinaryCrossentropy(),
         "big": keras.losses.binary_crossentropy},
    ],
    ids=["strings in another order", "loss objects and functions"],
)
def test_other_spellings_of_the_right_losses_pass(losses):
    assert check("03-2", losses)


def test_reference_parameter_count_worked_out_by_hand():
    # The lesson's model (66,475) plus a Dense(1) on 64 units: 64 weights and 1 bias.
    assert solution("03-1").count_params() == 66_475 + 64 + 1


def test_reference_losses_compile_the_reference_model_and_evaluate_on_digits():
    model = solution("03-1")
    model.compile(optimizer="adam", loss=solution("03-2"))
    (_, _), (images, labels) = data.load_digits()
    targets = {
        "digit": labels[:16],
        "parity": (labels[:16] % 2).astype("float32")[:, np.newaxis],
        "big": (labels[:16] >= 5).astype("float32")[:, np.newaxis],
    }
    result = model.evaluate(images[:16], targets, batch_size=16, verbose=0, return_dict=True)
    assert {"digit_loss", "parity_loss", "big_loss"} <= set(result)
    assert np.isclose(result["loss"], result["digit_loss"] + result["parity_loss"] + result["big_loss"], rtol=1e-4)

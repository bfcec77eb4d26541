"""Lesson 16's exercises: realistic wrong answers fail with the hint meant for them."""

import pytest
from tensorflow import keras
from tensorflow.keras import layers


from keras_functional_guide.exercises import check


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


@pytest.mark.parametrize(
    "exercise_id, make, expected",
    [
        ("16-1", lambda: dict_io(inputs_as="list"), "模型的输入是 list，不是字典"),
        ("16-1", lambda: dict_io(outputs_as="list"), "模型的输出是 list，不是字典"),
        ("16-1", lambda: dict_io(swap_keys=True), "字典的键 'digit' 对应的是名为 'parity' 的张量"),
        ("16-1", lambda: dict_io(parity_activation="softmax"), "'parity' 的激活函数应当是 sigmoid"),
        ("16-2", lambda: ["sparse_categorical_crossentropy", "binary_crossentropy"], "按输出名的字母顺序配对"),
        ("16-2", lambda: {"digit": RIGHT["digit"], "parrity": RIGHT["parity"]}, "键 ['parrity'] 不是模型的输出名"),
        ("16-2", lambda: {"digit": RIGHT["digit"]}, "缺少输出 ['parity'] 的损失"),
        ("16-2", lambda: {"digit": RIGHT["parity"], "parity": RIGHT["digit"]},
         "输出 'digit'（10 类、整数标签）的损失应当是 'sparse_categorical_crossentropy'，实际是 'binary_crossentropy'"),
        ("16-2", lambda: {"digit": "categorical_crossentropy", "parity": RIGHT["parity"]}, "实际是 'categorical_crossentropy'"),
    ],
    ids=["16-1 list inputs", "16-1 list outputs", "16-1 keys swapped", "16-1 softmax parity",
         "16-2 list", "16-2 misspelled key", "16-2 missing key", "16-2 swapped losses", "16-2 one-hot loss"],
)
def test_wrong_answers_get_their_hint(exercise_id, make, expected, rejected):
    line = rejected(exercise_id, make())
    assert expected in line, line


def test_loss_objects_are_accepted_too(capsys):
    answer = {"digit": keras.losses.SparseCategoricalCrossentropy(), "parity": keras.losses.BinaryCrossentropy()}
    assert check("16-2", answer)
    assert capsys.readouterr().out.startswith("✓ 16-2 ")

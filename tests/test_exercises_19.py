"""Lesson 19's exercises: realistic wrong datasets fail with the hint meant for them."""

import numpy as np
import pytest
import tensorflow as tf

from keras_functional_guide import data
from keras_functional_guide.exercises import check


def match_dataset(mistake=None):
    """The 19-1 dataset, with one realistic mistake chosen by name."""
    task = data.match_task()
    image, query, match = task.x_train["image"], task.x_train["query"], task.y_train["match"]
    if mistake == "flat tuple":
        return tf.data.Dataset.from_tensor_slices((image, query, match)).batch(32)
    if mistake == "tuple inputs":
        return tf.data.Dataset.from_tensor_slices(((image, query), task.y_train)).batch(32)
    if mistake == "plain target":
        return tf.data.Dataset.from_tensor_slices((task.x_train, match)).batch(32)
    if mistake == "misspelled key":
        return tf.data.Dataset.from_tensor_slices(({"image": image, "querry": query}, task.y_train)).batch(32)
    if mistake == "no batch":
        return tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train)).shuffle(1024)
    if mistake == "drop remainder":
        return tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train)).batch(32, drop_remainder=True)
    if mistake == "float query":
        inputs = {"image": image, "query": query.astype("float32")}
        return tf.data.Dataset.from_tensor_slices((inputs, task.y_train)).batch(32)
    if mistake == "no dataset":
        return (task.x_train, task.y_train)
    return tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train)).batch(32)


def weighted_dataset(mistake=None):
    """The 19-2 dataset, with one realistic mistake chosen by name."""
    task = data.digit_parity_task()
    digits = task.y_train["digit"]
    ones = np.ones(len(digits), "float32")
    even = (digits % 2 == 0).astype("float32")
    weights = {"digit": ones, "parity": even}
    if mistake == "odd kept":  # The weight of the odd images instead of the even ones.
        weights = {"digit": ones, "parity": (digits % 2).astype("float32")}
    if mistake == "all ones":
        weights = {"digit": ones, "parity": ones}
    if mistake == "digit zero":
        weights = {"digit": even, "parity": even}
    if mistake == "tuple weights":
        weights = (ones, even)
    if mistake == "one array":  # One weight per sample, for every head alike.
        weights = even
    if mistake == "column weights":
        weights = {"digit": ones[:, None], "parity": even[:, None]}
    if mistake == "no weights":
        return tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train)).batch(64)
    dataset = tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train, weights)).batch(64)
    if mistake == "repeat":
        return dataset.repeat()
    if mistake == "take":
        return dataset.take(5)
    return dataset


@pytest.mark.parametrize(
    "exercise_id, make, expected",
    [
        ("19-1", lambda: match_dataset("flat tuple"), "数据集的元素有 3 项，应当是 (x, y)"),
        ("19-1", lambda: match_dataset("tuple inputs"), "元素的第一项（输入）是一个元组，不是字典"),
        ("19-1", lambda: match_dataset("plain target"), "元素的第二项（目标）应当是以名字为键的字典 ['match']"),
        ("19-1", lambda: match_dataset("misspelled key"), "的键是 ['image', 'querry']，应当正好是 ['image', 'query']"),
        ("19-1", lambda: match_dataset("no batch"), "'image' 的形状是 (8, 8, 1)，没有批量维度"),
        ("19-1", lambda: match_dataset("drop remainder"), "'image' 的批量维度是固定的 32"),
        ("19-1", lambda: match_dataset("float query"), "'query' 的类型应当是 int32，实际是 float32"),
        ("19-1", lambda: match_dataset("no dataset"), "答案是一个元组，不是数据集"),
        ("19-2", lambda: weighted_dataset("odd kept"), "奇数图片（digit % 2 == 1）应当是 0.0"),
        ("19-2", lambda: weighted_dataset("all ones"), "parity 头的样本权重全是 1.0"),
        ("19-2", lambda: weighted_dataset("digit zero"), "digit 头的样本权重应当全是 1.0"),
        ("19-2", lambda: weighted_dataset("tuple weights"), "元素的第三项（样本权重）是一个元组，不是字典"),
        ("19-2", lambda: weighted_dataset("one array"), "元素的第三项（样本权重）应当是以名字为键的字典"),
        ("19-2", lambda: weighted_dataset("column weights"), "样本权重 'digit' 的形状应当是 (None,)"),
        ("19-2", lambda: weighted_dataset("no weights"), "数据集的元素有 2 项，应当是 (x, y, sample_weight)"),
        ("19-2", lambda: weighted_dataset("repeat"), "超过 1347 个样本"),
        ("19-2", lambda: weighted_dataset("take"), "数据集走一遍有 320 个样本"),
    ],
    ids=["19-1 flat 3-tuple", "19-1 tuple inputs", "19-1 plain target", "19-1 misspelled key", "19-1 no batch",
         "19-1 drop_remainder", "19-1 float query", "19-1 arrays not a dataset",
         "19-2 odd images kept", "19-2 all ones", "19-2 digit weights zero", "19-2 tuple weights",
         "19-2 one weight array", "19-2 column weights", "19-2 no weights", "19-2 repeat", "19-2 take"],
)
def test_wrong_answers_get_their_hint(exercise_id, make, expected, rejected):
    line = rejected(exercise_id, make())
    assert expected in line, line


def test_a_shuffled_dataset_passes_19_2_too(capsys):
    # Shuffling keeps each image with its own targets and weights, so the weights still match.
    task = data.digit_parity_task()
    weights = {"digit": np.ones(len(task.x_train), "float32"),
               "parity": (task.y_train["digit"] % 2 == 0).astype("float32")}
    dataset = tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train, weights)).shuffle(2000).batch(64)
    assert check("19-2", dataset)
    assert capsys.readouterr().out.startswith("✓ 19-2 ")


def test_the_19_1_reference_is_what_fit_takes():
    # The checker's structure is the one Keras accepts: one real training step on the reference.
    from tensorflow import keras

    import keras_functional_guide as kfg
    from keras_functional_guide.exercises import solution

    model = kfg.build_multi_input()
    model.compile(optimizer="adam", loss={"match": "binary_crossentropy"})
    history = model.fit(solution("19-1").take(2), epochs=1, verbose=0, shuffle=False)
    assert np.isfinite(history.history["loss"][0])
    assert isinstance(model, keras.Model)

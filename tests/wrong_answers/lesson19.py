"""Lesson 19's realistic wrong answers (see ``__init__``)."""

import numpy as np
import tensorflow as tf

from keras_functional_guide import data


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


def sample_weights(task):
    """19-2's right weights: 1.0 for every image on digit, 1.0 for even images only on parity."""
    return {"digit": np.ones(len(task.x_train), "float32"),
            "parity": (task.y_train["digit"] % 2 == 0).astype("float32")}


def weighted_dataset(mistake=None):
    """The 19-2 dataset, with one realistic mistake chosen by name."""
    task = data.digit_parity_task()
    digits = task.y_train["digit"]
    weights = sample_weights(task)
    ones, even = weights["digit"], weights["parity"]
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


WRONG = [
    ("19-1", "a flat 3-tuple", lambda: match_dataset("flat tuple"), "数据集的元素有 3 项，应当是 (x, y)"),
    ("19-1", "inputs as a tuple", lambda: match_dataset("tuple inputs"), "元素的第一项（输入）是一个元组，不是字典"),
    ("19-1", "a plain target", lambda: match_dataset("plain target"),
     "元素的第二项（目标）应当是以名字为键的字典 {'match': ...}"),
    ("19-1", "a misspelled key", lambda: match_dataset("misspelled key"),
     "元素的第一项（输入）的键多出 ['querry']、缺少 ['query']"),
    ("19-1", "not batched", lambda: match_dataset("no batch"), "'image' 的形状是 (8, 8, 1)，没有批量维度"),
    ("19-1", "drop_remainder", lambda: match_dataset("drop remainder"), "'image' 的批量维度是固定的 32"),
    ("19-1", "a float query", lambda: match_dataset("float query"), "'query' 的类型应当是 int32，实际是 float32"),
    ("19-1", "the arrays, not a dataset", lambda: match_dataset("no dataset"), "答案是一个元组，不是数据集"),
    ("19-2", "odd images kept", lambda: weighted_dataset("odd kept"), "奇数图片（digit % 2 == 1）应当是 0.0"),
    ("19-2", "all ones", lambda: weighted_dataset("all ones"), "parity 头的样本权重全是 1.0"),
    ("19-2", "digit weights zero for odd images", lambda: weighted_dataset("digit zero"), "digit 头的样本权重应当全是 1.0"),
    ("19-2", "weights as a tuple", lambda: weighted_dataset("tuple weights"), "元素的第三项（样本权重）是一个元组，不是字典"),
    ("19-2", "one weight array for both heads", lambda: weighted_dataset("one array"),
     "元素的第三项（样本权重）应当是以名字为键的字典"),
    ("19-2", "weights as columns", lambda: weighted_dataset("column weights"), "样本权重 'digit' 的形状应当是 (None,)"),
    ("19-2", "no weights", lambda: weighted_dataset("no weights"), "数据集的元素有 2 项，应当是 (x, y, sample_weight)"),
    ("19-2", "repeated", lambda: weighted_dataset("repeat"), "超过 1347 个样本"),
    ("19-2", "only a part taken", lambda: weighted_dataset("take"), "数据集走一遍有 320 个样本"),
]

"""Lesson 28's realistic wrong answers (see ``__init__``)."""

import math

import tensorflow as tf
from tensorflow import keras

from keras_functional_guide import data


class Batches(keras.utils.PyDataset):
    """The 28-1 answer, with one realistic mistake chosen by name."""

    def __init__(self, x, y, batch_size=50, mistake=None, **kwargs):
        if mistake == "no super":  # Ported from a Keras 2 Sequence, which needed no super().__init__.
            self.workers_wanted = kwargs.get("workers")
        elif mistake == "kwargs dropped":
            super().__init__()
        else:
            super().__init__(**kwargs)
        self.x, self.y, self.batch_size, self.mistake = x, y, batch_size, mistake

    def __len__(self):
        if self.mistake == "floor":
            return len(self.y["match"]) // self.batch_size
        if self.mistake == "samples":
            return len(self.y["match"])
        return math.ceil(len(self.y["match"]) / self.batch_size)

    def __getitem__(self, index):
        if self.mistake == "index not scaled":
            rows = slice(index, index + self.batch_size)
        else:
            rows = slice(index * self.batch_size, (index + 1) * self.batch_size)
        image, query, match = self.x["image"][rows], self.x["query"][rows], self.y["match"][rows]
        if self.mistake == "float query":
            query = query.astype("float32")
        inputs = [image, query] if self.mistake == "list inputs" else {"image": image, "query": query}
        targets = match if self.mistake == "plain target" else {"match": match}
        if self.mistake == "list batch":
            return [inputs, targets]
        return inputs, targets


def batches(mistake=None):
    match = data.match_task()
    return Batches(match.x_train, match.y_train, batch_size=50, mistake=mistake, workers=2)


def one_pass():
    match = data.match_task()
    for start in range(0, len(match.y_train["match"]), 50):
        rows = slice(start, start + 50)
        yield {"image": match.x_train["image"][rows], "query": match.x_train["query"][rows]}, {"match": match.y_train["match"][rows]}


WRONG = [
    ("28-1", "super().__init__ forgotten", lambda: batches("no super"), "__init__ 没有调用 super().__init__(**kwargs)"),
    ("28-1", "workers not passed to the base class", lambda: batches("kwargs dropped"), "workers 是 1，不是 2"),
    ("28-1", "length rounded down", lambda: batches("floor"), "__len__ 返回了 26：1347 / 50 向下取整"),
    ("28-1", "length in samples", lambda: batches("samples"), "这是样本数"),
    ("28-1", "index not scaled by the batch size", lambda: batches("index not scaled"),
     "第 1 批的图片不是训练集的第 50 到 100 个"),
    ("28-1", "inputs as a list", lambda: batches("list inputs"), "一批的第一项（输入）是一个列表，不是字典"),
    ("28-1", "a plain target", lambda: batches("plain target"), "一批的第二项（目标）应当是以名字为键的字典"),
    ("28-1", "a list, not a tuple", lambda: batches("list batch"), "__getitem__ 返回的是列表 [输入, 目标]"),
    ("28-1", "a float query", lambda: batches("float query"), "'query' 的类型应当是 int32，实际是 float32"),
    ("28-1", "a tf.data.Dataset", lambda: tf.data.Dataset.range(3), "答案是一个 tf.data.Dataset"),
    ("28-1", "a generator", one_pass, "答案是一个生成器"),
    ("28-2", "steps_per_epoch x epochs", lambda: 80, "80 是 steps_per_epoch × epochs"),
    ("28-2", "training stops (Keras 2)", lambda: 14, "14 是 Keras 2 的行为"),
    ("28-2", "batches rounded down", lambda: 52, "1347 / 100 要向上取整"),
    ("28-2", "one epoch's steps_per_epoch", lambda: 20, "先算数据集有几批"),
    ("28-2", "a float", lambda: 56.0, "答案应当是一个整数（fit 一共训练的步数），得到的是 float"),
]

"""Lesson 24's realistic wrong answers (see ``__init__``)."""

import math

import tensorflow as tf
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data


class Batches(keras.utils.PyDataset):
    """The 24-1 answer, with one realistic mistake chosen by name."""

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


class Step(keras.Model):
    """The 24-2 train_step, with one realistic mistake chosen by the class attribute ``mistake``."""

    mistake = None

    def train_step(self, data):
        if self.mistake == "two-item unpack":  # keras.io's guide: fine in fit without sample_weight.
            x, y = data
            sample_weight = None
        else:
            x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            if self.mistake == "keras 2":
                loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
            else:
                loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
        grads = tape.gradient(loss, self.trainable_weights)
        if self.mistake != "no apply":
            self.optimizer.apply(grads, self.trainable_weights)
        if self.mistake == "keras 2":
            self.compiled_metrics.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}
        if self.mistake == "own dict":
            return {"loss": loss, "grad_norm": tf.linalg.global_norm(grads)}
        if self.mistake != "loss metric forgotten":
            for metric in self.metrics:
                if metric.name == "loss":
                    metric.update_state(loss)
        logs = self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)
        if self.mistake != "no grad_norm":
            logs["grad_norm"] = tf.linalg.global_norm(grads)
        return logs


def step_model(mistake=None, *, compiled=True):
    """A compiled two-input model whose class makes ``mistake`` (``"plain"``: keras.Model itself)."""
    network = kfg.build_multi_input()
    if mistake == "plain":
        model = keras.Model(inputs=network.input, outputs=network.output)
    else:
        cls = type("Step", (Step,), {"mistake": mistake})
        model = cls(inputs=network.input, outputs=network.output)
    if compiled:
        model.compile(optimizer="adam", loss={"match": "binary_crossentropy"}, metrics={"match": ["accuracy"]})
    return model


WRONG = [
    ("24-1", "super().__init__ forgotten", lambda: batches("no super"), "__init__ 没有调用 super().__init__(**kwargs)"),
    ("24-1", "workers not passed to the base class", lambda: batches("kwargs dropped"), "workers 是 1，不是 2"),
    ("24-1", "length rounded down", lambda: batches("floor"), "__len__ 返回了 26：1347 / 50 向下取整"),
    ("24-1", "length in samples", lambda: batches("samples"), "这是样本数"),
    ("24-1", "index not scaled by the batch size", lambda: batches("index not scaled"),
     "第 1 批的图片不是训练集的第 50 到 100 个"),
    ("24-1", "inputs as a list", lambda: batches("list inputs"), "一批的第一项（输入）是一个列表，不是字典"),
    ("24-1", "a plain target", lambda: batches("plain target"), "一批的第二项（目标）应当是以名字为键的字典"),
    ("24-1", "a list, not a tuple", lambda: batches("list batch"), "__getitem__ 返回的是列表 [输入, 目标]"),
    ("24-1", "a float query", lambda: batches("float query"), "'query' 的类型应当是 int32，实际是 float32"),
    ("24-1", "a tf.data.Dataset", lambda: tf.data.Dataset.range(3), "答案是一个 tf.data.Dataset"),
    ("24-1", "a generator", one_pass, "答案是一个生成器"),
    ("24-2", "no train_step of its own", lambda: step_model("plain"), "没有覆盖 train_step"),
    ("24-2", "not compiled", lambda: step_model(compiled=False), "模型还没有 compile"),
    ("24-2", "the Keras 2 recipe", lambda: step_model("keras 2"), "Keras 2 的 self.compiled_loss / self.compiled_metrics"),
    ("24-2", "x, y = data", lambda: step_model("two-item unpack"), "x, y = data 拆开数据"),
    ("24-2", "the loss metric never updated", lambda: step_model("loss metric forgotten"), "返回的 loss 是 0"),
    ("24-2", "weights never updated", lambda: step_model("no apply"), "权重一点都没变"),
    ("24-2", "no grad_norm", lambda: step_model("no grad_norm"), "没有 'grad_norm'"),
    ("24-2", "its own dict, no compiled metrics", lambda: step_model("own dict"), "没有 compile 时写的指标 'accuracy'"),
    ("24-3", "steps_per_epoch x epochs", lambda: 80, "80 是 steps_per_epoch × epochs"),
    ("24-3", "training stops (Keras 2)", lambda: 14, "14 是 Keras 2 的行为"),
    ("24-3", "batches rounded down", lambda: 52, "1347 / 100 要向上取整"),
    ("24-3", "one epoch's steps_per_epoch", lambda: 20, "先算数据集有几批"),
    ("24-3", "a float", lambda: 56.0, "答案应当是一个整数（fit 一共训练的步数），得到的是 float"),
]

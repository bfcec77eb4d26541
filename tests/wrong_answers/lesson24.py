"""Lesson 24's realistic wrong answers (see ``__init__``)."""

import tensorflow as tf
from tensorflow import keras

import keras_functional_guide as kfg


class Step(keras.Model):
    """The 24-1 train_step, with one realistic mistake chosen by the class attribute ``mistake``."""

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
    ("24-1", "no train_step of its own", lambda: step_model("plain"), "没有覆盖 train_step"),
    ("24-1", "not compiled", lambda: step_model(compiled=False), "模型还没有 compile"),
    ("24-1", "the Keras 2 recipe", lambda: step_model("keras 2"), "Keras 2 的 self.compiled_loss / self.compiled_metrics"),
    ("24-1", "x, y = data", lambda: step_model("two-item unpack"), "x, y = data 拆开数据"),
    ("24-1", "the loss metric never updated", lambda: step_model("loss metric forgotten"), "返回的 loss 是 0"),
    ("24-1", "weights never updated", lambda: step_model("no apply"), "权重一点都没变"),
    ("24-1", "no grad_norm", lambda: step_model("no grad_norm"), "没有 'grad_norm'"),
    ("24-1", "its own dict, no compiled metrics", lambda: step_model("own dict"), "没有 compile 时写的指标 'accuracy'"),
    ("24-2", "the last, smaller batch forgotten", lambda: 1, "最后一批只有 3 个样本"),
    ("24-2", "counted in a fresh notebook, before the optimizer had variables", lambda: 3, "优化器还没有变量"),
    ("24-2", "once per epoch", lambda: 4, "按每一轮重新追踪算的"),
    ("24-2", "both shapes again every epoch", lambda: 8, "按每一轮重新追踪算的"),
    ("24-2", "once per step", lambda: 172, "按每一批（每一步）都追踪算的"),
    ("24-2", "once per batch of the first epoch", lambda: 43, "按每一批（每一步）都追踪算的"),
    ("24-2", "a float", lambda: 2.0, "答案应当是一个整数（追踪的次数），得到的是 float"),
    ("24-2", "the function itself", lambda: tf.function(lambda x: x), "本题要的是一个整数"),
]

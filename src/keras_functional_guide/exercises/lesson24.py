"""Exercises of lesson 24 (延伸：自定义训练步骤), posed in ``notebooks/24_custom_training.ipynb``.

24-1 wants a compiled functional model with its own ``train_step``: the checker
runs that step once, with ``train_on_batch``, on 8 training samples, which is
what ``fit`` would run for one batch; it reads the returned dict and whether the
weights moved. 24-2 wants a number: how often ``tf.function`` traces the
lesson's loop step without an ``input_signature``.
"""

import warnings

import numpy as np
import tensorflow as tf
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    describe,
    expect_inputs,
    expect_integer,
    expect_outputs,
    functional_model,
)

LESSON = "24_custom_training.ipynb"


def _overrides_train_step(model):
    return type(model).train_step is not keras.Model.train_step


def _weights(model):
    return [np.array(keras.ops.convert_to_numpy(weight)) for weight in model.trainable_weights]


def _run_one_step(model):
    """Runs the model's train step once, as ``fit`` would on one batch; returns ``(logs, warnings)``."""
    match = data.match_task()
    x = {name: values[:8] for name, values in match.x_train.items()}
    y = {name: values[:8] for name, values in match.y_train.items()}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            logs = model.train_on_batch(x, y, return_dict=True)
        except Exception as error:  # The learner's train_step: say what it raised and where to look.
            if _keras2(caught):
                raise Wrong(_KERAS2) from None
            if isinstance(error, ValueError) and "too many values to unpack" in str(error):
                raise Wrong(_UNPACK) from None
            message = " ".join(str(error).split())[:200]
            raise Wrong(
                f"运行一步 train_step 时出错：{type(error).__name__}：{message}；"
                "对照本课第 1 节的写法检查 train_step"
            ) from None
    return logs, caught


def _keras2(caught):
    return any("compiled_loss()` is deprecated" in str(warning.message)
               or "compiled_metrics()` is deprecated" in str(warning.message) for warning in caught)


_UNPACK = (
    "train_step 用 x, y = data 拆开数据，可 data 是三项 (x, y, sample_weight)：train_on_batch 总是给三项，"
    "fit 收到 sample_weight 时也是；写 x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)"
)

_KERAS2 = (
    "train_step 里用了 Keras 2 的 self.compiled_loss / self.compiled_metrics：Keras 3 只把它们留作发出弃用警告的兼容接口，"
    "compiled_metrics 还会把预测交给记录损失的指标；损失用 self.compute_loss(x=x, y=y, y_pred=y_pred)，"
    "指标用 self.compute_metrics(x, y, y_pred)"
)


class GradNormStep(Exercise):
    """24-1: the two-input model with its own train_step, which also returns the gradient's global norm."""

    id = "24-1"
    hint = (
        "class GradNormModel(keras.Model)，train_step 与本课第 1 节相同（compute_loss、optimizer.apply、"
        "更新名为 'loss' 的指标、compute_metrics，再加 logs[\"grad_norm\"] = tf.linalg.global_norm(grads)）；"
        "network = kfg.build_multi_input()；model = GradNormModel(inputs=network.input, outputs=network.output)；"
        "再 compile"
    )

    @staticmethod
    def solution():
        class GradNormModel(keras.Model):
            def train_step(self, data):
                x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
                with tf.GradientTape() as tape:
                    y_pred = self(x, training=True)
                    loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
                grads = tape.gradient(loss, self.trainable_weights)
                self.optimizer.apply(grads, self.trainable_weights)
                for metric in self.metrics:
                    if metric.name == "loss":
                        metric.update_state(loss)
                logs = self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)
                logs["grad_norm"] = tf.linalg.global_norm(grads)
                return logs

        network = kfg.build_multi_input()
        model = GradNormModel(inputs=network.input, outputs=network.output, name="matcher_grad_norm")
        model.compile(optimizer="adam", loss={"match": "binary_crossentropy"}, metrics={"match": ["accuracy"]})
        return model

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1), "query": (1,)})
        expect_outputs(model, {"match": (1,)})
        if not _overrides_train_step(model):
            raise Wrong(
                f"这个模型的类 {type(model).__name__} 没有覆盖 train_step，fit 用的还是 Keras 自带的那一步："
                "写一个 keras.Model 的子类，定义 train_step(self, data)，"
                "再用 类名(inputs=network.input, outputs=network.output) 构造"
            )
        if not model.compiled or model.optimizer is None:
            raise Wrong("模型还没有 compile：train_step 里的 self.optimizer 和 self.compute_loss 都来自 compile(optimizer=..., loss=...)")
        before = _weights(model)
        logs, caught = _run_one_step(model)
        if _keras2(caught):
            raise Wrong(_KERAS2)
        if not isinstance(logs, dict):
            raise Wrong(f"train_step 应当返回一个以指标名为键的字典，返回的是 {describe(logs)}")
        if "grad_norm" not in logs:
            raise Wrong(
                f"train_step 返回的字典里没有 'grad_norm'（只有 {sorted(logs)}）："
                "logs[\"grad_norm\"] = tf.linalg.global_norm(grads)，再 return logs"
            )
        if "loss" not in logs:
            raise Wrong(f"train_step 返回的字典里没有 'loss'（只有 {sorted(logs)}）：用 self.compute_metrics(x, y, y_pred) 取回所有指标")
        if float(np.ravel(logs["loss"])[0]) == 0.0:
            raise Wrong(
                "返回的 loss 是 0：self.compute_loss 不会更新 self.metrics 里名为 'loss' 的指标，"
                "要自己 metric.update_state(loss)，再 compute_metrics"
            )
        if "accuracy" not in logs:
            raise Wrong(
                f"返回的字典里没有 compile 时写的指标 'accuracy'（只有 {sorted(logs)}）："
                "compile 写 metrics={\"match\": [\"accuracy\"]}，train_step 里用 self.compute_metrics(x, y, y_pred) 更新并取回"
            )
        grad_norm = float(np.ravel(logs["grad_norm"])[0])
        if not np.isfinite(grad_norm) or grad_norm <= 0:
            raise Wrong(f"grad_norm 是 {grad_norm}：应当是梯度的全局范数，一个正数，tf.linalg.global_norm(grads)")
        after = _weights(model)
        if all(np.array_equal(old, new) for old, new in zip(before, after)):
            raise Wrong(
                "运行一步之后权重一点都没变：求出梯度以后要用优化器更新权重，"
                "self.optimizer.apply(grads, self.trainable_weights)"
            )
        return ("fit 会调用你的 train_step：一步之后权重变了，返回的字典有 loss、accuracy 和 "
                f"grad_norm（这一步是 {grad_norm:.3g}）")


_TRAIN_SIZE, _BATCH, _EPOCHS = 1347, 32, 4  # The lesson's train_ds: data.digit_parity_task()'s 1,347 samples, .batch(32).
_BATCHES = -(-_TRAIN_SIZE // _BATCH)  # 43: 42 full batches and a last one of 3.


class TracesWithoutSignature(Exercise):
    """24-2: how often tf.function traces the lesson's step with no input_signature over 4 epochs of uneven batches."""

    id = "24-2"
    expects = "一个整数（追踪的次数）"
    hint = (
        "没有 input_signature 时，tf.function 每遇到一种新的输入形状就追踪一次，同样的形状再来就用已经追踪好的图；"
        "数一数 4 轮里一共出现了几种批次形状（1347 = 42 × 32 + 3）"
    )

    @staticmethod
    def solution():
        shapes = {32, 1347 % 32}  # 42 批 32 个样本，最后一批 3 个：两种形状
        return len(shapes)  # 每种形状追踪一次，后面几轮不再追踪

    @staticmethod
    def grade(answer):
        traces = expect_integer(answer, "一个整数（追踪的次数）")
        last = _TRAIN_SIZE - (_BATCHES - 1) * _BATCH
        if traces == 2:
            return (f"两种批次形状（{_BATCH} 个样本和最后的 {last} 个），各追踪一次；"
                    f"后面 {_EPOCHS - 1} 轮的 {(_EPOCHS - 1) * _BATCHES} 步用的都是已经追踪好的两张图")
        if traces == 1:
            raise Wrong(
                f"最后一批只有 {last} 个样本，形状与前面 {_BATCH} 个的批次不同：没有 input_signature 时，"
                "新的形状要再追踪一次"
            )
        if traces == 3:
            raise Wrong(
                "3 是优化器还没有变量时的次数：第一次调用要创建变量，tf.function 为此多追踪一次。"
                "本课第 2 节里 train_step 已经逐行执行过几步，优化器的变量已经有了；题目问的是接着第 2 节运行的情形"
            )
        if traces in (_EPOCHS, 2 * _EPOCHS):
            raise Wrong(
                f"{traces} 是按每一轮重新追踪算的：tf.function 记得追踪过的形状，"
                "第 2 轮遇到同样的形状，不再追踪"
            )
        if traces in (_BATCHES, _BATCHES - 1, _BATCHES * _EPOCHS, (_BATCHES - 1) * _EPOCHS):
            raise Wrong(
                f"{traces} 是按每一批（每一步）都追踪算的：同样形状的输入，追踪一次以后每一步都直接运行那张图"
            )
        raise Wrong(
            "不对：tf.function 每遇到一种新的输入形状追踪一次；数一数这 4 轮里一共有几种批次形状"
        )

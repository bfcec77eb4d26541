"""Exercises of lesson 22 (延伸：报错速查), posed in ``notebooks/22_error_atlas.ipynb``."""

from collections.abc import Mapping

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_dense,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    functional_model,
    layers_of_class,
    loss_name,
)

LESSON = "22_error_atlas.ipynb"

# What compile(metrics=...) may say for accuracy on integer labels: the name Keras resolves by the
# loss ("accuracy", "acc"), or the sparse metric itself (as a string, an object or its class).
_ACCURACY = {"accuracy", "acc", "sparse_categorical_accuracy", "SparseCategoricalAccuracy"}


class FixTheWiring(Exercise):
    """22-1: four wiring errors of one snippet, fixed: two inputs concatenated, hidden, label."""

    id = "22-1"
    hint = ("shape=(4,)（元组）；layers.Concatenate(name=\"merged\")([features, extra])（一个列表）；"
            "hidden 层要在 merged 上调用；keras.Model(inputs=[...], outputs=label)（复数）")

    @staticmethod
    def solution():
        features = keras.Input(shape=(4,), name="features")
        extra = keras.Input(shape=(2,), name="extra")
        merged = layers.Concatenate(name="merged")([features, extra])
        hidden = layers.Dense(16, activation="relu", name="hidden")(merged)
        label = layers.Dense(3, activation="softmax", name="label")(hidden)
        return keras.Model(inputs=[features, extra], outputs=label)

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"features": (4,), "extra": (2,)})
        merges = layers_of_class(model, layers.Concatenate)
        if len(merges) != 1:
            raise Wrong(
                f"模型里应当正好有一个 Concatenate 层，实际有 {len(merges)} 个："
                "用 layers.Concatenate(name=\"merged\")([features, extra]) 把两个输入拼起来（一个列表，不是两个参数）"
            )
        expect_inbound(model, merges[0].name, ["features", "extra"])
        expect_dense(model, "hidden", 16, "relu")
        expect_inbound(model, "hidden", [merges[0].name])
        expect_dense(model, "label", 3, "softmax")
        expect_inbound(model, "label", ["hidden"])
        expect_outputs(model, {"label": (3,)})
        return "features、extra → Concatenate → hidden (16, relu) → label (3, softmax)：四处错都改好了"


def _metric_names(metrics):
    """The names of the metrics given to compile (a list, or a dict of lists by output name)."""
    if metrics is None:
        return []
    if isinstance(metrics, Mapping) and "class_name" not in metrics:
        found = []
        for value in metrics.values():
            found += _metric_names(value)
        return found
    if isinstance(metrics, (list, tuple)):
        found = []
        for value in metrics:
            found += _metric_names(value)
        return found
    if isinstance(metrics, str):
        return [metrics]
    if isinstance(metrics, Mapping):  # A serialized metric object: {"class_name": ..., "config": {...}}.
        return [metrics["class_name"]]
    return [getattr(metrics, "__name__", type(metrics).__name__)]


class FixTheClassifier(Exercise):
    """22-2: an image classifier fixed: Flatten before Dense, a loss for integer labels, no from_logits."""

    id = "22-2"
    hint = ("image → layers.Flatten() → layers.Dense(10, activation=\"softmax\", name=\"digit\")；"
            "compile(optimizer=\"adam\", loss=\"sparse_categorical_crossentropy\", metrics=[\"accuracy\"])")

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        flat = layers.Flatten(name="flatten")(image)
        digit = layers.Dense(10, activation="softmax", name="digit")(flat)
        model = keras.Model(image, digit)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return model

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        flattens = layers_of_class(model, layers.Flatten)
        if len(flattens) != 1:
            shape = tuple(model.outputs[0].shape)
            raise Wrong(
                f"模型里应当正好有一个 Flatten 层，实际有 {len(flattens)} 个（输出的形状是 {shape}）："
                "Dense 只作用在最后一维上，图片要先经过 layers.Flatten() 变成 64 个数"
            )
        expect_dense(model, "digit", 10, "softmax")
        expect_inbound(model, "digit", [flattens[0].name])
        expect_outputs(model, {"digit": (10,)})
        if not model.compiled:
            raise Wrong("模型还没有 compile：用 model.compile(optimizer=\"adam\", loss=..., metrics=[\"accuracy\"]) 编译好再交")
        if type(model.optimizer).__name__ != "Adam":
            raise Wrong(f"优化器是 {type(model.optimizer).__name__}：题目要 optimizer=\"adam\"")
        loss = model.loss
        if isinstance(loss, Mapping):
            if sorted(loss) != ["digit"]:
                raise Wrong(f"损失字典的键是 {sorted(loss)}：只有一个输出 'digit'，写 loss=\"sparse_categorical_crossentropy\"")
            loss = loss["digit"]
        elif isinstance(loss, (list, tuple)) and len(loss) == 1:
            loss = loss[0]
        name = loss_name(loss)  # Raises Wrong for from_logits=True on a softmax output.
        if name != "sparse_categorical_crossentropy":
            raise Wrong(
                f"损失是 {name}：标签是整数 0..9（形状 (样本数,)），要用 \"sparse_categorical_crossentropy\"；"
                "categorical_crossentropy 要独热标签，与输出的形状相同"
            )
        names = _metric_names(model.get_compile_config().get("metrics"))
        if not any(metric in _ACCURACY for metric in names):
            raise Wrong(f"指标里没有准确率（得到的是 {names}）：写 metrics=[\"accuracy\"]")
        return "image → Flatten → digit (10, softmax)，整数标签配 sparse_categorical_crossentropy，没有 from_logits"

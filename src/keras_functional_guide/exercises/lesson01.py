"""Exercises of ``notebooks/01_functional_api_overview.ipynb`` (§1 函数式 API 概述).

Their statements are in the lesson; see :class:`_grading.Exercise` for the shape.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_dense,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
)

LESSON = "01_functional_api_overview.ipynb"


class SequentialRewritten(Exercise):
    """01-1: rewrite a Sequential as a functional model."""

    id = "01-1"
    hint = (
        "pixels = keras.Input(shape=(64,), name=\"pixels\")，再 hidden = layers.Dense(...)(pixels)、"
        "digit = layers.Dense(...)(hidden)，最后 keras.Model(inputs=pixels, outputs=digit, name=\"digits_mlp\")"
    )

    @staticmethod
    def solution():
        pixels = keras.Input(shape=(64,), name="pixels")
        hidden = layers.Dense(32, activation="relu", name="hidden")(pixels)
        digit = layers.Dense(10, activation="softmax", name="digit")(hidden)
        return keras.Model(inputs=pixels, outputs=digit, name="digits_mlp")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"pixels": (64,)})
        expect_outputs(model, {"digit": (10,)})
        expect_dense(model, "hidden", 32, "relu")
        expect_dense(model, "digit", 10, "softmax")
        expect_inbound(model, "hidden", ["pixels"])
        expect_inbound(model, "digit", ["hidden"])
        expect_params(model, 64 * 32 + 32 + 32 * 10 + 10)
        return "函数式写法：pixels → hidden → digit，与那个 Sequential 是同一个网络（2,410 个参数）"


_CHAIN = ("image", "conv1", "conv2", "block1_maxpool", "flatten", "fc")


class DropoutInTheChain(Exercise):
    """01-2: add a layer to the chain of §2."""

    id = "01-2"
    hint = (
        "在 net = layers.Dense(64, ..., name=\"fc\")(net) 之后写 net = layers.Dropout(0.5, name=\"dropout\")(net)，"
        "再在这个 net 上调用 predictions"
    )

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        net = layers.Conv2D(16, 3, strides=1, padding="same", activation="relu", name="conv1")(image)
        net = layers.Conv2D(16, 3, strides=1, padding="same", activation="relu", name="conv2")(net)
        net = layers.MaxPooling2D(2, 2, "same", name="block1_maxpool")(net)
        net = layers.Flatten(name="flatten")(net)
        net = layers.Dense(64, activation="relu", name="fc")(net)
        net = layers.Dropout(0.5, name="dropout")(net)  # 新加的一层
        net = layers.Dense(10, activation="softmax", name="predictions")(net)
        return keras.Model(inputs=image, outputs=net, name="VGG19_dropout")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        names = [each.name for each in model.layers]
        if "dropout" not in names:
            raise Wrong(
                "模型里没有名为 'dropout' 的层：如果你建了它，检查是否把它的输出赋给了 net，"
                "并在这个 net 上调用 predictions（不在输入到输出路径上的层不属于模型）"
            )
        expect_outputs(model, {"predictions": (10,)})
        dropout = layer(model, "dropout", layers.Dropout)
        if dropout.rate != 0.5:
            raise Wrong(f"层 'dropout' 的丢弃比例应当是 0.5，实际是 {dropout.rate}：写 layers.Dropout(0.5, name=\"dropout\")")
        for previous, name in zip(_CHAIN, _CHAIN[1:]):
            layer(model, name)
            expect_inbound(model, name, [previous])
        expect_inbound(model, "dropout", ["fc"])
        expect_inbound(model, "predictions", ["dropout"])
        expect_params(model, 19_578)
        return "链条变成 … → fc → dropout → predictions；Dropout 没有参数，总数仍是 19,578"

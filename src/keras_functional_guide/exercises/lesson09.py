"""Exercises of lesson 09 (§2 函数式 API 示例), posed in ``notebooks/09_example_vgg.ipynb``."""

import math

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_inbound,
    expect_inputs,
    expect_integer,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
)

LESSON = "09_example_vgg.ipynb"

# Two 3×3 convolutions of 8 filters on 8×8×1, a 2×2 pool to 4×4×8, then Dense(10).
_BLOCK_PARAMS = (3 * 3 * 1 + 1) * 8 + (3 * 3 * 8 + 1) * 8 + (4 * 4 * 8 + 1) * 10  # 1,954


class VggBlock(Exercise):
    """09-1: a small VGG-style block of two convolutions and a pool."""

    id = "09-1"
    hint = (
        "image = keras.Input(shape=(8, 8, 1), name=\"image\")，然后 net = layers.Conv2D(8, 3, "
        "padding=\"same\", activation=\"relu\", name=\"block_conv1\")(image)，依次接下去，"
        "最后 keras.Model(inputs=image, outputs=net)"
    )

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        net = layers.Conv2D(8, 3, padding="same", activation="relu", name="block_conv1")(image)  # (3×3×1+1)×8 = 80
        net = layers.Conv2D(8, 3, padding="same", activation="relu", name="block_conv2")(net)  # (3×3×8+1)×8 = 584
        net = layers.MaxPooling2D(2, name="block_pool")(net)  # 8×8 → 4×4
        net = layers.Flatten(name="flatten")(net)  # 4×4×8 = 128
        net = layers.Dense(10, activation="softmax", name="predictions")(net)  # (128+1)×10 = 1,290
        return keras.Model(inputs=image, outputs=net, name="vgg_block")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"predictions": (10,)})
        layer(model, "block_conv1", layers.Conv2D)
        layer(model, "block_conv2", layers.Conv2D)
        pool = layer(model, "block_pool", layers.MaxPooling2D)
        expect_inbound(model, "block_conv1", ["image"])
        expect_inbound(model, "block_conv2", ["block_conv1"])
        expect_inbound(model, "block_pool", ["block_conv2"])
        got = tuple(pool.output.shape)[1:]
        if got != (4, 4, 8):
            raise Wrong(
                f"block_pool 的输出形状应当是 (4, 4, 8)，实际是 {got}：两个卷积各用 8 个卷积核、"
                "padding=\"same\"（保持 8×8），再由 2×2 的池化减半"
            )
        expect_params(model, _BLOCK_PARAMS)
        return f"两个卷积 + 池化的 VGG 式小块，池化后 4×4×8，共 {_BLOCK_PARAMS:,} 个参数"


def _tutorial_params(height, width, channels, *, pooled=True, biases=True):
    """The tutorial's §2 example's parameter count (64 filters, Dense(4096), 10 classes);
    ``pooled=False`` and ``biases=False`` count it with a usual slip."""
    bias = 1 if biases else 0
    if pooled:
        height, width = math.ceil(height / 2), math.ceil(width / 2)
    return (
        (3 * 3 * channels + bias) * 64
        + (3 * 3 * 64 + bias) * 64
        + (height * width * 64 + bias) * 4096
        + (4096 + bias) * 10
    )


class TutorialParameters(Exercise):
    """09-2: the tutorial's example's parameter count on 28×28×1, by hand."""

    id = "09-2"
    expects = "一个整数（参数个数）"
    hint = (
        "conv1 = (3×3×1+1)×64，conv2 = (3×3×64+1)×64，池化后 14×14×64 个数，"
        "fc = (14×14×64+1)×4096，predictions = (4096+1)×10，四项相加"
    )

    @staticmethod
    def solution():
        conv1 = (3 * 3 * 1 + 1) * 64
        conv2 = (3 * 3 * 64 + 1) * 64
        fc = (14 * 14 * 64 + 1) * 4096  # 28×28 池化成 14×14，64 个通道，展平
        predictions = (4096 + 1) * 10
        return conv1 + conv2 + fc + predictions

    @staticmethod
    def grade(answer):
        answer = expect_integer(answer, "一个整数（参数个数）")
        expected = _tutorial_params(28, 28, 1)
        if answer == expected:
            return f"输入 28×28×1 时，教程的示例有 {expected:,} 个参数"
        if answer == _tutorial_params(32, 32, 3):
            raise Wrong(f"{answer:,} 是输入 32×32×3 时的数：本题的输入是 28×28×1（只有 1 个通道）")
        if answer == _tutorial_params(28, 28, 1, pooled=False):
            raise Wrong("忘了池化：block1_maxpool 把 28×28 减半成 14×14，Flatten 之后是 14×14×64 个数")
        if answer == _tutorial_params(28, 28, 1, biases=False):
            raise Wrong("少了偏置：每个卷积核和每个 Dense 单元还各有 1 个偏置 (bias)")
        raise Wrong(
            "参数个数不对：逐层算 conv1、conv2、fc、predictions 再相加；"
            "Conv2D 每个卷积核有 3×3×输入通道数 个权重加 1 个偏置，fc 的输入是池化后展平的 14×14×64 个数"
        )

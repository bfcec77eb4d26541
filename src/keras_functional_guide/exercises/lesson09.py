"""Exercises of lesson 09 (§2 函数式 API 示例): a VGG-style block, and parameters by hand.

Posed in ``notebooks/09_example_vgg.ipynb``.
"""

import math
import numbers

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
)

LESSON = "09_example_vgg.ipynb"

# 09-1: two 3×3 convolutions of 8 filters on 8×8×1, a 2×2 pool, then Dense(10).
BLOCK_FILTERS = 8
BLOCK_PARAMS = (3 * 3 * 1 + 1) * 8 + (3 * 3 * 8 + 1) * 8 + (4 * 4 * 8 + 1) * 10  # 1,954


def _grade_block(answer):
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
    if got != (4, 4, BLOCK_FILTERS):
        raise Wrong(
            f"block_pool 的输出形状应当是 (4, 4, 8)，实际是 {got}：两个卷积各用 8 个卷积核、"
            "padding=\"same\"（保持 8×8），再由 2×2 的池化减半"
        )
    expect_params(model, BLOCK_PARAMS)
    return f"两个卷积 + 池化的 VGG 式小块，池化后 4×4×8，共 {BLOCK_PARAMS:,} 个参数"


def _solve_block():
    image = keras.Input(shape=(8, 8, 1), name="image")
    net = layers.Conv2D(8, 3, padding="same", activation="relu", name="block_conv1")(image)
    net = layers.Conv2D(8, 3, padding="same", activation="relu", name="block_conv2")(net)
    net = layers.MaxPooling2D(2, name="block_pool")(net)
    net = layers.Flatten(name="flatten")(net)
    net = layers.Dense(10, activation="softmax", name="predictions")(net)
    return keras.Model(inputs=image, outputs=net, name="vgg_block")


def tutorial_params(height, width, channels, *, classes=10, filters=64, fc_units=4096, pooled=True, biases=True):
    """The tutorial's §2 example's parameter count, by hand (``pooled``/``biases`` model usual slips)."""
    bias = 1 if biases else 0
    if pooled:
        height, width = math.ceil(height / 2), math.ceil(width / 2)
    flattened = height * width * filters
    return (
        (3 * 3 * channels + bias) * filters
        + (3 * 3 * filters + bias) * filters
        + (flattened + bias) * fc_units
        + (fc_units + bias) * classes
    )


COUNT_ANSWER = tutorial_params(28, 28, 1)  # 51,462,858


def _grade_count(answer):
    if isinstance(answer, keras.Model):
        raise Wrong("答案应当是一个整数（参数个数），不是模型：手算，或者用 model.count_params() 得到数字")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        raise Wrong(f"答案应当是一个整数（参数个数），得到的是 {type(answer).__name__}")
    answer = int(answer)
    if answer == COUNT_ANSWER:
        return f"输入 28×28×1 时，教程的示例有 {COUNT_ANSWER:,} 个参数"
    if answer == tutorial_params(32, 32, 3):
        raise Wrong("67,192,650 是输入 32×32×3 时的数：本题的输入是 28×28×1（只有 1 个通道）")
    if answer == tutorial_params(28, 28, 1, pooled=False):
        raise Wrong("忘了池化：block1_maxpool 把 28×28 减半成 14×14，Flatten 之后是 14×14×64 个数")
    if answer == tutorial_params(28, 28, 1, biases=False):
        raise Wrong("少了偏置：每个卷积核和每个 Dense 单元还各有 1 个偏置 (bias)")
    raise Wrong(
        "参数个数不对：逐层算 conv1、conv2、fc、predictions 再相加；"
        "Conv2D 每个卷积核有 3×3×输入通道数 个权重加 1 个偏置，fc 的输入是池化后展平的 14×14×64 个数"
    )


def _solve_count():
    conv1 = (3 * 3 * 1 + 1) * 64
    conv2 = (3 * 3 * 64 + 1) * 64
    fc = (14 * 14 * 64 + 1) * 4096  # 28×28 pooled to 14×14, 64 channels, flattened
    predictions = (4096 + 1) * 10
    return conv1 + conv2 + fc + predictions


class Exercise_09_1(Exercise):
    id = '09-1'
    hint = ("image = keras.Input(shape=(8, 8, 1), name=\"image\")，然后 net = layers.Conv2D(8, 3, "
            "padding=\"same\", activation=\"relu\", name=\"block_conv1\")(image)，依次接下去，"
            "最后 keras.Model(inputs=image, outputs=net)")
    solution = staticmethod(_solve_block)
    grade = staticmethod(_grade_block)


class Exercise_09_2(Exercise):
    id = '09-2'
    expects = ("一个整数（参数个数）")
    hint = ("conv1 = (3×3×1+1)×64，conv2 = (3×3×64+1)×64，池化后 14×14×64 个数，"
            "fc = (14×14×64+1)×4096，predictions = (4096+1)×10，四项相加")
    solution = staticmethod(_solve_count)
    grade = staticmethod(_grade_count)

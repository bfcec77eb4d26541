"""Exercises of lesson 15 (延伸：冻结与迁移学习), posed in ``notebooks/15_transfer_learning.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    functional_model,
    layer,
)

LESSON = "15_transfer_learning.ipynb"

# build_digit_encoder() at its defaults: Conv2D 3×3×1×16 without bias, then a
# BatchNormalization of 16 channels (gamma, beta trainable; moving mean and
# variance not), pooled and flattened to 4·4·16 = 256 features.
CONV = 3 * 3 * 1 * 16
NORM_TRAINABLE = 2 * 16
NORM_MOVING = 2 * 16
FEATURES = 4 * 4 * 16


def _count(weights):
    total = 0
    for weight in weights:
        size = 1
        for dimension in weight.shape:
            size *= int(dimension)
        total += size
    return total


def _encoder(model):
    """The model's one layer that is itself a model (the encoder), or Wrong."""
    nested = [each for each in model.layers if isinstance(each, keras.Model)]
    if len(nested) != 1:
        raise Wrong(
            f"模型里应当有 1 个作为一层的编码器模型，实际有 {len(nested)} 个："
            "用 encoder = kfg.build_digit_encoder() 得到编码器，再像层一样调用它：features = encoder(image)"
        )
    encoder = nested[0]
    names = [each.name for each in encoder.layers]
    if names != ["image", "conv", "conv_norm", "conv_relu", "pool", "features"]:
        raise Wrong(f"编码器 {encoder.name!r} 不是 kfg.build_digit_encoder() 的编码器（它的层是 {names}）：用 kfg.build_digit_encoder() 搭编码器")
    return encoder


def _head(model, units):
    digit = layer(model, "digit", layers.Dense)
    if digit.units != units:
        raise Wrong(f"新的头 'digit' 应当有 {units} 个单元，实际有 {digit.units} 个：写 layers.Dense({units}, activation=\"softmax\", name=\"digit\")")
    expect_inbound(model, "digit", [_encoder(model).name])
    if not digit.trainable:
        raise Wrong("新的头 'digit' 被冻结了：只冻结编码器（encoder.trainable = False），不要写 model.trainable = False")
    return digit


def _expect_counts(model, trainable, frozen, advice):
    got = (_count(model.trainable_weights), _count(model.non_trainable_weights))
    if got != (trainable, frozen):
        raise Wrong(
            f"可训练参数应当是 {trainable:,}、不可训练参数 {frozen:,}，实际是 {got[0]:,} 和 {got[1]:,}：{advice}"
        )


class FrozenEncoderNewHead(Exercise):
    """15-1: freeze a pretrained encoder and put a new head on it."""

    id = "15-1"
    hint = "encoder.trainable = False 冻结编码器的每一层；新的 Dense 层默认可训练，不要冻结整个模型"

    @staticmethod
    def solution():
        encoder = kfg.build_digit_encoder()
        encoder.trainable = False  # 冻结编码器里的每一层
        image = keras.Input(shape=(8, 8, 1), name="image")
        digit = layers.Dense(10, activation="softmax", name="digit")(encoder(image))
        return keras.Model(inputs=image, outputs=digit, name="frozen_encoder_new_head")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,)})
        encoder = _encoder(model)
        _head(model, 10)
        if encoder.trainable:
            thawed = [each.name for each in encoder.layers if each.weights and each.trainable]
            raise Wrong(
                f"编码器 {encoder.name!r} 仍然可训练（可训练的层：{', '.join(thawed) or '无'}）："
                "在搭模型之前写 encoder.trainable = False，它会冻结编码器里的每一层"
            )
        _expect_counts(model, FEATURES * 10 + 10, CONV + NORM_TRAINABLE + NORM_MOVING,
                       "只有新的头 digit（256 × 10 + 10）应当可训练")
        return (f"编码器已冻结（{CONV + NORM_TRAINABLE + NORM_MOVING} 个参数不可训练），"
                f"只训练新的头 digit：{FEATURES * 10 + 10:,} 个可训练参数")


class FineTuning(Exercise):
    """15-2: unfreeze the encoder for fine-tuning, BatchNormalization still frozen."""

    id = "15-2"
    hint = "先 encoder.trainable = True，再遍历 encoder.layers，把 BatchNormalization 层的 trainable 设为 False"

    @staticmethod
    def solution():
        encoder = kfg.build_digit_encoder()
        model = kfg.build_transfer_classifier(encoder=encoder, freeze_encoder=True)
        encoder.trainable = True  # 解冻整个编码器……
        for each in encoder.layers:
            if isinstance(each, layers.BatchNormalization):
                each.trainable = False  # ……再单独冻住 BatchNormalization
        return model

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"digit": (5,)})
        encoder = _encoder(model)
        _head(model, 5)
        if not encoder.trainable:
            raise Wrong(f"编码器 {encoder.name!r} 整个还是冻结的：先写 encoder.trainable = True 解冻，再只冻结其中的 BatchNormalization 层")
        norms = [each for each in encoder.layers if isinstance(each, layers.BatchNormalization)]
        thawed = [each.name for each in norms if each.trainable]
        if thawed:
            raise Wrong(
                f"BatchNormalization 层 {thawed} 可训练：fit 时它会用每批的统计量并更新滑动均值与方差"
                "（图里写的 training=False 会被 fit 的 training=True 覆盖）；把它的 trainable 设为 False"
            )
        if not encoder.get_layer("conv").trainable:
            raise Wrong("卷积层 'conv' 还是冻结的：微调要让它可训练，只冻结 BatchNormalization 层")
        _expect_counts(model, CONV + FEATURES * 5 + 5, NORM_TRAINABLE + NORM_MOVING,
                       "conv 和 digit 可训练，conv_norm 的 4 组权重都不可训练")
        return (f"微调的设置正确：conv 与 digit 共 {CONV + FEATURES * 5 + 5:,} 个参数可训练，"
                f"BatchNormalization 的 {NORM_TRAINABLE + NORM_MOVING} 个参数冻结，并在推理模式下运行")

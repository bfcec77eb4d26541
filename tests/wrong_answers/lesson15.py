"""Lesson 15's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg


def frozen_head(*, freeze="encoder", units=10):
    """The 15-1 model, with one realistic mistake chosen by an argument."""
    encoder = kfg.build_digit_encoder()
    if freeze == "encoder":
        encoder.trainable = False
    elif freeze == "conv only":
        encoder.get_layer("conv").trainable = False
    image = keras.Input(shape=(8, 8, 1), name="image")
    digit = layers.Dense(units, activation="softmax", name="digit")(encoder(image))
    model = keras.Model(image, digit)
    if freeze == "whole model":
        model.trainable = False
    return model


def head_without_encoder():
    """A new head on the flattened image: the encoder left out."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    return keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(flat))


def fine_tuning(*, unfreeze=True, freeze_norm=True, freeze_conv=False):
    """The 15-2 model, with one realistic mistake chosen by an argument."""
    encoder = kfg.build_digit_encoder()
    model = kfg.build_transfer_classifier(encoder=encoder, freeze_encoder=True)
    encoder.trainable = unfreeze
    if unfreeze:
        encoder.get_layer("conv_norm").trainable = not freeze_norm
        encoder.get_layer("conv").trainable = not freeze_conv
    return model


WRONG = [
    ("15-1", "encoder not frozen", lambda: frozen_head(freeze=None), "仍然可训练（可训练的层：conv, conv_norm）"),
    ("15-1", "only conv frozen", lambda: frozen_head(freeze="conv only"), "仍然可训练（可训练的层：conv_norm）"),
    ("15-1", "the head frozen too", lambda: frozen_head(freeze="whole model"), "新的头 'digit' 被冻结了"),
    ("15-1", "five classes as in the lesson", lambda: frozen_head(units=5), "输出 'digit' 的形状应当是 (10,)"),
    ("15-1", "no encoder at all", head_without_encoder, "1 个作为一层的编码器模型，实际有 0 个"),
    ("15-2", "encoder still frozen", lambda: fine_tuning(unfreeze=False), "整个还是冻结的"),
    ("15-2", "batch norm thawed", lambda: fine_tuning(freeze_norm=False), "BatchNormalization 层 ['conv_norm'] 可训练"),
    ("15-2", "conv kept frozen", lambda: fine_tuning(freeze_conv=True), "卷积层 'conv' 还是冻结的"),
]

"""Lesson 06's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg


def _pair_model(encoder_a, encoder_b, *, output_name="same_digit"):
    image_a = keras.Input(shape=(8, 8, 1), name="image_a")
    image_b = keras.Input(shape=(8, 8, 1), name="image_b")
    pair = layers.Concatenate(name="pair")([encoder_a(image_a), encoder_b(image_b)])
    output = layers.Dense(1, activation="sigmoid", name=output_name)(pair)
    return keras.Model([image_a, image_b], output)


def two_encoders():
    return _pair_model(kfg.build_encoder(name="encoder_a"), kfg.build_encoder(name="encoder_b"))


def layers_inline():
    # The encoder's layers shared directly, not the encoder model.
    conv, flatten = layers.Conv2D(16, 3, padding="same", name="conv"), layers.Flatten(name="flatten")
    dense = layers.Dense(64, name="features")
    image_a = keras.Input(shape=(8, 8, 1), name="image_a")
    image_b = keras.Input(shape=(8, 8, 1), name="image_b")
    pair = layers.Concatenate(name="pair")([dense(flatten(conv(image_a))), dense(flatten(conv(image_b)))])
    return keras.Model([image_a, image_b], layers.Dense(1, activation="sigmoid", name="same_digit")(pair))


def unnamed_output():
    encoder = kfg.build_encoder()
    return _pair_model(encoder, encoder, output_name="output")


def wrong_encoder_size():
    encoder = kfg.build_encoder(feature_units=32)
    return _pair_model(encoder, encoder)


def whole_nested_model():
    nested = kfg.build_nested()
    return keras.Model(nested.input, nested.output)


def encoder_own_graph():
    return kfg.build_nested().get_layer("encoder")


def conv_features():
    nested = kfg.build_nested()
    encoder = nested.get_layer("encoder")
    return keras.Model(encoder.input, encoder.get_layer("conv").output)


def extended_encoder_graph():
    encoder = kfg.build_encoder()
    return keras.Model(encoder.input, layers.Dense(1, activation="sigmoid", name="parity")(encoder.output))


def softmax_parity():
    encoder = kfg.build_encoder()
    image = keras.Input(shape=(8, 8, 1), name="image")
    return keras.Model(image, layers.Dense(2, activation="softmax", name="parity")(encoder(image)))


def parity_on_flat_layers():
    image = keras.Input(shape=(8, 8, 1), name="image")
    net = layers.Flatten(name="flat")(layers.Conv2D(16, 3, padding="same", name="conv")(image))
    return keras.Model(image, layers.Dense(1, activation="sigmoid", name="parity")(net))


WRONG = [
    ("06-1", "build_encoder called twice, one encoder per input", two_encoders, "只调用一次 kfg.build_encoder()"),
    ("06-1", "the encoder's layers shared instead of the encoder model", layers_inline, "模型里没有嵌套的模型"),
    ("06-1", "output layer not named same_digit", unnamed_output, "模型应当有 1 个输出 ['same_digit']"),
    ("06-1", "an encoder of another size", wrong_encoder_size, "参数总数应当是 65,889"),
    ("06-2", "the whole nested model, digit included", whole_nested_model, "模型里还有 digit 层"),
    ("06-2", "the encoder itself, not its call inside nested", encoder_own_graph, "这是编码器自己的图"),
    ("06-2", "the convolution's output instead of the features", conv_features, "模型应当有 1 个输出 ['encoder']"),
    ("06-3", "parity added onto the encoder's own graph", extended_encoder_graph, "扩展的是编码器自己的图"),
    ("06-3", "two-unit softmax parity", softmax_parity, "输出 'parity' 的形状应当是 (1,)"),
    ("06-3", "layers written out instead of the encoder", parity_on_flat_layers,
     "在新的输入上调用 kfg.build_encoder() 返回的编码器"),
]

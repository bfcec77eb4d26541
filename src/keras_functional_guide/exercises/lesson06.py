"""Exercises of lesson 06 (§1.2 函数式 API 的特征), posed in ``notebooks/06_features.ipynb``.

All three call a model like a layer: the encoder of :func:`keras_functional_guide.build_encoder`.
"""

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_call_sources,
    expect_calls,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
    layers_of_class,
    output_names,
)

LESSON = "06_features.ipynb"

# build_encoder() at its default sizes: conv (3*3*1+1)*16 + features (8*8*16+1)*64.
ENCODER_PARAMS = (3 * 3 * 1 + 1) * 16 + (8 * 8 * 16 + 1) * 64


class SharedEncoderPair(Exercise):
    """06-1: one encoder model called on two inputs."""

    id = "06-1"
    hint = (
        "encoder = kfg.build_encoder() 只写一次；features_a = encoder(image_a)、"
        "features_b = encoder(image_b)，再 Concatenate、Dense，"
        "最后 keras.Model(inputs=[image_a, image_b], outputs=...)"
    )

    @staticmethod
    def solution():
        encoder = kfg.build_encoder()
        image_a = keras.Input(shape=(8, 8, 1), name="image_a")
        image_b = keras.Input(shape=(8, 8, 1), name="image_b")
        pair = layers.Concatenate(name="pair")([encoder(image_a), encoder(image_b)])  # 同一个 encoder，调用两次
        same_digit = layers.Dense(1, activation="sigmoid", name="same_digit")(pair)
        return keras.Model(inputs=[image_a, image_b], outputs=same_digit, name="same_digit_pair")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image_a": (8, 8, 1), "image_b": (8, 8, 1)})
        expect_outputs(model, {"same_digit": (1,)})
        encoders = layers_of_class(model, keras.Model)
        if not encoders:
            raise Wrong(
                "模型里没有嵌套的模型：不要把 Conv2D、Flatten、Dense 直接写进来，"
                "而是把 kfg.build_encoder() 返回的编码器模型当作一个层，在两个输入上各调用一次"
            )
        if len(encoders) > 1:
            names = [each.name for each in encoders]
            raise Wrong(
                f"模型里有 {len(encoders)} 个编码器 {names}：两个输入要共用同一个编码器（同一组权重），"
                "只调用一次 kfg.build_encoder()，再把这一个 encoder 在两个输入上各调用一次"
            )
        encoder = encoders[0]
        expect_calls(model, encoder.name, 2)
        expect_call_sources(model, encoder.name, ["image_a", "image_b"])
        layer(model, "pair", layers.Concatenate)
        expect_inbound(model, "pair", [encoder.name, encoder.name])
        expect_inbound(model, "same_digit", ["pair"])
        expect_params(model, ENCODER_PARAMS + (2 * 64 + 1))
        return f"两个输入共用同一个编码器（调用 2 次），拼接后输出 same_digit，共 {model.count_params():,} 个参数"


class NestedFeatures(Exercise):
    """06-2: a feature model from the nested classifier's input to the encoder's output in it."""

    id = "06-2"
    hint = "keras.Model(inputs=nested.input, outputs=nested.get_layer(\"digit\").input)"

    @staticmethod
    def solution():
        nested = kfg.build_nested()
        return keras.Model(inputs=nested.input, outputs=nested.get_layer("digit").input, name="nested_features")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        if "digit" in [each.name for each in model.layers]:
            raise Wrong(
                "模型里还有 digit 层：特征模型到编码器的输出为止，"
                "用 nested.get_layer(\"digit\").input（digit 层的输入）作为输出"
            )
        if output_names(model) == ["features"]:
            raise Wrong(
                "这是编码器自己的图（encoder.input → encoder.output），不是 nested 里的那一次调用："
                "输入用 nested.input，输出用 nested.get_layer(\"digit\").input"
            )
        expect_outputs(model, {"encoder": (64,)})
        encoder = layer(model, "encoder")
        if not isinstance(encoder, keras.Model):
            raise Wrong(f"层 'encoder' 应当是 nested 里的编码器模型，实际是 {type(encoder).__name__}")
        expect_params(model, ENCODER_PARAMS)
        return f"特征模型：image → encoder → 64 维特征，不含 digit 层，共 {model.count_params():,} 个参数"


class EncoderClassifier(Exercise):
    """06-3: the encoder called like a layer in a new parity classifier."""

    id = "06-3"
    hint = "image = keras.Input(shape=(8, 8, 1), name=\"image\")；parity = layers.Dense(...)(encoder(image))"

    @staticmethod
    def solution():
        encoder = kfg.build_encoder()
        image = keras.Input(shape=(8, 8, 1), name="image")
        parity = layers.Dense(1, activation="sigmoid", name="parity")(encoder(image))  # 编码器当作一层
        return keras.Model(inputs=image, outputs=parity, name="parity_classifier")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"parity": (1,)})
        encoders = layers_of_class(model, keras.Model)
        if not encoders:
            if "features" in [each.name for each in model.layers]:
                raise Wrong(
                    "模型里没有嵌套的模型：这是把 parity 接在了 encoder.output 上，扩展的是编码器自己的图；"
                    "要新建一个 keras.Input，在它上面调用 encoder(image)，再接 parity"
                )
            raise Wrong("模型里没有嵌套的模型：在新的输入上调用 kfg.build_encoder() 返回的编码器，把它当作一个层")
        if len(encoders) > 1:
            raise Wrong(f"模型里有 {len(encoders)} 个嵌套的模型：只要一个编码器")
        encoder = encoders[0]
        expect_inbound(model, encoder.name, ["image"])
        expect_inbound(model, "parity", [encoder.name])
        expect_params(model, ENCODER_PARAMS + (64 + 1))
        return f"编码器作为一层，后面接 parity：共 {model.count_params():,} 个参数"

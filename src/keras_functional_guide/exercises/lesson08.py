"""Exercises of lesson 08 (§1.4 Model), posed in ``notebooks/08_model.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_dict,
    expect_inbound,
    expect_inputs,
    expect_keys_are_names,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
    output_names,
)

LESSON = "08_model.ipynb"


class PluralKeywords(Exercise):
    """08-1: fix a Model(input=..., output=...) call copied from the tutorial."""

    id = "08-1"
    hint = (
        "关键字是复数：keras.Model(inputs=features, outputs=score, name=\"scorer\")，"
        "或者按位置 keras.Model(features, score, name=\"scorer\")"
    )

    @staticmethod
    def solution():
        features = keras.Input(shape=(16,), name="features")
        hidden = layers.Dense(8, activation="relu", name="hidden")(features)
        score = layers.Dense(1, activation="sigmoid", name="score")(hidden)
        return keras.Model(inputs=features, outputs=score, name="scorer")  # 复数的 inputs、outputs

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"features": (16,)})
        if output_names(model) == ["hidden"]:
            raise Wrong("模型的输出是 'hidden' 层的张量：outputs 应当是最后一层 'score' 的输出 score")
        expect_outputs(model, {"score": (1,)})
        layer(model, "hidden", layers.Dense)
        expect_inbound(model, "hidden", ["features"])
        expect_inbound(model, "score", ["hidden"])
        expect_params(model, 16 * 8 + 8 + 8 * 1 + 1)
        if model.name != "scorer":
            raise Wrong(f"模型的名字应当是 'scorer'，实际是 {model.name!r}：别忘了 keras.Model(..., name=\"scorer\")")
        return "keras.Model(inputs=features, outputs=score, name=\"scorer\")：关键字是复数的 inputs、outputs"


class DictInputsOutputs(Exercise):
    """08-2: inputs and outputs as dicts keyed by name."""

    id = "08-2"
    hint = "inputs={\"left\": left, \"right\": right}，outputs={\"score\": score, \"embedding\": embedding}：键与名字相同"

    @staticmethod
    def solution():
        left = keras.Input(shape=(3,), name="left")
        right = keras.Input(shape=(2,), name="right")
        merged = layers.Concatenate(name="merged")([left, right])
        score = layers.Dense(1, name="score")(merged)
        embedding = layers.Dense(4, name="embedding")(merged)
        return keras.Model(
            inputs={"left": left, "right": right},
            outputs={"score": score, "embedding": embedding},
            name="two_by_two_dict",
        )

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"left": (3,), "right": (2,)})
        expect_outputs(model, {"score": (1,), "embedding": (4,)})
        expect_dict(model.input, ["left", "right"], "模型的输入")
        expect_dict(model.output, ["score", "embedding"], "模型的输出")
        expect_keys_are_names(model)
        layer(model, "merged", layers.Concatenate)
        expect_inbound(model, "merged", ["left", "right"])
        expect_inbound(model, "score", ["merged"])
        expect_inbound(model, "embedding", ["merged"])
        return "输入 {'left', 'right'}、输出 {'score', 'embedding'} 都是字典，键就是名字"


_FEATURE_CHAIN = ("image", "conv1", "conv2", "block1_maxpool", "flatten")


class FlattenFeatures(Exercise):
    """08-3: a feature model from an intermediate layer's output."""

    id = "08-3"
    hint = "keras.Model(inputs=example.input, outputs=example.get_layer(\"flatten\").output, name=\"flatten_features\")"

    @staticmethod
    def solution():
        example = kfg.build_sequential_equivalent(input_shape=(8, 8, 1), filters=4, fc_units=16, name="tutorial_example")
        return keras.Model(
            inputs=example.input, outputs=example.get_layer("flatten").output, name="flatten_features"
        )

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        got = output_names(model)
        if len(got) == 1 and got[0] != "flatten":
            raise Wrong(
                f"模型的输出来自层 {got[0]!r}，应当来自 'flatten'：写 outputs=example.get_layer(\"flatten\").output"
            )
        expect_outputs(model, {"flatten": (64,)})
        for extra in ("fc", "predictions"):
            if extra in [each.name for each in model.layers]:
                raise Wrong(f"特征模型里不该有层 {extra!r}：它在 'flatten' 之后")
        for previous, name in zip(_FEATURE_CHAIN, _FEATURE_CHAIN[1:]):
            expect_inbound(model, name, [previous])
        expect_params(model, 40 + 148)
        if model.name != "flatten_features":
            raise Wrong(f"模型的名字应当是 'flatten_features'，实际是 {model.name!r}：写 keras.Model(..., name=\"flatten_features\")")
        return "特征模型 image → … → flatten：每张图片得到 64 维特征，用的是原模型的层（权重共享）"

"""Exercises of lesson 12 (延伸：读取与复用计算图), posed in ``notebooks/12_reading_the_graph.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    expect_params,
    expect_reused,
    functional_model,
    layer,
    output_names,
)

LESSON = "12_reading_the_graph.ipynb"


class IntermediateOutputs(Exercise):
    """12-1: a feature model with two intermediate outputs of a multi-output model."""

    id = "12-1"
    hint = "keras.Model(inputs=model.input, outputs={\"conv\": model.get_layer(\"conv\").output, \"hidden\": ...})"

    @staticmethod
    def solution():
        multi_output = kfg.build_multi_output()
        return keras.Model(
            inputs=multi_output.input,
            outputs={name: multi_output.get_layer(name).output for name in ("conv", "hidden")},
            name="multi_output_features",
        )

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        finals = [name for name in output_names(model) if name in ("digit", "parity")]
        if finals:
            raise Wrong(
                f"输出里有原模型的最终输出 {finals}：特征模型要的是中间层，"
                "用 model.get_layer(\"conv\").output 和 model.get_layer(\"hidden\").output"
            )
        expect_outputs(model, {"conv": (8, 8, 16), "hidden": (64,)})
        layer(model, "conv", layers.Conv2D)
        expect_inbound(model, "hidden", ["flatten"])
        return "特征模型从 image 出发，输出 conv (8, 8, 16) 和 hidden (64,) 两个中间结果"


class InnerLayer(Exercise):
    """12-2: the output of a layer inside a nested model."""

    id = "12-2"
    hint = "encoder = nested.get_layer(\"encoder\")，再 keras.Model(encoder.input, encoder.get_layer(\"flatten\").output)"

    @staticmethod
    def solution():
        inner = kfg.build_nested().get_layer("encoder")
        return keras.Model(inner.input, inner.get_layer("flatten").output, name="flatten_features")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        names = output_names(model)
        if "digit" in names:
            raise Wrong("输出是整个分类器的 digit：要的是编码器内部 flatten 层的输出，先 nested.get_layer(\"encoder\")")
        if "encoder" in names or "features" in names:
            raise Wrong("输出是编码器的最终特征 (64,)：要更早的一层，用 encoder.get_layer(\"flatten\").output")
        expect_outputs(model, {"flatten": (1024,)})
        layer(model, "conv", layers.Conv2D)
        expect_params(model, 3 * 3 * 1 * 16 + 16)
        return "模型从编码器的输入 image 出发，输出编码器内部 flatten 层的 1024 维向量"


class GradCamModel(Exercise):
    """12-3: the model Grad-CAM needs, from a nested model's layers."""

    id = "12-3"
    hint = (
        "conv_maps = encoder.get_layer(\"conv\")(image)；……；"
        "keras.Model(image, [conv_maps, nested.get_layer(\"digit\")(features)])"
    )

    @staticmethod
    def solution():
        nested = kfg.build_nested()
        encoder = nested.get_layer("encoder")
        image = keras.Input(shape=(8, 8, 1), name="image")
        conv_maps = encoder.get_layer("conv")(image)
        features = encoder.get_layer("features")(encoder.get_layer("flatten")(conv_maps))
        return keras.Model(image, [conv_maps, nested.get_layer("digit")(features)], name="grad_model")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        names = output_names(model)
        if names == ["digit", "conv"]:
            raise Wrong("输出的顺序反了：要 [conv 的输出, digit 的输出]，先特征图，后预测")
        if names == ["digit"]:
            raise Wrong("只有预测 digit 一个输出：Grad-CAM 还要同一次计算里 conv 的特征图，outputs=[conv_maps, digit]")
        if names == ["conv", "features"]:
            raise Wrong(
                "第二个输出是编码器的 features (64,)，不是预测：在它上面再调用外层模型的 "
                "nested.get_layer(\"digit\")"
            )
        expect_outputs(model, {"conv": (8, 8, 16), "digit": (10,)})
        if names != ["conv", "digit"]:
            raise Wrong(f"输出应当是列表 [conv 的输出, digit 的输出]，实际是 {names}")
        layer(model, "conv", layers.Conv2D)
        digit = layer(model, "digit", layers.Dense)
        expect_params(model, 3 * 3 * 1 * 16 + 16 + 1024 * 64 + 64 + 64 * 10 + 10)
        # A layer taken from the nested model keeps its call there; a new one is called only here.
        expect_reused(digit, "用 nested.get_layer(\"digit\") 和 encoder.get_layer(...) 取出原来的层，在新的 Input 上再调用一次")
        return "模型从 image 出发，用原模型的层输出 [conv (8, 8, 16), digit (10,)]：特征图和预测来自同一次计算"


class PoolThenMerge(Exercise):
    """12-4: pool a feature map to a vector before concatenating it with a vector input."""

    id = "12-4"
    hint = (
        "pooled = layers.GlobalAveragePooling2D(name=\"pool\")(conv)；"
        "layers.Concatenate(name=\"merged\")([pooled, query])"
    )

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        query = keras.Input(shape=(10,), name="query")
        conv = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
        pooled = layers.GlobalAveragePooling2D(name="pool")(conv)
        merged = layers.Concatenate(name="merged")([pooled, query])
        digit = layers.Dense(10, activation="softmax", name="digit")(merged)
        return keras.Model({"image": image, "query": query}, digit, name="pooled_merge")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1), "query": (10,)})
        expect_outputs(model, {"digit": (10,)})
        merged = layer(model, "merged", layers.Concatenate)
        width = tuple(merged.output.shape[1:])
        if width == (8 * 8 * 16 + 10,):
            raise Wrong(
                "merged 有 1034 维：特征图是用 Flatten 展开的。题目要 layers.GlobalAveragePooling2D(name=\"pool\")，"
                "每个通道取平均，得到 16 个数，拼上 query 是 26 维"
            )
        if width != (16 + 10,):
            raise Wrong(f"merged 的形状应当是 (26,)（池化后的 16 个数 + query 的 10 个数），实际是 {width}")
        layer(model, "conv", layers.Conv2D)
        layer(model, "pool", layers.GlobalAveragePooling2D)
        expect_inbound(model, "pool", ["conv"])
        expect_inbound(model, "merged", ["pool", "query"])
        expect_inbound(model, "digit", ["merged"])
        expect_params(model, 3 * 3 * 1 * 16 + 16 + 26 * 10 + 10)
        return "特征图先池化成 16 个数，再与 query 拼接成 26 维，交给 digit"

"""Exercises of lesson 13 (延伸：一张图，多个模型), posed in ``notebooks/13_one_graph_many_models.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

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
)

LESSON = "13_one_graph_many_models.ipynb"


class SharedDecoder(Exercise):
    """13-1: a decoder made of an autoencoder's own layers."""

    id = "13-1"
    hint = (
        "code_input = keras.Input(shape=(16,), name=\"code_input\")；"
        "x = flat.get_layer(\"pixels\")(code_input)；再调用 reconstruction"
    )

    @staticmethod
    def solution():
        flat_image = keras.Input(shape=(8, 8, 1), name="image")
        x = layers.Flatten(name="flatten")(flat_image)
        x = layers.Dense(16, activation="relu", name="code")(x)
        x = layers.Dense(64, activation="sigmoid", name="pixels")(x)
        flat = keras.Model(flat_image, layers.Reshape((8, 8, 1), name="reconstruction")(x), name="flat_autoencoder")

        code_input = keras.Input(shape=(16,), name="code_input")
        decoded = flat.get_layer("reconstruction")(flat.get_layer("pixels")(code_input))
        return keras.Model(code_input, decoded, name="flat_decoder")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        names = [tensor.name for tensor in model.inputs]
        if len(names) == 1 and names[0] != "code_input" and tuple(model.inputs[0].shape[1:]) == (16,):
            raise Wrong(
                f"输入名是 {names[0]!r}：不要把中间张量（code 层的输出）直接当作输入，"
                "新建 keras.Input(shape=(16,), name=\"code_input\")，再在它上面调用 pixels 和 reconstruction"
            )
        expect_inputs(model, {"code_input": (16,)})
        expect_outputs(model, {"reconstruction": (8, 8, 1)})
        pixels = layer(model, "pixels", layers.Dense)
        expect_inbound(model, "reconstruction", ["pixels"])
        expect_params(model, 16 * 64 + 64)
        expect_reused(pixels, "用 flat.get_layer(\"pixels\") 取出自编码器的那个层，在 code_input 上再调用一次，解码器才与自编码器共用权重")
        return "解码器从 code_input (16,) 出发，调用自编码器的 pixels 和 reconstruction 层，与自编码器共用权重"


class AverageEnsemble(Exercise):
    """13-2: an ensemble averaging two member models."""

    id = "13-2"
    hint = (
        "members = [make_member(\"member_a\"), make_member(\"member_b\")]；"
        "layers.Average(name=\"average\")([m(image) for m in members])"
    )

    @staticmethod
    def solution():
        def make_member(name):
            member_image = keras.Input(shape=(8, 8, 1), name="image")
            flat = layers.Flatten(name="flatten")(member_image)
            return keras.Model(member_image, layers.Dense(10, activation="softmax", name="digit")(flat), name=name)

        image = keras.Input(shape=(8, 8, 1), name="image")
        pair = [make_member("member_a"), make_member("member_b")]
        return keras.Model(image, layers.Average(name="average")([member(image) for member in pair]), name="ensemble")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"average": (10,)})
        layer(model, "average", layers.Average)
        for name in ("member_a", "member_b"):
            member = layer(model, name)
            if not isinstance(member, keras.Model):
                raise Wrong(
                    f"{name!r} 是一个 {type(member).__name__} 层，不是模型：先用 keras.Input → Flatten → Dense "
                    f"搭一个 keras.Model(..., name={name!r})，再把这个模型在 image 上调用"
                )
        expect_inbound(model, "average", ["member_a", "member_b"])
        expect_params(model, 2 * (64 * 10 + 10))
        return "集成模型把两个成员模型 member_a、member_b 都在 image 上调用，再用 Average 求平均"

"""Exercises of notebooks/13_one_graph_many_models.ipynb: several models from the same layers."""

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

LESSON = "13_one_graph_many_models.ipynb"


def _flat_autoencoder():
    """The flat autoencoder of the lesson's first section: one graph, five layers."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    code = layers.Dense(16, activation="relu", name="code")(flat)
    pixels = layers.Dense(64, activation="sigmoid", name="pixels")(code)
    reconstruction = layers.Reshape((8, 8, 1), name="reconstruction")(pixels)
    return keras.Model(image, reconstruction, name="flat_autoencoder")


def _grade_decoder(answer):
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
    if len(pixels._inbound_nodes) < 2:
        raise Wrong(
            "pixels 层只在解码器里被调用过，是一个新建的层：用 flat.get_layer(\"pixels\") 取出自编码器的那个层，"
            "在 code_input 上再调用一次，解码器才与自编码器共用权重"
        )
    return "解码器从 code_input (16,) 出发，调用自编码器的 pixels 和 reconstruction 层，与自编码器共用权重"


def _solve_decoder():
    flat = _flat_autoencoder()
    code_input = keras.Input(shape=(16,), name="code_input")
    pixels = flat.get_layer("pixels")(code_input)
    reconstruction = flat.get_layer("reconstruction")(pixels)
    return keras.Model(code_input, reconstruction, name="flat_decoder")


def _grade_ensemble(answer):
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


def _member(name):
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    return keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(flat), name=name)


def _solve_ensemble():
    image = keras.Input(shape=(8, 8, 1), name="image")
    members = [_member("member_a"), _member("member_b")]
    average = layers.Average(name="average")([member(image) for member in members])
    return keras.Model(image, average, name="ensemble")


class Exercise_13_1(Exercise):
    id = '13-1'
    hint = ("code_input = keras.Input(shape=(16,), name=\"code_input\")；x = flat.get_layer(\"pixels\")(code_input)；再调用 reconstruction")
    solution = staticmethod(_solve_decoder)
    grade = staticmethod(_grade_decoder)


class Exercise_13_2(Exercise):
    id = '13-2'
    hint = ("members = [make(\"member_a\"), make(\"member_b\")]；layers.Average(name=\"average\")([m(image) for m in members])")
    solution = staticmethod(_solve_ensemble)
    grade = staticmethod(_grade_ensemble)

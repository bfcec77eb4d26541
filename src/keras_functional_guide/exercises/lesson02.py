"""Exercises of lesson 02 (§1.1 多输入模型), posed in ``notebooks/02_multi_input.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import graph
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_dense,
    expect_dict,
    expect_inbound,
    expect_inputs,
    expect_integer_input,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
)

LESSON = "02_multi_input.ipynb"



class ThirdInput(Exercise):
    """02-1: add a third input, ink, to the lesson's multi-input model."""

    id = "02-1"
    hint = (
        "先写 ink = keras.Input(shape=(1,), name=\"ink\")，再把它加进 "
        "layers.Concatenate(name=\"merge\")([image_features, query_features, ink]) 的列表，"
        "最后 inputs={\"image\": image, \"query\": query, \"ink\": ink}"
    )

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        query = keras.Input(shape=(1,), dtype="int32", name="query")
        ink = keras.Input(shape=(1,), name="ink")

        image_features = layers.Conv2D(16, 3, padding="same", activation="relu", name="image_conv")(image)
        image_features = layers.Flatten(name="image_flatten")(image_features)
        query_features = layers.Embedding(10, 8, name="query_embedding")(query)
        query_features = layers.Flatten(name="query_flatten")(query_features)

        merged = layers.Concatenate(name="merge")([image_features, query_features, ink])
        hidden = layers.Dense(64, activation="relu", name="hidden")(merged)
        match = layers.Dense(1, activation="sigmoid", name="match")(hidden)
        return keras.Model(
            inputs={"image": image, "query": query, "ink": ink}, outputs={"match": match}, name="three_inputs"
        )

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expected = {"image": (8, 8, 1), "query": (1,), "ink": (1,)}
        unnamed = [tensor.name for tensor in model.inputs if tensor.name not in expected]
        if unnamed and "ink" not in [tensor.name for tensor in model.inputs]:
            raise Wrong(
                f"有一个输入没有起名 'ink'（它现在叫 {unnamed[0]!r}，是 Keras 自动起的名字）："
                "写 keras.Input(shape=(1,), name=\"ink\")"
            )
        expect_inputs(model, expected)
        expect_dict(model.input, list(expected), "模型的输入", why="本题要以名字为键的字典")
        ink_dtype = next(str(tensor.dtype) for tensor in model.inputs if tensor.name == "ink")
        if not ink_dtype.startswith("float"):
            raise Wrong(f"输入 'ink' 是一个浮点数，dtype 应当是 float32，实际是 {ink_dtype}：去掉 dtype=...，或写 dtype=\"float32\"")
        expect_integer_input(model, "query", "它是送进 Embedding 的整数编号")
        expect_outputs(model, {"match": (1,)})
        layer(model, "merge", layers.Concatenate)
        merged_from = graph.inbound_layers(model, "merge")
        if "ink" not in merged_from:
            raise Wrong(
                f"输入 'ink' 没有接到拼接层 'merge' 上（'merge' 现在拼接的是 {merged_from}）："
                "把 ink 放进 layers.Concatenate(name=\"merge\")([...]) 的列表里"
            )
        expect_inbound(model, "merge", ["image_flatten", "query_flatten", "ink"])
        expect_dense(model, "hidden", 64, "relu")
        expect_inbound(model, "hidden", ["merge"])
        expect_dense(model, "match", 1, "sigmoid")
        expect_inbound(model, "match", ["hidden"])
        expect_params(model, 66_481)
        return "三个输入 image、query、ink 在 merge 处汇合（1,024 + 8 + 1 = 1,033 维），共 66,481 个参数"


class TwoBranches(Exercise):
    """02-2: two inputs, each through its own Dense branch, merged."""

    id = "02-2"
    hint = (
        "两个 keras.Input(shape=(8,), name=...)；每个输入各调用一个新建的 Dense 层；"
        "layers.Concatenate(name=\"merge\")([两个 Dense 的输出])；最后 Dense(10, softmax, name=\"digit\")"
    )

    @staticmethod
    def solution():
        rows = keras.Input(shape=(8,), name="rows")
        columns = keras.Input(shape=(8,), name="columns")
        rows_features = layers.Dense(16, activation="relu", name="rows_dense")(rows)
        columns_features = layers.Dense(16, activation="relu", name="columns_dense")(columns)
        merged = layers.Concatenate(name="merge")([rows_features, columns_features])
        digit = layers.Dense(10, activation="softmax", name="digit")(merged)
        return keras.Model(inputs={"rows": rows, "columns": columns}, outputs={"digit": digit}, name="two_branches")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"rows": (8,), "columns": (8,)})
        expect_dict(model.input, ["rows", "columns"], "模型的输入", why="本题要以名字为键的字典")
        expect_outputs(model, {"digit": (10,)})
        layer(model, "merge", layers.Concatenate)
        merged_from = graph.inbound_layers(model, "merge")
        if sorted(merged_from) == ["columns", "rows"]:
            raise Wrong(
                "'merge' 直接拼接了两个输入：本题要先让 rows 和 columns 各自经过自己的 Dense 层"
                "（rows_dense、columns_dense），再拼接这两个 Dense 层的输出"
            )
        for branch in ("rows", "columns"):
            name = f"{branch}_dense"
            expect_dense(model, name, 16, "relu")
            calls = graph.call_count(model, name)
            if calls != 1:
                raise Wrong(
                    f"层 {name!r} 在模型里被调用了 {calls} 次：两个输入共用了一个 Dense 层。"
                    "本题要两条各自独立的支路：为每个输入各新建一个 layers.Dense(16, ...)"
                )
            expect_inbound(model, name, [branch])
        expect_inbound(model, "merge", ["rows_dense", "columns_dense"])
        expect_dense(model, "digit", 10, "softmax")
        expect_inbound(model, "digit", ["merge"])
        expect_params(model, 618)
        return "rows 和 columns 各走一条 Dense 支路，在 merge 处汇合，再由 digit 输出 10 个概率；共 618 个参数"

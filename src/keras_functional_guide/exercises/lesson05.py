"""Exercises of lesson 05 (§1.1 有共享权重的层), posed in ``notebooks/05_shared_layers.ipynb``.

Both share layers between two inputs: create a layer once, call it on each input.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import graph
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_calls,
    expect_dense,
    expect_inbound,
    expect_call_sources,
    expect_embedding,
    expect_inputs,
    expect_integer_input,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
    layers_of_class,
)

LESSON = "05_shared_layers.ipynb"


def _expect_one_shared(model, layer_class, name, inputs):
    """Checks that ``name`` is the only ``layer_class`` layer and is called once on each of ``inputs``."""
    found = layers_of_class(model, layer_class)
    if len(found) > 1:
        names = "、".join(each.name for each in found)
        counts = [graph.call_count(model, each.name) for each in found]
        called = "各只被调用一次" if set(counts) == {1} else f"分别被调用 {'、'.join(map(str, counts))} 次"
        raise Wrong(
            f"模型里有 {len(found)} 个 {layer_class.__name__} 层（{names}），{called}，没有共享："
            f"只创建一个 {name}，再把这同一个层实例在 {' 和 '.join(inputs)} 上各调用一次"
        )
    layer(model, name, layer_class)
    expect_calls(model, name, len(inputs))


def _expect_one_shared_tower(model):
    once = [each.name for each in layers_of_class(model, layers.Dense) if graph.call_count(model, each.name) == 1]
    if once:
        raise Wrong(
            f"Dense 层 {once} 各只被调用一次：塔没有共享。只创建 tower_hidden 和 tower_output 两个层实例，"
            "在 vector_a 和 vector_b 上各调用一次"
        )
    for name in ("tower_hidden", "tower_output"):
        layer(model, name, layers.Dense)
        expect_calls(model, name, 2)


class SharedEmbedding(Exercise):
    """05-1: two integer sequences embedded by one shared Embedding layer."""

    id = "05-1"
    hint = (
        "先创建 embed = layers.Embedding(1000, 16, name=\"shared_embedding\") 和 pool，"
        "再写 vector_a = pool(embed(question_a))、vector_b = pool(embed(question_b))"
    )

    @staticmethod
    def solution():
        question_a = keras.Input(shape=(20,), dtype="int32", name="question_a")
        question_b = keras.Input(shape=(20,), dtype="int32", name="question_b")
        embed = layers.Embedding(1000, 16, name="shared_embedding")   # 只创建一次
        pool = layers.GlobalAveragePooling1D(name="pool")
        vector_a = pool(embed(question_a))                              # 第一次调用
        vector_b = pool(embed(question_b))                              # 第二次调用：同一张嵌入表
        merged = layers.Concatenate(name="merged")([vector_a, vector_b])
        duplicate = layers.Dense(1, activation="sigmoid", name="duplicate")(merged)
        return keras.Model(
            inputs={"question_a": question_a, "question_b": question_b},
            outputs={"duplicate": duplicate},
            name="shared_embedding_model",
        )

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"question_a": (20,), "question_b": (20,)})
        for name in ("question_a", "question_b"):
            expect_integer_input(model, name, "词的编号是整数")
        expect_outputs(model, {"duplicate": (1,)})
        _expect_one_shared(model, layers.Embedding, "shared_embedding", ["question_a", "question_b"])
        expect_call_sources(model, "shared_embedding", ["question_a", "question_b"])
        expect_embedding(model, "shared_embedding", 1000, 16)
        tables = [variable for variable in model.weights if tuple(variable.shape) == (1000, 16)]
        if len(tables) != 1:
            raise Wrong(f"模型里有 {len(tables)} 张 1000×16 的嵌入表，应当只有 1 张：两个输入要用同一个 Embedding")
        _expect_one_shared(model, layers.GlobalAveragePooling1D, "pool", ["question_a", "question_b"])
        layer(model, "merged", layers.Concatenate)
        expect_inbound(model, "merged", ["pool", "pool"])
        expect_inbound(model, "duplicate", ["merged"])
        expect_params(model, 16_033)
        return "shared_embedding 被调用 2 次（question_a、question_b），只有 1 张嵌入表，共 16,033 个参数"


class SiameseTower(Exercise):
    """05-2: a siamese pair, one Dense tower called on both vectors, compared by cosine similarity."""

    id = "05-2"
    hint = (
        "先创建 hidden = layers.Dense(32, ...) 和 output = layers.Dense(16, ...)，"
        "再写 embedding_a = output(hidden(vector_a))、embedding_b = output(hidden(vector_b))，"
        "最后 layers.Dot(axes=1, normalize=True, name=\"similarity\")([embedding_a, embedding_b])"
    )

    @staticmethod
    def solution():
        vector_a = keras.Input(shape=(64,), name="vector_a")
        vector_b = keras.Input(shape=(64,), name="vector_b")
        hidden = layers.Dense(32, activation="relu", name="tower_hidden")
        output = layers.Dense(16, name="tower_output")
        embedding_a = output(hidden(vector_a))
        embedding_b = output(hidden(vector_b))
        similarity = layers.Dot(axes=1, normalize=True, name="similarity")([embedding_a, embedding_b])
        return keras.Model(
            inputs={"vector_a": vector_a, "vector_b": vector_b},
            outputs={"similarity": similarity},
            name="dense_siamese",
        )

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"vector_a": (64,), "vector_b": (64,)})
        expect_outputs(model, {"similarity": (1,)})
        nested = [each.name for each in layers_of_class(model, keras.Model)]
        if nested:
            raise Wrong(
                f"塔被包成了嵌套模型 {nested}：本题请直接把 tower_hidden 和 tower_output 这两个层实例"
                "在两个输入上各调用一次（把模型当作层来调用是第 06 课的内容）"
            )
        _expect_one_shared_tower(model)
        expect_call_sources(model, "tower_hidden", ["vector_a", "vector_b"])
        expect_inbound(model, "tower_output", ["tower_hidden"], call=0)
        expect_inbound(model, "tower_output", ["tower_hidden"], call=1)
        expect_dense(model, "tower_hidden", 32, "relu")
        expect_dense(model, "tower_output", 16, "linear")
        similarity = layer(model, "similarity", layers.Dot)
        expect_inbound(model, "similarity", ["tower_output", "tower_output"])
        if not similarity.normalize:
            raise Wrong(
                "similarity 算的是点积，不是余弦相似度：写 layers.Dot(axes=1, normalize=True, name=\"similarity\")，"
                "先把两个嵌入归一化再相乘"
            )
        expect_params(model, 2_608)
        return "tower_hidden 与 tower_output 各被调用 2 次（vector_a、vector_b），一套权重，共 2,608 个参数"

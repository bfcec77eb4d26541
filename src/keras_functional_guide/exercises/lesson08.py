"""Exercises of ``notebooks/08_model.ipynb`` (§1.4 Model)."""

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
    output_names,
)

LESSON = "08_model.ipynb"


# 08-1: fix a broken Model(input=..., output=...) call.

def _solution_08_1():
    features = keras.Input(shape=(16,), name="features")
    hidden = layers.Dense(8, activation="relu", name="hidden")(features)
    score = layers.Dense(1, activation="sigmoid", name="score")(hidden)
    return keras.Model(inputs=features, outputs=score, name="scorer")


def _grade_08_1(answer):
    model = functional_model(answer)
    expect_inputs(model, {"features": (16,)})
    got = output_names(model)
    if got == ["hidden"]:
        raise Wrong("模型的输出是 'hidden' 层的张量：outputs 应当是最后一层 'score' 的输出 score")
    expect_outputs(model, {"score": (1,)})
    layer(model, "hidden", layers.Dense)
    expect_inbound(model, "hidden", ["features"])
    expect_inbound(model, "score", ["hidden"])
    expect_params(model, 16 * 8 + 8 + 8 * 1 + 1)
    if model.name != "scorer":
        raise Wrong(f"模型的名字应当是 'scorer'，实际是 {model.name!r}：别忘了 keras.Model(..., name=\"scorer\")")
    return "keras.Model(inputs=features, outputs=score, name=\"scorer\")：关键字是复数的 inputs、outputs"


# 08-2: dict inputs and dict outputs.

def _solution_08_2():
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


def _expect_dict(structure, names, what):
    if not isinstance(structure, dict):
        kind = type(structure).__name__
        raise Wrong(
            f"模型的{what}是 {kind}，不是字典：把 {what}写成以名字为键的字典，"
            f"例如 {{{', '.join(f'{name!r}: {name}' for name in names)}}}"
        )
    if sorted(structure) != sorted(names):
        raise Wrong(f"{what}字典的键应当是 {sorted(names)}，实际是 {sorted(structure)}：键要与张量（层）的名字一致")


def _grade_08_2(answer):
    model = functional_model(answer)
    expect_inputs(model, {"left": (3,), "right": (2,)})
    expect_outputs(model, {"score": (1,), "embedding": (4,)})
    _expect_dict(model.input, ["left", "right"], "输入")
    _expect_dict(model.output, ["score", "embedding"], "输出")
    for key, tensor in model.output.items():
        name = tensor._keras_history.operation.name
        if key != name:
            raise Wrong(f"输出字典的键 {key!r} 对应的是层 {name!r} 的输出：键要与层的名字一致")
    layer(model, "merged", layers.Concatenate)
    expect_inbound(model, "merged", ["left", "right"])
    expect_inbound(model, "score", ["merged"])
    expect_inbound(model, "embedding", ["merged"])
    return "输入 {'left', 'right'}、输出 {'score', 'embedding'} 都是字典，键就是名字"


# 08-3: an intermediate layer's output as a feature model.

_FEATURE_CHAIN = ("image", "conv1", "conv2", "block1_maxpool", "flatten")


def _solution_08_3():
    from keras_functional_guide.sequential import build_sequential_equivalent

    example = build_sequential_equivalent(input_shape=(8, 8, 1), filters=4, fc_units=16, name="tutorial_example")
    return keras.Model(inputs=example.input, outputs=example.get_layer("flatten").output, name="flatten_features")


def _grade_08_3(answer):
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
    return "特征模型 image → … → flatten：每张图片得到 64 维特征，用的是原模型的层（权重共享）"


class Exercise_08_1(Exercise):
    id = '08-1'
    hint = ("关键字是复数：keras.Model(inputs=features, outputs=score, name=\"scorer\")，或者按位置 keras.Model(features, score, name=\"scorer\")")
    solution = staticmethod(_solution_08_1)
    grade = staticmethod(_grade_08_1)


class Exercise_08_2(Exercise):
    id = '08-2'
    hint = ("inputs={\"left\": left, \"right\": right}，outputs={\"score\": score, \"embedding\": embedding}：键与名字相同")
    solution = staticmethod(_solution_08_2)
    grade = staticmethod(_grade_08_2)


class Exercise_08_3(Exercise):
    id = '08-3'
    hint = ("keras.Model(inputs=example.input, outputs=example.get_layer(\"flatten\").output, name=\"flatten_features\")")
    solution = staticmethod(_solution_08_3)
    grade = staticmethod(_grade_08_3)

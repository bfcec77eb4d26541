"""Exercises of notebooks/12_reading_the_graph.ipynb: models made from another model's graph."""

from tensorflow import keras

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

LESSON = "12_reading_the_graph.ipynb"


def _grade_features(answer):
    model = functional_model(answer)
    expect_inputs(model, {"image": (8, 8, 1)})
    finals = [name for name in output_names(model) if name in ("digit", "parity")]
    if finals:
        raise Wrong(
            f"输出里有原模型的最终输出 {finals}：特征模型要的是中间层，"
            "用 model.get_layer(\"conv\").output 和 model.get_layer(\"hidden\").output"
        )
    expect_outputs(model, {"conv": (8, 8, 16), "hidden": (64,)})
    layer(model, "conv", keras.layers.Conv2D)
    expect_inbound(model, "hidden", ["flatten"])
    return "特征模型从 image 出发，输出 conv (8, 8, 16) 和 hidden (64,) 两个中间结果"


def _solve_features():
    model = _build("build_multi_output")
    outputs = {name: model.get_layer(name).output for name in ("conv", "hidden")}
    return keras.Model(inputs=model.input, outputs=outputs, name="multi_output_features")


def _grade_inner_layer(answer):
    model = functional_model(answer)
    expect_inputs(model, {"image": (8, 8, 1)})
    names = output_names(model)
    if "digit" in names:
        raise Wrong("输出是整个分类器的 digit：要的是编码器内部 flatten 层的输出，先 nested.get_layer(\"encoder\")")
    if "encoder" in names or "features" in names:
        raise Wrong(
            "输出是编码器的最终特征 (64,)：要更早的一层，用 encoder.get_layer(\"flatten\").output"
        )
    expect_outputs(model, {"flatten": (1024,)})
    layer(model, "conv", keras.layers.Conv2D)
    expect_params(model, 3 * 3 * 1 * 16 + 16)
    return "模型从编码器的输入 image 出发，输出编码器内部 flatten 层的 1024 维向量"


def _solve_inner_layer():
    encoder = _build("build_nested").get_layer("encoder")
    return keras.Model(inputs=encoder.input, outputs=encoder.get_layer("flatten").output, name="flatten_features")


def _build(builder):
    import keras_functional_guide as kfg

    return getattr(kfg, builder)()


EXERCISES = (
    Exercise(
        id="12-1",
        lesson=LESSON,
        title="从多输出模型取出两个中间输出",
        statement=(
            "用 `kfg.build_multi_output()` 搭一个模型，再从它的计算图做一个特征提取模型：输入就是原模型的输入 "
            "`image`（形状 (8, 8, 1)），输出是一个字典，包含卷积层 `conv` 的输出（形状 (8, 8, 16)）和全连接层 "
            "`hidden` 的输出（形状 (64,)）。不要新建层。把特征提取模型赋给 `answer`。"
        ),
        grade=_grade_features,
        solution=_solve_features,
        hint="keras.Model(inputs=model.input, outputs={\"conv\": model.get_layer(\"conv\").output, \"hidden\": ...})",
    ),
    Exercise(
        id="12-2",
        lesson=LESSON,
        title="取出嵌套模型内部的一层",
        statement=(
            "`kfg.build_nested()` 里的 `encoder` 层本身是一个模型。做一个新模型：输入是编码器自己的输入 `image`"
            "（形状 (8, 8, 1)），输出是编码器内部 `flatten` 层的输出（形状 (1024,)）。把这个模型赋给 `answer`。"
        ),
        grade=_grade_inner_layer,
        solution=_solve_inner_layer,
        hint="encoder = nested.get_layer(\"encoder\")，再 keras.Model(encoder.input, encoder.get_layer(\"flatten\").output)",
    ),
)

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


def _grade_grad_model(answer):
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
    layer(model, "conv", keras.layers.Conv2D)
    digit = layer(model, "digit", keras.layers.Dense)
    expect_params(model, 3 * 3 * 1 * 16 + 16 + 1024 * 64 + 64 + 64 * 10 + 10)
    # A layer taken from the nested model keeps its node there; a new one is called only here.
    if len(digit._inbound_nodes) < 2:
        raise Wrong(
            "digit 层只在这个模型里被调用过一次：它是新建的层，没有原模型（训练好）的权重。"
            "用 nested.get_layer(\"digit\") 和 encoder.get_layer(...) 取出原来的层，在新的 Input 上再调用一次"
        )
    return "模型从 image 出发，用原模型的层输出 [conv (8, 8, 16), digit (10,)]：特征图和预测来自同一次计算"


def _solve_grad_model():
    nested = _build("build_nested")
    encoder = nested.get_layer("encoder")
    image = keras.Input(shape=(8, 8, 1), name="image")
    conv_maps = encoder.get_layer("conv")(image)
    features = encoder.get_layer("features")(encoder.get_layer("flatten")(conv_maps))
    digit = nested.get_layer("digit")(features)
    return keras.Model(image, [conv_maps, digit], name="grad_model")


def _grade_merge(answer):
    model = functional_model(answer)
    expect_inputs(model, {"image": (8, 8, 1), "query": (10,)})
    expect_outputs(model, {"digit": (10,)})
    merged = layer(model, "merged", keras.layers.Concatenate)
    width = tuple(merged.output.shape[1:])
    if width == (8 * 8 * 16 + 10,):
        raise Wrong(
            "merged 有 1034 维：特征图是用 Flatten 展开的。题目要 layers.GlobalAveragePooling2D(name=\"pool\")，"
            "每个通道取平均，得到 16 个数，拼上 query 是 26 维"
        )
    if width != (16 + 10,):
        raise Wrong(f"merged 的形状应当是 (26,)（池化后的 16 个数 + query 的 10 个数），实际是 {width}")
    layer(model, "conv", keras.layers.Conv2D)
    layer(model, "pool", keras.layers.GlobalAveragePooling2D)
    expect_inbound(model, "pool", ["conv"])
    expect_inbound(model, "merged", ["pool", "query"])
    expect_inbound(model, "digit", ["merged"])
    expect_params(model, 3 * 3 * 1 * 16 + 16 + 26 * 10 + 10)
    return "特征图先池化成 16 个数，再与 query 拼接成 26 维，交给 digit"


def _solve_merge():
    image = keras.Input(shape=(8, 8, 1), name="image")
    query = keras.Input(shape=(10,), name="query")
    conv = keras.layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
    pooled = keras.layers.GlobalAveragePooling2D(name="pool")(conv)
    merged = keras.layers.Concatenate(name="merged")([pooled, query])
    digit = keras.layers.Dense(10, activation="softmax", name="digit")(merged)
    return keras.Model({"image": image, "query": query}, digit, name="pooled_merge")


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
    Exercise(
        id="12-3",
        lesson=LESSON,
        title="Grad-CAM 要用的模型",
        statement=(
            "用 `kfg.build_nested()` 搭一个嵌套模型 `nested`，取出它的 `encoder`，再做一个 Grad-CAM 要用的模型："
            "一个新的 `keras.Input`，形状 (8, 8, 1)，名为 `image`；在它上面依次调用编码器内部的 `conv`、`flatten`、"
            "`features` 三个层，再调用外层的 `digit` 层（都用原模型的层实例，不要新建层）；模型的输出是列表 "
            "`[conv 的输出, digit 的输出]`，形状分别是 (8, 8, 16) 和 (10,)。把这个模型赋给 `answer`。"
        ),
        grade=_grade_grad_model,
        solution=_solve_grad_model,
        hint="conv_maps = encoder.get_layer(\"conv\")(image)；……；keras.Model(image, [conv_maps, nested.get_layer(\"digit\")(features)])",
    ),
    Exercise(
        id="12-4",
        lesson=LESSON,
        title="先池化，再拼接",
        statement=(
            "搭一个两输入模型：输入 `image`（形状 (8, 8, 1)）和 `query`（形状 (10,)）；在 `image` 上调用 "
            "`layers.Conv2D(16, 3, padding=\"same\", activation=\"relu\", name=\"conv\")`，再用 "
            "`layers.GlobalAveragePooling2D(name=\"pool\")` 把特征图变成向量；用 `layers.Concatenate(name=\"merged\")` "
            "把它和 `query` 拼接成一个 26 维的向量；最后是 `layers.Dense(10, activation=\"softmax\", name=\"digit\")`。"
            "把模型赋给 `answer`。"
        ),
        grade=_grade_merge,
        solution=_solve_merge,
        hint="pooled = layers.GlobalAveragePooling2D(name=\"pool\")(conv)；layers.Concatenate(name=\"merged\")([pooled, query])",
    ),
)

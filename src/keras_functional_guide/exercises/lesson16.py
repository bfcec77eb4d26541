"""Exercises of lesson 16 (延伸：用列表或字典组织输入输出), posed in ``notebooks/16_structured_io.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_inputs,
    expect_outputs,
    functional_model,
    layer,
)

LESSON = "16_structured_io.ipynb"


# 16-1 ---------------------------------------------------------------------------------------

def _grade_dict_model(answer):
    model = functional_model(answer)
    expect_inputs(model, {"image": (8, 8, 1), "ink": (1,)})
    expect_outputs(model, {"digit": (10,), "parity": (1,)})
    if not isinstance(model.input, dict):
        raise Wrong(
            f"模型的输入是 {type(model.input).__name__}，不是字典：写 keras.Model(inputs={{\"image\": image, \"ink\": ink}}, ...)"
        )
    if not isinstance(model.output, dict):
        raise Wrong(
            f"模型的输出是 {type(model.output).__name__}，不是字典：写 outputs={{\"digit\": digit, \"parity\": parity}}"
        )
    for key, tensor in {**model.input, **model.output}.items():
        name = tensor.name if key in model.input else tensor._keras_history.operation.name
        if key != name:
            raise Wrong(f"字典的键 {key!r} 对应的是名为 {name!r} 的张量：键要与输入或输出层的名字相同")
    digit = layer(model, "digit", layers.Dense)
    parity = layer(model, "parity", layers.Dense)
    for head, activation in ((digit, "softmax"), (parity, "sigmoid")):
        got = getattr(head.activation, "__name__", str(head.activation))
        if got != activation:
            raise Wrong(f"输出层 {head.name!r} 的激活函数应当是 {activation}，实际是 {got}")
    return "输入 {image, ink} 与输出 {digit, parity} 都是以名字为键的字典，键与层名一致"


def _solve_dict_model():
    image = keras.Input(shape=(8, 8, 1), name="image")
    ink = keras.Input(shape=(1,), name="ink")
    features = layers.Flatten(name="flatten")(image)
    features = layers.Concatenate(name="merge")([features, ink])
    hidden = layers.Dense(32, activation="relu", name="hidden")(features)
    digit = layers.Dense(10, activation="softmax", name="digit")(hidden)
    parity = layers.Dense(1, activation="sigmoid", name="parity")(hidden)
    return keras.Model(
        inputs={"image": image, "ink": ink}, outputs={"digit": digit, "parity": parity}, name="dict_io"
    )


# 16-2 ---------------------------------------------------------------------------------------

_EXPECTED_LOSSES = {
    "digit": ("sparse_categorical_crossentropy", "10 类、整数标签"),
    "parity": ("binary_crossentropy", "0/1 目标、sigmoid 输出"),
}


def _loss_name(value):
    if isinstance(value, str):
        return value
    if isinstance(value, keras.losses.Loss):
        return value.name
    return getattr(value, "__name__", type(value).__name__)


def _grade_loss_dict(answer):
    if isinstance(answer, (list, tuple)):
        raise Wrong(
            "答案是一个列表：对字典输出的模型，Keras 会按输出名的字母顺序配对列表里的损失；"
            "写成以输出名为键的字典 {\"digit\": ..., \"parity\": ...}"
        )
    if not isinstance(answer, dict):
        raise Wrong(f"答案应当是一个字典（输出名 → 损失），得到的是 {type(answer).__name__}")
    unknown = sorted(set(answer) - set(_EXPECTED_LOSSES), key=str)
    if unknown:
        raise Wrong(f"键 {unknown} 不是模型的输出名：kfg.build_multi_output() 的输出名是 ['digit', 'parity']")
    missing = sorted(set(_EXPECTED_LOSSES) - set(answer))
    if missing:
        raise Wrong(f"缺少输出 {missing} 的损失：每个输出都要有自己的损失")
    for output, (expected, why) in _EXPECTED_LOSSES.items():
        got = _loss_name(answer[output])
        if got != expected:
            raise Wrong(f"输出 {output!r}（{why}）的损失应当是 {expected!r}，实际是 {got!r}")
    return "损失字典的键正好是两个输出名，digit 配 sparse_categorical_crossentropy，parity 配 binary_crossentropy"


def _solve_loss_dict():
    return {"parity": "binary_crossentropy", "digit": "sparse_categorical_crossentropy"}


EXERCISES = (
    Exercise(
        id="16-1",
        lesson=LESSON,
        title="字典进、字典出",
        statement=(
            "搭一个两个输入、两个输出的模型：输入 `keras.Input(shape=(8, 8, 1), name=\"image\")` 和 "
            "`keras.Input(shape=(1,), name=\"ink\")`，中间怎么连随你（比如把展平的图片和 `ink` 拼接起来，"
            "再接一个 Dense 层），输出层 `layers.Dense(10, activation=\"softmax\", name=\"digit\")` 和 "
            "`layers.Dense(1, activation=\"sigmoid\", name=\"parity\")`。输入和输出都写成以名字为键的字典，"
            "把模型赋给 `answer`。"
        ),
        grade=_grade_dict_model,
        solution=_solve_dict_model,
        hint="keras.Model(inputs={\"image\": image, \"ink\": ink}, outputs={\"digit\": digit, \"parity\": parity})，键与层名相同",
    ),
    Exercise(
        id="16-2",
        lesson=LESSON,
        title="与输出对应的损失字典",
        statement=(
            "为 `kfg.build_multi_output()` 的模型写 `compile` 用的 `loss`：`digit` 头是 10 类、整数标签，"
            "`parity` 头是 0/1 目标、sigmoid 输出。写成与模型输出同样结构的字典，赋给 `answer`"
            "（只要这个字典，不用编译）。"
        ),
        grade=_grade_loss_dict,
        solution=_solve_loss_dict,
        expects="一个以输出名为键的损失字典（compile 的 loss 参数）",
        hint="{\"digit\": \"sparse_categorical_crossentropy\", \"parity\": \"binary_crossentropy\"}：键是 model.output_names",
    ),
)

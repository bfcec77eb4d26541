"""Exercises of lesson 03 (§1.1 多输出模型), posed in ``notebooks/03_multi_output.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import graph
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

LESSON = "03_multi_output.ipynb"

HEADS = {"digit": (10, "softmax"), "parity": (1, "sigmoid"), "big": (1, "sigmoid")}


def _activation_name(found):
    return getattr(found.activation, "__name__", str(found.activation))


# 03-1 ---------------------------------------------------------------------------------------

def _grade_third_head(answer):
    model = functional_model(answer)
    expect_inputs(model, {"image": (8, 8, 1)})
    expect_outputs(model, {name: (units,) for name, (units, _) in HEADS.items()})
    if isinstance(model.output, dict):
        keys = {key: tensor._keras_history.operation.name for key, tensor in model.output.items()}
        mismatched = {key: name for key, name in keys.items() if key != name}
        if mismatched:
            raise Wrong(
                f"outputs 字典的键应当与输出层的名字相同，这里不同：{mismatched}（键: 层名）："
                "写 outputs={\"digit\": digit, \"parity\": parity, \"big\": big}"
            )
    for name, (units, activation) in HEADS.items():
        found = layer(model, name, layers.Dense)
        if _activation_name(found) != activation:
            extra = "：只有 1 个单元的 softmax 恒等于 1.0，什么也学不到" if activation == "sigmoid" and (
                _activation_name(found) == "softmax") else ""
            raise Wrong(
                f"输出层 {name!r} 的激活函数应当是 {activation}，实际是 {_activation_name(found)}{extra}；"
                f"写 activation=\"{activation}\""
            )
        source = graph.inbound_layers(model, name)
        if source != ["hidden"]:
            raise Wrong(
                f"输出头 {name!r} 接在了 {source} 上，而不是共享主干的最后一层 'hidden' 上："
                f"几个头要并列地从主干分叉，写 layers.Dense(...)(trunk)，trunk 是 'hidden' 的输出"
            )
    layer(model, "hidden", layers.Dense)
    expect_inbound(model, "hidden", ["flatten"])
    expect_inbound(model, "flatten", ["conv"])
    expect_inbound(model, "conv", ["image"])
    expect_params(model, 66_540)
    return "三个输出头 digit、parity、big 并列地接在共享主干 hidden 上，共 66,540 个参数"


def _solve_third_head():
    image = keras.Input(shape=(8, 8, 1), name="image")
    trunk = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
    trunk = layers.Flatten(name="flatten")(trunk)
    trunk = layers.Dense(64, activation="relu", name="hidden")(trunk)
    digit = layers.Dense(10, activation="softmax", name="digit")(trunk)
    parity = layers.Dense(1, activation="sigmoid", name="parity")(trunk)
    big = layers.Dense(1, activation="sigmoid", name="big")(trunk)
    return keras.Model(inputs=image, outputs={"digit": digit, "parity": parity, "big": big}, name="three_heads")


# 03-2 ---------------------------------------------------------------------------------------

SPARSE = "sparse_categorical_crossentropy"
BINARY = "binary_crossentropy"
EXPECTED_LOSSES = {"digit": SPARSE, "parity": BINARY, "big": BINARY}


def _loss_name(value):
    """The canonical snake_case name of a loss given as a string, function or ``keras.losses`` object."""
    if isinstance(value, str):
        try:
            value = keras.losses.get(value)
        except (ValueError, TypeError):
            raise Wrong(f"{value!r} 不是 Keras 认识的损失名：例如写 \"{BINARY}\"") from None
    if isinstance(value, type) and issubclass(value, keras.losses.Loss):
        raise Wrong(f"{value.__name__} 是损失的类，不是损失：写 keras.losses.{value.__name__}()（带括号），或者写字符串名")
    if isinstance(value, keras.losses.Loss):
        return value.name
    # The type, not the repr: an array's repr is many lines long.
    return getattr(value, "__name__", type(value).__name__)


def _grade_loss_dict(answer):
    if isinstance(answer, (list, tuple)):
        raise Wrong(
            "答案是一个列表：输出是字典的模型收到损失列表时，Keras 按输出名的字母顺序配对，"
            "不看你写的顺序，容易配错；写成以输出名为键的字典 {\"digit\": ..., \"parity\": ..., \"big\": ...}"
        )
    if isinstance(answer, keras.Model):
        raise Wrong("答案是一个模型：本题要的是 compile 的 loss 参数本身，一个以输出名为键的字典")
    if not isinstance(answer, dict):
        raise Wrong(f"答案应当是一个以输出名为键的字典，得到的是 {type(answer).__name__}")
    missing = sorted(set(EXPECTED_LOSSES) - set(answer))
    extra = sorted(set(answer) - set(EXPECTED_LOSSES), key=str)
    if missing or extra:
        problems = "，".join(
            part for part in (f"缺少 {missing}" if missing else "", f"多出 {extra}" if extra else "") if part
        )
        raise Wrong(
            f"字典的键应当正好是三个输出名 {sorted(EXPECTED_LOSSES)}；{problems}："
            "键要与输出层的 name=... 一字不差"
        )
    for name, expected in EXPECTED_LOSSES.items():
        got = _loss_name(answer[name])
        if got == expected:
            continue
        if name == "digit" and got == "categorical_crossentropy":
            raise Wrong(
                "digit 的目标是整数标签 0–9，不是 one-hot 向量：categorical_crossentropy 要 one-hot 目标，"
                f"整数标签用 \"{SPARSE}\""
            )
        if name == "digit":
            raise Wrong(f"digit 是 10 类 softmax 输出、目标是整数标签，损失应当是 \"{SPARSE}\"，得到的是 {got!r}")
        raise Wrong(f"{name} 是一个 sigmoid 输出、目标是 0/1，损失应当是 \"{BINARY}\"，得到的是 {got!r}")
    return "三个头各有自己的损失，按输出名对号入座，与书写顺序无关"


def _solve_loss_dict():
    return {"digit": SPARSE, "parity": BINARY, "big": BINARY}


class Exercise_03_1(Exercise):
    id = '03-1'
    hint = ("在 trunk（hidden 的输出）上再调用一次新层：big = layers.Dense(1, activation=\"sigmoid\", "
            "name=\"big\")(trunk)，然后 outputs={\"digit\": digit, \"parity\": parity, \"big\": big}")
    solution = staticmethod(_solve_third_head)
    grade = staticmethod(_grade_third_head)


class Exercise_03_2(Exercise):
    id = '03-2'
    expects = ("一个以输出名为键的损失字典（compile 的 loss 参数）")
    hint = ("以输出名为键：{\"digit\": \"sparse_categorical_crossentropy\", \"parity\": ..., \"big\": ...}；"
            "0/1 目标配 sigmoid 输出，用 binary_crossentropy")
    solution = staticmethod(_solve_loss_dict)
    grade = staticmethod(_grade_loss_dict)

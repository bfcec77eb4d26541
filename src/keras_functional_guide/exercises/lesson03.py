"""Exercises of lesson 03 (§1.1 多输出模型), posed in ``notebooks/03_multi_output.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import graph
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    activation_name,
    expect_dict,
    expect_inbound,
    expect_inputs,
    expect_keys_are_names,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
    loss_name,
)

LESSON = "03_multi_output.ipynb"

HEADS = {"digit": (10, "softmax"), "parity": (1, "sigmoid"), "big": (1, "sigmoid")}

SPARSE = "sparse_categorical_crossentropy"
BINARY = "binary_crossentropy"
EXPECTED_LOSSES = {"digit": SPARSE, "parity": BINARY, "big": BINARY}


class ThirdHead(Exercise):
    """03-1: add a third output head, big, on the shared trunk."""

    id = "03-1"
    hint = (
        "在 trunk（hidden 的输出）上再调用一次新层：big = layers.Dense(1, activation=\"sigmoid\", "
        "name=\"big\")(trunk)，然后 outputs={\"digit\": digit, \"parity\": parity, \"big\": big}"
    )

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        trunk = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
        trunk = layers.Flatten(name="flatten")(trunk)
        trunk = layers.Dense(64, activation="relu", name="hidden")(trunk)
        digit = layers.Dense(10, activation="softmax", name="digit")(trunk)
        parity = layers.Dense(1, activation="sigmoid", name="parity")(trunk)
        big = layers.Dense(1, activation="sigmoid", name="big")(trunk)
        return keras.Model(inputs=image, outputs={"digit": digit, "parity": parity, "big": big}, name="three_heads")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {name: (units,) for name, (units, _) in HEADS.items()})
        expect_dict(model.output, list(HEADS), "模型的输出", why="本题要以输出名为键的字典，损失和指标才能按名字对号入座")
        expect_keys_are_names(model)
        for name, (units, activation) in HEADS.items():
            found = layer(model, name, layers.Dense)
            got = activation_name(found)
            if got != activation:
                extra = "：只有 1 个单元的 softmax 恒等于 1.0，什么也学不到" if activation == "sigmoid" and (
                    got == "softmax") else ""
                raise Wrong(
                    f"输出层 {name!r} 的激活函数应当是 {activation}，实际是 {got}{extra}；"
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


class ThreeHeadLosses(Exercise):
    """03-2: the loss dict that compiles the three-head model."""

    id = "03-2"
    expects = "一个以输出名为键的损失字典（compile 的 loss 参数）"
    hint = (
        "以输出名为键：{\"digit\": \"sparse_categorical_crossentropy\", \"parity\": ..., \"big\": ...}；"
        "0/1 目标配 sigmoid 输出，用 binary_crossentropy"
    )

    @staticmethod
    def solution():
        return {"digit": "sparse_categorical_crossentropy", "parity": "binary_crossentropy", "big": "binary_crossentropy"}

    @staticmethod
    def grade(answer):
        if isinstance(answer, keras.Model):
            raise Wrong("答案是一个模型：本题要的是 compile 的 loss 参数本身，一个以输出名为键的字典")
        expect_dict(answer, list(EXPECTED_LOSSES), "损失",
                    why="输出是字典的模型收到损失列表时，Keras 按输出名的字母顺序配对，不看你写的顺序，容易配错")
        for name, expected in EXPECTED_LOSSES.items():
            got = loss_name(answer[name])
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

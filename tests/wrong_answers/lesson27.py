"""Lesson 27's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide.exercises import reference


def new_head_model(*, keep_digit=False, head_on="hidden", units=2, activation="softmax", parity=True,
                   as_dict=True, fresh_trunk=None):
    """The 27-1 model, with one realistic mistake chosen by an argument."""
    base = kfg.build_multi_output()
    if fresh_trunk is not None:  # The trunk typed again with other sizes: new layers, no loaded weights.
        image = keras.Input(shape=(8, 8, 1), name="image")
        x = layers.Conv2D(fresh_trunk, 3, padding="same", activation="relu", name="conv")(image)
        x = layers.Flatten(name="flatten")(x)
        hidden = layers.Dense(64, activation="relu", name="hidden")(x)
        parity_output = layers.Dense(1, activation="sigmoid", name="parity")(hidden)
        inputs = image
    else:
        hidden = base.get_layer(head_on).output
        parity_output = base.get_layer("parity").output
        inputs = base.input
    if head_on == "flatten" and fresh_trunk is None:
        head = layers.Dense(units, activation=activation, name="two_class")(base.get_layer("flatten").output)
    else:
        head = layers.Dense(units, activation=activation, name="two_class")(hidden)
    outputs = {"two_class": head}
    if parity:
        outputs["parity"] = parity_output
    if keep_digit:
        outputs["digit"] = base.get_layer("digit").output
    if not as_dict:
        outputs = list(outputs.values())
    return keras.Model(inputs, outputs)


# The reference answer: each wrong answer below is one mistake away from it.
DAG = reference("27-3")

WRONG = [
    ("27-1", "the old digit head kept", lambda: new_head_model(keep_digit=True), "旧的 10 类输出头 digit"),
    ("27-1", "new head on flatten", lambda: new_head_model(head_on="flatten"), "'two_class' 的输入应当来自 ['hidden']"),
    ("27-1", "ten units", lambda: new_head_model(units=10), "输出 'two_class' 的形状应当是 (2,)"),
    ("27-1", "sigmoid head", lambda: new_head_model(activation="sigmoid"), "激活函数应当是 'softmax'"),
    ("27-1", "parity dropped", lambda: new_head_model(parity=False), "缺少 ['parity']"),
    ("27-1", "outputs as a list", lambda: new_head_model(as_dict=False), "模型的输出是一个列表"),
    ("27-1", "trunk typed again with 8 filters", lambda: new_head_model(fresh_trunk=8), "16 个卷积核"),
    ("27-2", "nothing loads", lambda: [], "一个也没读进来"),
    ("27-2", "everything loads", lambda: ["conv", "hidden", "digit", "parity"], "conv 读不进来"),
    ("27-2", "only conv changed", lambda: ["hidden", "digit", "parity"], "hidden 读不进来"),
    ("27-2", "only the heads, one forgotten", lambda: ["digit"], "还漏了 ['parity']"),
    ("27-2", "weightless layers listed", lambda: ["flatten", "digit", "parity"], "没有权重"),
    ("27-2", "one name as a string", lambda: "digit, parity", "答案是一个字符串"),
    ("27-3", "layer names as paths", lambda: {name: f"layers/{name}" for name in DAG}, "不看层名"),
    ("27-3", "numbered from 1", lambda: {**DAG, "stem": "layers/conv2d_1", "branch_1x1": "layers/conv2d_2",
                                        "branch_3x3": "layers/conv2d_3", "branch_pool_1x1": "layers/conv2d_4",
                                        "project": "layers/conv2d_5"}, "第一个不加编号"),
    ("27-3", "the Dense numbered after the convolutions", lambda: {**DAG, "digit": "layers/dense_5"},
     "'digit' 的路径不是 'layers/dense_5'"),
    ("27-3", "without the layers/ prefix", lambda: {name: path.split("/")[1] for name, path in DAG.items()},
     "路径要从文件的根写起"),
    ("27-3", "weightless layers too", lambda: {**DAG, "flatten": "layers/flatten"}, "['flatten'] 没有权重"),
    ("27-3", "a list of paths", lambda: list(DAG.values()), "答案应当是一个字典"),
]

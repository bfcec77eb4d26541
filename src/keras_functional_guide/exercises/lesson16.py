"""Exercises of lesson 16 (延伸：用列表或字典组织输入输出), posed in ``notebooks/16_structured_io.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_dense,
    expect_dict,
    expect_inputs,
    expect_keys_are_names,
    expect_outputs,
    functional_model,
    loss_name,
)

LESSON = "16_structured_io.ipynb"


class DictModel(Exercise):
    """16-1: inputs and outputs as dicts keyed by name."""

    id = "16-1"
    hint = "keras.Model(inputs={\"image\": image, \"ink\": ink}, outputs={\"digit\": digit, \"parity\": parity})，键与层名相同"

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        ink = keras.Input(shape=(1,), name="ink")
        features = layers.Concatenate(name="merge")([layers.Flatten(name="flatten")(image), ink])
        hidden = layers.Dense(32, activation="relu", name="hidden")(features)
        digit = layers.Dense(10, activation="softmax", name="digit")(hidden)
        parity = layers.Dense(1, activation="sigmoid", name="parity")(hidden)
        return keras.Model(inputs={"image": image, "ink": ink}, outputs={"digit": digit, "parity": parity}, name="dict_io")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1), "ink": (1,)})
        expect_outputs(model, {"digit": (10,), "parity": (1,)})
        expect_dict(model.input, ["image", "ink"], "模型的输入")
        expect_dict(model.output, ["digit", "parity"], "模型的输出")
        expect_keys_are_names(model)
        expect_dense(model, "digit", 10, "softmax")
        expect_dense(model, "parity", 1, "sigmoid")
        return "输入 {image, ink} 与输出 {digit, parity} 都是以名字为键的字典，键与层名一致"


_EXPECTED_LOSSES = {
    "digit": ("sparse_categorical_crossentropy", "10 类、整数标签"),
    "parity": ("binary_crossentropy", "0/1 目标、sigmoid 输出"),
}


class LossDict(Exercise):
    """16-2: a loss dict in the model's output structure."""

    id = "16-2"
    expects = "一个以输出名为键的损失字典（compile 的 loss 参数）"
    hint = "{\"digit\": \"sparse_categorical_crossentropy\", \"parity\": \"binary_crossentropy\"}：键是 model.output_names"

    @staticmethod
    def solution():
        return {"digit": "sparse_categorical_crossentropy", "parity": "binary_crossentropy"}

    @staticmethod
    def grade(answer):
        expect_dict(answer, list(_EXPECTED_LOSSES), "损失",
                    why="对字典输出的模型，Keras 会按输出名的字母顺序配对列表里的损失")
        for output, (expected, why) in _EXPECTED_LOSSES.items():
            got = loss_name(answer[output])
            if got != expected:
                raise Wrong(f"输出 {output!r}（{why}）的损失应当是 {expected!r}，实际是 {got!r}")
        return "损失字典的键正好是两个输出名，digit 配 sparse_categorical_crossentropy，parity 配 binary_crossentropy"

"""Exercises of lesson 17 (延伸：函数式、Sequential 还是子类化), posed in ``notebooks/17_three_styles.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_dense,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
)

LESSON = "17_three_styles.ipynb"

# Flatten 64 → hidden 64·32+32 = 2,080; merged 64+32 = 96 → digit 96·10+10 = 970.
SKIP_PARAMS = 2_080 + 970
# trunk: 2,080; digit 32·10+10 = 330; parity 32+1 = 33.
HEADS_PARAMS = 2_080 + 330 + 33


class SubclassRewritten(Exercise):
    """17-1: rewrite a subclassed model with a skip connection as a functional model."""

    id = "17-1"
    hint = (
        "__init__ 里的每个层建一次，call() 的每一行就是一次层调用：flat = flatten(image)，hidden = hidden(flat)，"
        "merged = Concatenate([flat, hidden])，最后 keras.Model(inputs=image, outputs=digit)"
    )

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        flat = layers.Flatten(name="flatten")(image)
        hidden = layers.Dense(32, activation="relu", name="hidden")(flat)
        merged = layers.Concatenate(name="merged")([flat, hidden])
        digit = layers.Dense(10, activation="softmax", name="digit")(merged)
        return keras.Model(inputs=image, outputs=digit, name="skip_classifier")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,)})
        layer(model, "flatten", layers.Flatten)
        expect_dense(model, "hidden", 32, "relu")
        layer(model, "merged", layers.Concatenate)
        expect_dense(model, "digit", 10, "softmax")
        expect_inbound(model, "hidden", ["flatten"])
        expect_inbound(model, "merged", ["flatten", "hidden"])
        expect_inbound(model, "digit", ["merged"])
        expect_params(model, SKIP_PARAMS)
        return f"与 SkipClassifier 的 call() 是同一张图：flatten 同时连到 hidden 和 merged，共 {SKIP_PARAMS:,} 个参数"


class SequentialAsALayer(Exercise):
    """17-2: call a Sequential model like a layer inside a two-output functional model."""

    id = "17-2"
    hint = (
        "Sequential 模型也是一个层：features = trunk(image)，再在 features 上分别调用 digit 和 parity 两个 Dense 层，"
        "outputs 写成 {\"digit\": ..., \"parity\": ...}"
    )

    @staticmethod
    def solution():
        trunk = keras.Sequential(
            [
                keras.Input(shape=(8, 8, 1)),
                layers.Flatten(name="flatten"),
                layers.Dense(32, activation="relu", name="hidden"),
            ],
            name="trunk",
        )
        image = keras.Input(shape=(8, 8, 1), name="image")
        features = trunk(image)
        digit = layers.Dense(10, activation="softmax", name="digit")(features)
        parity = layers.Dense(1, activation="sigmoid", name="parity")(features)
        return keras.Model(inputs=image, outputs={"digit": digit, "parity": parity}, name="two_heads")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        names = [each.name for each in model.layers]
        if "trunk" not in names:
            if "hidden" in names:
                raise Wrong(
                    "模型里直接有层 'hidden'：本题要把整个 Sequential 模型 trunk 当作一个层来调用"
                    "（features = trunk(image)），而不是拆开它的层"
                )
            raise Wrong(
                f"模型里找不到名为 'trunk' 的层（现有的层：{', '.join(names)}）："
                "建 Sequential 时写 name=\"trunk\"，再在 image 上调用它"
            )
        trunk = model.get_layer("trunk")
        if not isinstance(trunk, keras.Sequential):
            raise Wrong(f"层 'trunk' 应当是一个 keras.Sequential 模型，实际是 {type(trunk).__name__}")
        expect_outputs(model, {"digit": (10,), "parity": (1,)})
        layer(model, "digit", layers.Dense)
        layer(model, "parity", layers.Dense)
        expect_inbound(model, "trunk", ["image"])
        expect_inbound(model, "digit", ["trunk"])
        expect_inbound(model, "parity", ["trunk"])
        expect_params(model, HEADS_PARAMS)
        return "Sequential 的 trunk 作为一个层，后面接 digit 和 parity 两个输出：Sequential 自己做不到的多输出，靠函数式 API 接上了"

"""Exercises of lesson 20 (延伸：复制与重建模型), posed in ``notebooks/20_copying_models.ipynb``."""

import numpy as np
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import graph
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    activation_name,
    describe,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
)

LESSON = "20_copying_models.ipynb"

# Parameters of kfg.build_nested(): conv 3*3*1*16 + 16, features 1024*64 + 64, digit 64*10 + 10.
NESTED_PARAMS = 3 * 3 * 1 * 16 + 16 + 8 * 8 * 16 * 64 + 64 + 64 * 10 + 10


def _wraps_a_whole_model(model):
    """True if a layer of ``model`` is a whole classifier (a model holding ``digit``), called like a layer."""
    return any(
        isinstance(each, keras.Model) and "digit" in [inner.name for inner in each.layers] for each in model.layers
    )


class CloneOnNewInput(Exercise):
    """20-1: clone a model onto a new input named pixels."""

    id = "20-1"
    hint = "pixels = keras.Input(shape=(8, 8, 1), name=\"pixels\")，再 keras.models.clone_model(model, input_tensors=pixels)"

    @staticmethod
    def solution():
        model = kfg.build_nested()
        pixels = keras.Input(shape=(8, 8, 1), name="pixels")
        return keras.models.clone_model(model, input_tensors=pixels)  # 新输入 pixels，其余各层同名

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        if _wraps_a_whole_model(model):
            raise Wrong(
                "你把原模型当作一个层调用在新输入上：新模型和原模型共用同一套层和权重，不是复制。"
                "用 keras.models.clone_model(model, input_tensors=pixels)"
            )
        names = [tensor.name for tensor in model.inputs]
        if names == ["image"]:
            raise Wrong(
                "输入还叫 'image'：clone_model 默认沿用原模型的输入；把新的 "
                "keras.Input(shape=(8, 8, 1), name=\"pixels\") 传给 input_tensors="
            )
        expect_inputs(model, {"pixels": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,)})
        layer(model, "encoder", keras.Model)
        layer(model, "digit", keras.layers.Dense)
        expect_inbound(model, "encoder", ["pixels"])
        expect_params(model, NESTED_PARAMS)
        return f"复制出的模型从新输入 pixels 出发，经过 encoder 和 digit，共 {NESTED_PARAMS:,} 个参数"


class RebuiltFromConfig(Exercise):
    """20-2: rebuild a model from its config and copy its weights over."""

    id = "20-2"
    expects = "一个元组 (model, rebuilt)：原模型和从配置重建、拷好权重的模型"
    hint = "rebuilt = keras.Model.from_config(model.get_config())，再 rebuilt.set_weights(model.get_weights())"

    @staticmethod
    def solution():
        model = kfg.build_nested()
        rebuilt = keras.Model.from_config(model.get_config())  # 同样的结构，新的权重
        rebuilt.set_weights(model.get_weights())               # 把权重的值拷过去
        return (model, rebuilt)

    @staticmethod
    def grade(answer):
        if isinstance(answer, keras.Model):
            raise Wrong("答案只有一个模型：本题要一个元组 (model, rebuilt)，原模型在前，重建并拷好权重的模型在后")
        if not isinstance(answer, (tuple, list)) or len(answer) != 2:
            raise Wrong(f"答案应当是一个元组 (model, rebuilt)，两个元素，得到的是 {describe(answer)}")
        original, rebuilt = (functional_model(each) for each in answer)
        if graph.network_differences(kfg.build_nested(), original):
            raise Wrong("第一个元素应当是 kfg.build_nested() 搭出的原模型（输入 image，层 encoder、digit）")
        if rebuilt is original:
            raise Wrong("两个元素是同一个模型对象：用 keras.Model.from_config(model.get_config()) 重建一个新模型")
        own = {id(variable) for variable in original.weights}
        if any(id(variable) in own for variable in rebuilt.weights):
            raise Wrong(
                "重建的模型和原模型共用权重变量（它复用了原模型的层）：改一个就改了另一个。"
                "用 keras.Model.from_config(model.get_config()) 重建，新模型有自己的层和权重"
            )
        if graph.network_differences(original, rebuilt):
            raise Wrong(
                "重建的模型和原模型不是同一个网络（层名、类型、连接或形状不同）："
                "从原模型的 model.get_config() 重建，不要另搭一个"
            )
        pairs = list(zip(original.get_weights(), rebuilt.get_weights()))
        if not all(np.array_equal(mine, theirs) for mine, theirs in pairs):
            raise Wrong(
                "重建的模型权重和原模型不同：from_config 只重建结构，权重是新初始化的；"
                "再用 rebuilt.set_weights(model.get_weights()) 把权重拷过去"
            )
        return f"rebuilt 是一个新模型，结构与原模型相同，{len(pairs)} 个权重数组逐个相等，且不共用变量"


class ReluToTanh(Exercise):
    """20-3: clone a nested model, changing relu to tanh on the way."""

    id = "20-3"
    hint = (
        "clone_function 里：config = layer.get_config()；relu 就改成 tanh；return layer.__class__.from_config(config)；"
        "别忘了 recursive=True"
    )

    @staticmethod
    def solution():
        def relu_to_tanh(layer):
            config = layer.get_config()
            if config.get("activation") == "relu":
                config["activation"] = "tanh"
            return layer.__class__.from_config(config)

        return keras.models.clone_model(kfg.build_nested(), clone_function=relu_to_tanh, recursive=True)  # 进到编码器里

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,)})
        encoder = layer(model, "encoder", keras.Model)
        activations = {name: activation_name(layer(encoder, name)) for name in ("conv", "features")}
        if activations == {"conv": "relu", "features": "relu"}:
            raise Wrong(
                "编码器里的 conv 和 features 还是 relu：clone_function 没有进到编码器里，它只看到了整个 encoder。"
                "给 clone_model 加 recursive=True"
            )
        for name, found in activations.items():
            if found != "tanh":
                raise Wrong(f"编码器里的层 {name!r} 的激活函数应当是 'tanh'，实际是 {found!r}：两个 relu 层都要改")
        digit = layer(model, "digit", keras.layers.Dense)
        if activation_name(digit) != "softmax":
            raise Wrong(
                f"输出层 digit 的激活函数应当仍是 'softmax'，实际是 {activation_name(digit)!r}："
                "只改 activation 是 'relu' 的层（if config.get(\"activation\") == \"relu\"）"
            )
        expect_params(model, NESTED_PARAMS)
        return "复制出的模型里，编码器的 conv 和 features 改用 tanh，digit 仍是 softmax，参数个数不变"

"""Exercises of lesson 10 (延伸：保存与加载函数式模型), posed in ``notebooks/10_saving_loading.ipynb``."""

import pathlib
import tempfile

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    functional_model,
    layer,
)

LESSON = "10_saving_loading.ipynb"

_FACTOR = 2.0
# A fixed, real-valued batch of two 8×8×1 "images" in [0, 1] to compare predictions on.
_SAMPLE = np.linspace(0.0, 1.0, 2 * 8 * 8, dtype="float32").reshape(2, 8, 8, 1)


class ScaleLayer(Exercise):
    """10-1: a registered custom layer instead of a Lambda, loaded with safe_mode=True."""

    id = "10-1"
    hint = (
        "照本课的 Invert 层写：__init__(self, factor=2.0, **kwargs) 里先 super().__init__(**kwargs)，"
        "get_config 返回 {**super().get_config(), \"factor\": self.factor}，类定义上面加注册的装饰器"
    )

    @staticmethod
    def solution():
        @keras.utils.register_keras_serializable()  # 注册名是 "Custom>Scale"
        class Scale(layers.Layer):
            """把输入乘以 factor。"""

            def __init__(self, factor=2.0, **kwargs):
                super().__init__(**kwargs)
                self.factor = factor

            def call(self, inputs):
                return inputs * self.factor

            def get_config(self):
                return {**super().get_config(), "factor": self.factor}

        image = keras.Input(shape=(8, 8, 1), name="image")
        scaled = Scale(factor=2.0, name="scale")(image)  # 代替 Lambda(lambda x: x * 2.0)
        features = layers.Flatten(name="flatten")(scaled)
        digit = layers.Dense(10, activation="softmax", name="digit")(features)
        return keras.Model(image, digit, name="with_scale")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,)})
        scale = layer(model, "scale")
        if isinstance(scale, layers.Lambda):
            raise Wrong(
                "层 'scale' 还是 Lambda：写一个继承 layers.Layer 的类 Scale（__init__ 收 factor，"
                "call 返回 inputs * self.factor），用它代替 Lambda"
            )
        expect_inbound(model, "scale", ["image"])
        try:
            config = scale.get_config()
        except Exception as error:
            raise Wrong(
                f"调用 Scale 的 get_config() 出错（{type(error).__name__}）："
                "返回 {**super().get_config(), \"factor\": self.factor}"
            ) from None
        if "factor" not in config:
            raise Wrong(
                "Scale 的 get_config() 里没有 factor：加载时 Keras 用 get_config() 的内容重新构造这个层，"
                "返回 {**super().get_config(), \"factor\": self.factor}"
            )
        if config["factor"] != _FACTOR:
            raise Wrong(f"factor 应当是 {_FACTOR}，get_config() 里是 {config['factor']!r}")
        scaled = keras.Model(model.input, scale.output)(_SAMPLE)
        if not np.allclose(keras.ops.convert_to_numpy(scaled), _SAMPLE * _FACTOR):
            raise Wrong("scale 层的输出应当是输入乘以 factor：在 call 里返回 inputs * self.factor")
        registered_name = keras.utils.get_registered_name(type(scale))
        if keras.utils.get_registered_object(registered_name) is not type(scale):
            raise Wrong(
                "Scale 没有注册：检查时用 load_model 加载、不传 custom_objects，所以要在 class Scale 上面"
                "加一行 @keras.utils.register_keras_serializable()，加载时 Keras 才能按名字找到这个类"
            )
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "answer.keras"
            try:
                model.save(path)
            except Exception as error:
                raise Wrong(f"保存为 .keras 失败（{type(error).__name__}）：检查 Scale 的 get_config()") from None
            try:
                loaded = keras.models.load_model(path, safe_mode=True)
            except Exception as error:
                raise Wrong(
                    f"用 safe_mode=True 加载失败（{type(error).__name__}）：检查 Scale 是否已注册，"
                    "get_config() 的键是否都是 __init__ 的参数"
                ) from None
        if type(loaded.get_layer("scale")) is not type(scale):
            raise Wrong("加载回来的 'scale' 层不是你的 Scale 类：检查注册的名字")
        before = keras.ops.convert_to_numpy(model(_SAMPLE))
        after = keras.ops.convert_to_numpy(loaded(_SAMPLE))
        if not np.array_equal(before, after):
            raise Wrong("加载回来的模型预测不同：检查 get_config() 是否保存了 factor")
        return f"自定义层 {registered_name} 代替了 Lambda：模型存成 .keras，用 safe_mode=True 加载，预测逐位相同"


_CALLED_ON_HIDDEN = ("digit", "parity")


class CalledOnHidden(Exercise):
    """10-2: read config.json to find the layers called on hidden's output."""

    id = "10-2"
    expects = "层名（字符串）的列表"
    hint = (
        "对 config[\"config\"][\"layers\"] 里的每个层，看 inbound_nodes 里每个 args 的 "
        "config[\"keras_history\"][0]：它是 \"hidden\" 的那些层"
    )

    @staticmethod
    def solution():
        import json
        import pathlib
        import tempfile
        import zipfile

        with tempfile.TemporaryDirectory() as exercise_folder:
            path = pathlib.Path(exercise_folder) / "multi_output.keras"
            kfg.build_multi_output().save(path)
            with zipfile.ZipFile(path) as archive:
                exercise_config = json.loads(archive.read("config.json"))
        return [
            layer["name"]
            for layer in exercise_config["config"]["layers"]
            for node in layer["inbound_nodes"]
            for argument in node["args"]
            if argument["config"]["keras_history"][0] == "hidden"
        ]

    @staticmethod
    def grade(answer):
        if isinstance(answer, str):
            raise Wrong("答案应当是层名的列表，例如 [\"a\", \"b\"]，而不是一个字符串")
        if not isinstance(answer, (list, tuple, set)) or not all(isinstance(name, str) for name in answer):
            raise Wrong(f"答案应当是层名（字符串）的列表，得到的是 {type(answer).__name__}")
        names = sorted(set(answer))
        if names == sorted(_CALLED_ON_HIDDEN):
            return "digit 和 parity 都在 hidden 的输出上调用：两个输出头共享同一个主干"
        if "hidden" in names:
            raise Wrong("hidden 自己不算：要找的是 inbound_nodes 里 keras_history 指向 'hidden' 的那些层")
        if "flatten" in names:
            raise Wrong(
                "flatten 是 hidden 的输入来源（hidden 在 flatten 的输出上调用），方向反了："
                "要找的是 inbound_nodes 里 keras_history 的第一项是 'hidden' 的层"
            )
        missing = sorted(set(_CALLED_ON_HIDDEN) - set(names))
        if missing and set(names) <= set(_CALLED_ON_HIDDEN):
            raise Wrong(f"还少了 {missing}：把 config[\"config\"][\"layers\"] 里的每个层都看一遍")
        raise Wrong(
            "不对：逐个看 config[\"config\"][\"layers\"] 里每个层的 inbound_nodes，"
            "找出 keras_history 的第一项是 'hidden' 的层"
        )

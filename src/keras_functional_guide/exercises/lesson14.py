"""Exercises of lesson 14 (延伸：函数式模型中的自定义层), posed in ``notebooks/14_custom_layers.ipynb``."""

import numpy as np
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

LESSON = "14_custom_layers.ipynb"


def _custom(model, name):
    """The model's layer ``name``, checked to be the learner's own Layer subclass."""
    found = layer(model, name)
    if isinstance(found, layers.Lambda):
        raise Wrong(f"层 {name!r} 是一个 Lambda 层：本题要写一个 layers.Layer 的子类（class ...(layers.Layer)），它才能注册、保存和安全加载")
    module = type(found).__module__
    if module == "keras" or module.startswith(("keras.", "tensorflow.", "tf_keras.")):
        raise Wrong(f"层 {name!r} 是内置的 {type(found).__name__}：本题要自己写一个 layers.Layer 的子类")
    return found


class ScaleWithConfig(Exercise):
    """14-1: a custom layer whose get_config records its factor."""

    id = "14-1"
    hint = "def get_config(self): return {**super().get_config(), \"factor\": self.factor}"

    # The import comes first, not the decorator: solution_code() starts the shown code at the first
    # statement's own line, which for a decorated class is the `class` line, without its decorator.
    @staticmethod
    def solution():
        from tensorflow.keras.saving import register_keras_serializable

        @register_keras_serializable(package="lesson14")
        class Scale(layers.Layer):
            def __init__(self, factor, **kwargs):
                super().__init__(**kwargs)
                self.factor = factor

            def call(self, x):
                return self.factor * x

            def get_config(self):
                return {**super().get_config(), "factor": self.factor}

        values = keras.Input(shape=(4,), name="values")
        return keras.Model(values, Scale(factor=3.0, name="triple")(values), name="scaled")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"values": (4,)})
        scale = _custom(model, "triple")
        expect_outputs(model, {"triple": (4,)})
        config = scale.get_config()
        if "factor" not in config:
            raise Wrong(
                "get_config() 返回的字典里没有 factor：构造函数要接收 factor 并存下来，"
                "get_config 返回 {**super().get_config(), \"factor\": self.factor}"
            )
        if config["factor"] != 3.0:
            raise Wrong(f"层 'triple' 的 factor 应当是 3.0，实际是 {config['factor']!r}")
        rebuilt = type(scale).from_config(config)
        values = np.array([[1.0, 2.0, 3.0, 4.0]], dtype="float32")
        for label, result in (("模型", model(values)), ("from_config 重建的层", rebuilt(values))):
            if not np.allclose(keras.ops.convert_to_numpy(result), 3.0 * values):
                raise Wrong(f"{label}在 [1, 2, 3, 4] 上的输出应当是 [3, 6, 9, 12]：call 要返回 self.factor * x")
        return "自定义层 triple 的 get_config 记录了 factor=3.0，from_config 能重建它，输出是输入的 3 倍"


# Three padded sequences (0 is padding) and the number of real tokens in each.
_TOKENS = np.array([[3, 1, 0, 0, 0, 0], [5, 5, 5, 5, 5, 5], [7, 0, 0, 0, 0, 0]], dtype="int32")
_COUNTS = np.array([[2.0], [6.0], [1.0]], dtype="float32")


class TokenCount(Exercise):
    """14-2: a custom layer that counts the tokens the mask lets through."""

    id = "14-2"
    hint = "def call(self, x, mask=None): return keras.ops.sum(keras.ops.cast(mask, \"float32\"), axis=1, keepdims=True)"

    @staticmethod
    def solution():
        class CountTokens(layers.Layer):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.supports_masking = True

            def call(self, x, mask=None):
                return keras.ops.sum(keras.ops.cast(mask, "float32"), axis=1, keepdims=True)

            def compute_mask(self, x, mask=None):
                return None

        tokens = keras.Input(shape=(6,), dtype="int32", name="tokens")
        embedded = layers.Embedding(20, 8, mask_zero=True, name="embedding")(tokens)
        return keras.Model(tokens, CountTokens(name="count")(embedded), name="token_counter")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"tokens": (6,)})
        embedding = layer(model, "embedding", layers.Embedding)
        if not embedding.mask_zero:
            raise Wrong("嵌入层 'embedding' 没有设 mask_zero=True：没有它就没有掩码，0 也会被当成一个词")
        _custom(model, "count")
        expect_outputs(model, {"count": (1,)})
        counts = keras.ops.convert_to_numpy(model(_TOKENS))
        if not np.allclose(counts, _COUNTS):
            raise Wrong(
                f"在 {_TOKENS.tolist()} 上应当数出 {_COUNTS.ravel().tolist()} 个词，实际是 {np.ravel(counts).tolist()}："
                "call 要接收 mask 参数，对 mask 求和（keras.ops.sum(keras.ops.cast(mask, \"float32\"), axis=1, keepdims=True)）"
            )
        return "count 层接收嵌入层的掩码，数出每个序列里不是补零的词数"


# Outside [0, 1], inside it, and on both bounds: clip(x, 0, 1) is [0, 0.5, 1, 0.25].
_CLIP_VALUES = np.array([[-1.0, 0.5, 2.0, 0.25]], dtype="float32")
_CLIPPED = np.array([[0.0, 0.5, 1.0, 0.25]], dtype="float32")


def _rebuilt_from_config(model, custom):
    """``keras.Model.from_config(model.get_config(), custom_objects=...)``, with a hint if the round trip fails."""
    cls = type(custom)
    try:
        return keras.Model.from_config(model.get_config(), custom_objects={cls.__name__: cls})
    except TypeError as error:
        cause = str(error).strip().splitlines()[-1]
        if "unexpected keyword argument" in cause:
            raise Wrong(
                f"keras.Model.from_config 重建层 {custom.name!r} 时失败（{cause}）：配置里还有父类放进去的 name、"
                "trainable、dtype，构造函数要写 **kwargs 收下它们，再交给 super().__init__(**kwargs)"
            ) from None
        if "missing" in cause and "required" in cause:
            raise Wrong(
                f"keras.Model.from_config 重建层 {custom.name!r} 时失败（{cause}）：get_config() 返回的字典里缺了"
                "构造函数要的参数；写 return {**super().get_config(), \"low\": self.low, \"high\": self.high}"
            ) from None
        raise Wrong(f"keras.Model.from_config 重建不出这个模型（{cause}）：检查 __init__ 与 get_config 是否对得上") from None


class ClipFromConfig(Exercise):
    """14-3: a custom layer that keras.Model.from_config can rebuild."""

    id = "14-3"
    hint = "def __init__(self, low, high, **kwargs): super().__init__(**kwargs)，get_config 里加上 low 和 high"

    @staticmethod
    def solution():
        class Clip(layers.Layer):
            def __init__(self, low, high, **kwargs):
                super().__init__(**kwargs)
                self.low = low
                self.high = high

            def call(self, x):
                return keras.ops.clip(x, self.low, self.high)

            def get_config(self):
                return {**super().get_config(), "low": self.low, "high": self.high}

        values = keras.Input(shape=(4,), name="values")
        return keras.Model(values, Clip(low=0.0, high=1.0, name="limit")(values), name="clipped")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"values": (4,)})
        inner = [each for each in model.layers if not isinstance(each, layers.InputLayer)]
        names = [each.name for each in inner]
        if "limit" not in names and len(inner) == 1:
            raise Wrong(
                f"模型里的层叫 {names[0]!r}，不是 'limit'：构造函数收到了 name=\"limit\"，却没有交给父类；"
                "写 def __init__(self, low, high, **kwargs) 和 super().__init__(**kwargs)"
            )
        clip = _custom(model, "limit")
        expect_outputs(model, {"limit": (4,)})
        rebuilt = _rebuilt_from_config(model, clip)
        config = rebuilt.get_layer("limit").get_config()
        for key, wanted in (("low", 0.0), ("high", 1.0)):
            if config.get(key) != wanted:
                raise Wrong(
                    f"层 'limit' 的 {key} 应当是 {wanted}，重建后的配置里是 {config.get(key)!r}："
                    "检查 Clip(low=0.0, high=1.0, ...) 和 get_config"
                )
        for label, which in (("模型", model), ("from_config 重建的模型", rebuilt)):
            result = keras.ops.convert_to_numpy(which(_CLIP_VALUES))
            if not np.allclose(result, _CLIPPED):
                raise Wrong(
                    f"{label}在 {_CLIP_VALUES.ravel().tolist()} 上的输出应当是 {_CLIPPED.ravel().tolist()}，"
                    f"实际是 {np.ravel(result).tolist()}：call 要返回 keras.ops.clip(x, self.low, self.high)"
                )
        return "层 limit 收下了 **kwargs，keras.Model.from_config(..., custom_objects=...) 重建出同样的模型，输出截在 [0, 1] 之间"

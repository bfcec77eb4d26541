"""Lesson 14's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def scale_model(layer):
    """The 14-1 model around ``layer``."""
    values = keras.Input(shape=(4,), name="values")
    return keras.Model(values, layer(values))


class HardCoded(layers.Layer):
    """Multiplies by 3, but takes no factor: nothing for get_config to record."""

    def call(self, x):
        return 3.0 * x


class ForgotFactor(layers.Layer):
    def __init__(self, factor, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, x):
        return self.factor * x

    def get_config(self):
        return super().get_config()  # factor is not added.


class AddsFactor(ForgotFactor):
    def call(self, x):
        return x + self.factor

    def get_config(self):
        return {**super(ForgotFactor, self).get_config(), "factor": self.factor}


class CountsPositions(layers.Layer):
    """Counts every position, padding included: the mask is ignored."""

    def call(self, x, mask=None):
        return keras.ops.sum(keras.ops.ones_like(x[..., :1]), axis=1)


class CountsMask(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, x, mask=None):
        if mask is None:  # No mask: every position counts.
            return keras.ops.sum(keras.ops.ones_like(x[..., :1]), axis=1)
        return keras.ops.sum(keras.ops.cast(mask, "float32"), axis=1, keepdims=True)

    def compute_mask(self, x, mask=None):
        return None


def count_model(counter, *, mask_zero=True):
    """The 14-2 model with ``counter`` after the embedding."""
    tokens = keras.Input(shape=(6,), dtype="int32", name="tokens")
    embedded = layers.Embedding(20, 8, mask_zero=mask_zero, name="embedding")(tokens)
    return keras.Model(tokens, counter(embedded))


class KwargsSwallowed(layers.Layer):
    """Takes **kwargs but does not pass them on: name="limit" is lost."""

    def __init__(self, low, high, **kwargs):
        super().__init__()
        self.low, self.high = low, high

    def call(self, x):
        return keras.ops.clip(x, self.low, self.high)

    def get_config(self):
        return {**super().get_config(), "low": self.low, "high": self.high}


class NoKwargs(KwargsSwallowed):
    """No **kwargs at all; the name is forced in, so the model builds but cannot be rebuilt."""

    def __init__(self, low, high):
        layers.Layer.__init__(self, name="limit")
        self.low, self.high = low, high


class ConfigWithoutHigh(KwargsSwallowed):
    def __init__(self, low, high, **kwargs):
        layers.Layer.__init__(self, **kwargs)
        self.low, self.high = low, high

    def get_config(self):
        return {**layers.Layer.get_config(self), "low": self.low}  # high is left out.


class ClipsBelowOnly(ConfigWithoutHigh):
    def call(self, x):
        return keras.ops.maximum(x, self.low)

    def get_config(self):
        return {**layers.Layer.get_config(self), "low": self.low, "high": self.high}


def clip_model(layer):
    """The 14-3 model around ``layer``."""
    values = keras.Input(shape=(4,), name="values")
    return keras.Model(values, layer(values))


WRONG = [
    ("14-1", "a Lambda layer", lambda: scale_model(layers.Lambda(lambda x: 3.0 * x, name="triple")), "是一个 Lambda 层"),
    ("14-1", "the built-in Rescaling", lambda: scale_model(layers.Rescaling(3.0, name="triple")), "是内置的 Rescaling"),
    ("14-1", "factor hard-coded", lambda: scale_model(HardCoded(name="triple")), "get_config() 返回的字典里没有 factor"),
    ("14-1", "get_config without factor", lambda: scale_model(ForgotFactor(3.0, name="triple")), "没有 factor"),
    ("14-1", "wrong factor", lambda: scale_model(AddsFactor(2.0, name="triple")), "factor 应当是 3.0，实际是 2.0"),
    ("14-1", "adds instead of multiplies", lambda: scale_model(AddsFactor(3.0, name="triple")),
     "输出应当是 [3, 6, 9, 12]"),
    ("14-2", "no mask_zero", lambda: count_model(CountsMask(name="count"), mask_zero=False), "没有设 mask_zero=True"),
    ("14-2", "mask ignored", lambda: count_model(CountsPositions(name="count")),
     "应当数出 [2.0, 6.0, 1.0] 个词，实际是 [6.0, 6.0, 6.0]"),
    ("14-2", "the built-in pooling", lambda: count_model(layers.GlobalAveragePooling1D(name="count")),
     "是内置的 GlobalAveragePooling1D"),
    ("14-3", "kwargs not passed to the parent", lambda: clip_model(KwargsSwallowed(0.0, 1.0, name="limit")),
     "写 def __init__(self, low, high, **kwargs)"),
    ("14-3", "no kwargs", lambda: clip_model(NoKwargs(0.0, 1.0)), "构造函数要写 **kwargs 收下它们"),
    ("14-3", "get_config without high", lambda: clip_model(ConfigWithoutHigh(0.0, 1.0, name="limit")),
     "get_config() 返回的字典里缺了构造函数要的参数"),
    ("14-3", "wrong bound", lambda: clip_model(ClipsBelowOnly(0.0, 6.0, name="limit")), "high 应当是 1.0，重建后的配置里是 6.0"),
    ("14-3", "clips below only", lambda: clip_model(ClipsBelowOnly(0.0, 1.0, name="limit")),
     "输出应当是 [0.0, 0.5, 1.0, 0.25]"),
    ("14-3", "a Lambda layer", lambda: clip_model(layers.Lambda(lambda x: keras.ops.clip(x, 0.0, 1.0), name="limit")),
     "是一个 Lambda 层"),
]

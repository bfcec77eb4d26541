"""Lesson 10's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


class UnregisteredScale(layers.Layer):
    """A right Scale, but not registered: loading without custom_objects cannot find it."""

    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@keras.utils.register_keras_serializable(package="test_lesson10")
class ScaleIgnoringFactor(layers.Layer):
    """Registered, but adds the factor instead of multiplying by it."""

    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs + self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@keras.utils.register_keras_serializable(package="test_lesson10")
class ScaleWithExtraConfig(layers.Layer):
    """Registered, but its config has a key that is not an argument of __init__: loading fails."""

    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor, "units": 3}


def with_scale(scale_layer):
    """The 10-1 model around ``scale_layer``."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    features = layers.Flatten(name="flatten")(scale_layer(image))
    return keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(features))


WRONG = [
    ("10-1", "still a Lambda", lambda: with_scale(layers.Lambda(lambda x: x * 2.0, name="scale")), "还是 Lambda"),
    ("10-1", "not registered", lambda: with_scale(UnregisteredScale(name="scale")), "Scale 没有注册"),
    ("10-1", "adds instead of multiplying", lambda: with_scale(ScaleIgnoringFactor(name="scale")),
     "输出应当是输入乘以 factor"),
    ("10-1", "a config key that __init__ does not take", lambda: with_scale(ScaleWithExtraConfig(name="scale")),
     "用 safe_mode=True 加载失败"),
    ("10-1", "another factor", lambda: with_scale(UnregisteredScale(factor=3.0, name="scale")), "factor 应当是 2.0"),
    ("10-1", "layer named otherwise", lambda: with_scale(UnregisteredScale(name="scaling")), "找不到名为 'scale' 的层"),
    ("10-2", "the layer hidden is called on", lambda: ["flatten"], "方向反了"),
    ("10-2", "one of the two", lambda: ["digit"], "还少了 ['parity']"),
    ("10-2", "hidden itself counted", lambda: ["hidden", "digit", "parity"], "hidden 自己不算"),
    ("10-2", "an unrelated layer", lambda: ["conv"], "逐个看"),
    ("10-2", "one string", lambda: "digit, parity", "而不是一个字符串"),
]

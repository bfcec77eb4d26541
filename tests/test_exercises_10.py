"""Lesson 10's exercises: realistic wrong answers fail with the hint meant for them."""

import pytest
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises import check


class UnregisteredScale(layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@keras.utils.register_keras_serializable(package="test_lesson10")
class ScaleIgnoringFactor(layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs + self.factor  # adds instead of multiplying

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


@keras.utils.register_keras_serializable(package="test_lesson10")
class ScaleWithExtraConfig(layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super().__init__(**kwargs)
        self.factor = factor

    def call(self, inputs):
        return inputs * self.factor

    def get_config(self):
        # "units" is not an argument of __init__: loading fails.
        return {**super().get_config(), "factor": self.factor, "units": 3}


def _with(scale_layer, *, output_name="digit"):
    image = keras.Input(shape=(8, 8, 1), name="image")
    features = layers.Flatten(name="flatten")(scale_layer(image))
    return keras.Model(image, layers.Dense(10, activation="softmax", name=output_name)(features))


WRONG = [
    ("10-1", lambda: _with(layers.Lambda(lambda x: x * 2.0, name="scale")), "还是 Lambda"),
    ("10-1", lambda: _with(UnregisteredScale(name="scale")), "Scale 没有注册"),
    ("10-1", lambda: _with(ScaleIgnoringFactor(name="scale")), "输出应当是输入乘以 factor"),
    ("10-1", lambda: _with(ScaleWithExtraConfig(name="scale")), "用 safe_mode=True 加载失败"),
    ("10-1", lambda: _with(UnregisteredScale(factor=3.0, name="scale")), "factor 应当是 2.0"),
    ("10-1", lambda: _with(UnregisteredScale(name="scaling")), "找不到名为 'scale' 的层"),
    ("10-2", lambda: ["flatten"], "方向反了"),
    ("10-2", lambda: ["digit"], "还少了 ['parity']"),
    ("10-2", lambda: ["hidden", "digit", "parity"], "hidden 自己不算"),
    ("10-2", lambda: ["conv"], "逐个看"),
    ("10-2", lambda: "digit, parity", "而不是一个字符串"),
]


@pytest.mark.parametrize("exercise_id, make_answer, expected", WRONG, ids=[f"{e}-{i}" for i, (e, _, _) in enumerate(WRONG)])
def test_wrong_answer_gets_its_hint(exercise_id, make_answer, expected, rejected):
    line = rejected(exercise_id, make_answer())
    assert expected in line, line


def test_order_and_container_do_not_matter(capsys):
    assert check("10-2", ("parity", "digit"))
    assert check("10-2", {"digit", "parity"})

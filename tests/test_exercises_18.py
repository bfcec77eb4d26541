"""Lesson 18's exercises: realistic wrong answers fail with the hint meant for them."""

import pytest
from tensorflow import keras
from tensorflow.keras import layers


def migrated(*, scale="rescaling", merge=True):
    """The 18-1 model, with one realistic half-done migration switched on by an argument."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    if scale == "lambda":  # Model(...) fixed, but the Lambda layer kept.
        scaled = layers.Lambda(lambda x: x / 16.0, name="scale")(image)
    elif scale == "operator":  # The division written on the tensor: an operation, not a layer.
        scaled = image / 16.0
    elif scale == "times sixteen":
        scaled = layers.Rescaling(16, name="scale")(image)
    else:
        scaled = layers.Rescaling(1 / 16, name="scale")(image)
    flat = layers.Flatten(name="flatten")(scaled)
    hidden = layers.Dense(32, activation="relu", name="hidden")(flat)
    head_input = layers.Concatenate(name="merged")([flat, hidden]) if merge else hidden
    digit = layers.Dense(10, activation="softmax", name="digit")(head_input)
    return keras.Model(inputs=image, outputs=digit)


def features(*, inputs="right", call="second", units=16):
    """The 18-2 model, with one realistic mistake switched on by an argument."""
    left = keras.Input(shape=(64,), name="left")
    right = keras.Input(shape=(64,), name="right")
    shared = layers.Dense(units, activation="relu", name="shared")
    left_features = shared(left)
    right_features = shared(right)
    output = right_features if call == "second" else left_features
    model_inputs = {"right": right, "left": left, "both": [left, right]}[inputs]
    return keras.Model(inputs=model_inputs, outputs=output)


WRONG = [
    ("18-1", "Lambda layer kept", lambda: migrated(scale="lambda"), "模型里还有 Lambda 层 'scale'"),
    ("18-1", "division written on the tensor", lambda: migrated(scale="operator"), "找不到名为 'scale' 的层"),
    ("18-1", "Rescaling the wrong way round", lambda: migrated(scale="times sixteen"), "层 'scale' 应当把像素除以 16"),
    ("18-1", "concatenate dropped", lambda: migrated(merge=False), "找不到名为 'merged' 的层"),
    ("18-2", "first call instead of the second", lambda: features(inputs="left", call="first"),
     "模型的输入是 'left'"),
    ("18-2", "both inputs passed to Model", lambda: features(inputs="both"), "模型应当有 1 个输入"),
    ("18-2", "shared layer of another size", lambda: features(units=8), "输出 'shared' 的形状应当是 (16,)"),
]


@pytest.mark.parametrize(
    ("exercise_id", "answer", "expected"),
    [(exercise_id, build, expected) for exercise_id, _, build, expected in WRONG],
    ids=[f"{exercise_id}-{label}" for exercise_id, label, _, _ in WRONG],
)
def test_realistic_wrong_answers_fail_with_their_hint(exercise_id, answer, expected, rejected):
    line = rejected(exercise_id, answer())
    assert expected in line, line


def test_the_reference_answer_of_18_1_loads_in_safe_mode(tmp_path):
    """What the exercise promises: the migrated model round-trips through .keras with safe_mode=True."""
    import numpy as np

    from keras_functional_guide.exercises import solution

    model = solution("18-1")
    path = tmp_path / "migrated.keras"
    model.save(path)
    loaded = keras.models.load_model(path, safe_mode=True)
    pixels = np.arange(2 * 64, dtype="float32").reshape(2, 8, 8, 1) % 17
    np.testing.assert_array_equal(loaded(pixels).numpy(), model(pixels).numpy())


class _Penalty(layers.Layer):
    """A sparsity layer with one realistic mistake chosen by an argument."""

    def __init__(self, mistake=None, **kwargs):
        super().__init__(**kwargs)
        self.mistake = mistake

    def call(self, x):
        if self.mistake != "no loss":
            rate = 1.0 if self.mistake == "rate forgotten" else 1e-3
            self.add_loss(rate * keras.ops.mean(keras.ops.abs(x)))
        return keras.ops.square(x) if self.mistake == "returns the penalty" else x


def sparse_hidden(*, mistake=None, after="hidden"):
    """The 18-3 model; `after` names the tensor the sparsity layer is called on."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    hidden = layers.Dense(32, activation="relu", name="hidden")(flat)
    if after == "flatten":  # The penalty on the pixels, hidden left to feed digit directly.
        _Penalty(mistake, name="sparsity")(flat)
        return keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(hidden))
    sparse = _Penalty(mistake, name="sparsity")(hidden)
    return keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(sparse))


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (lambda: sparse_hidden(mistake="no loss"), "调用模型之后 model.losses 是空的"),
        (lambda: sparse_hidden(mistake="rate forgotten"), "应当是一个：0.001 × mean(|hidden|)"),
        (lambda: sparse_hidden(mistake="returns the penalty"), "应当原样返回它的输入"),
        (lambda: sparse_hidden(after="flatten"), "模型里找不到名为 'sparsity' 的层"),
    ],
    ids=["add_loss never called", "0.001 forgotten", "layer returns the penalty", "layer left outside the graph"],
)
def test_realistic_wrong_answers_of_18_3_fail_with_their_hint(answer, expected, rejected):
    line = rejected("18-3", answer())
    assert expected in line, line


def test_the_reference_answer_of_18_3_adds_exactly_the_sparsity_loss():
    """Computed here independently: 0.001 × mean(|relu(W·x + b)|) on one batch, with NumPy."""
    import numpy as np

    from keras_functional_guide.exercises import check, solution

    model = solution("18-3")
    x = np.random.default_rng(0).uniform(0, 1, (3, 8, 8, 1)).astype("float32")
    model(x)
    kernel, bias = model.get_layer("hidden").get_weights()
    hidden = np.maximum(x.reshape(3, 64) @ kernel + bias, 0)
    assert len(model.losses) == 1
    np.testing.assert_allclose(float(model.losses[0]), 1e-3 * np.abs(hidden).mean(), rtol=1e-5)
    assert check("18-3", model)

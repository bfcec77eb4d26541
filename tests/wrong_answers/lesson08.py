"""Lesson 08's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import build_sequential_equivalent


def scorer(*, output="score", name="scorer", input_name="features"):
    """The 08-1 model, with one realistic mistake switched on by an argument."""
    features = keras.Input(shape=(16,), name=input_name) if input_name else keras.Input(shape=(16,))
    hidden = layers.Dense(8, activation="relu", name="hidden")(features)
    score = layers.Dense(1, activation="sigmoid", name="score")(hidden)
    outputs = {"score": score, "hidden": hidden}[output]
    return keras.Model(features, outputs, name=name) if name else keras.Model(features, outputs)


def two_by_two(*, inputs_as="dict", outputs_as="dict", output_keys=("score", "embedding"), merge_right=True):
    """The 08-2 model, with inputs and outputs given as dicts, lists, or with wrong keys."""
    left = keras.Input(shape=(3,), name="left")
    right = keras.Input(shape=(2,), name="right")
    merged = layers.Concatenate(name="merged")([left, right] if merge_right else [left, left])
    score = layers.Dense(1, name="score")(merged)
    embedding = layers.Dense(4, name="embedding")(merged)
    inputs = {"left": left, "right": right} if inputs_as == "dict" else [left, right]
    outputs = dict(zip(output_keys, (score, embedding))) if outputs_as == "dict" else [score, embedding]
    return keras.Model(inputs=inputs, outputs=outputs)


def features_from(layer_name, *, use_input=False, name="flatten_features"):
    """The 08-3 answer, cut at ``layer_name``'s output (or input): the right answer cuts at 'flatten''s output."""
    example = build_sequential_equivalent(input_shape=(8, 8, 1), filters=4, fc_units=16, name="tutorial_example")
    cut = example.get_layer(layer_name)
    return keras.Model(inputs=example.input, outputs=cut.input if use_input else cut.output, name=name)


WRONG = [
    ("08-1", "output is the hidden layer", lambda: scorer(output="hidden"), "outputs 应当是最后一层 'score' 的输出"),
    ("08-1", "name forgotten", lambda: scorer(name=None), "模型的名字应当是 'scorer'"),
    ("08-1", "input renamed", lambda: scorer(input_name="x"), "模型应当有 1 个输入 ['features']"),
    ("08-2", "lists instead of dicts", lambda: two_by_two(inputs_as="list", outputs_as="list"),
     "模型的输入是一个列表，不是字典"),
    ("08-2", "outputs still a list", lambda: two_by_two(outputs_as="list"), "模型的输出是一个列表，不是字典"),
    ("08-2", "output keys that are not the layer names", lambda: two_by_two(output_keys=("out", "emb")),
     "模型的输出的键多出 ['emb', 'out']、缺少 ['score', 'embedding']"),
    ("08-2", "output keys swapped", lambda: two_by_two(output_keys=("embedding", "score")),
     "输出字典的键 'embedding' 对应的是名为 'score' 的输出层"),
    ("08-2", "right never merged", lambda: two_by_two(merge_right=False),
     "层 'merged' 的输入应当来自 ['left', 'right']，实际来自 ['left', 'left']"),
    ("08-3", "name forgotten", lambda: features_from("flatten", name=None), "模型的名字应当是 'flatten_features'"),
    ("08-3", "cut at fc", lambda: features_from("fc"), "模型的输出来自层 'fc'，应当来自 'flatten'"),
    ("08-3", "flatten's input instead of its output", lambda: features_from("flatten", use_input=True),
     "模型的输出来自层 'block1_maxpool'，应当来自 'flatten'"),
    ("08-3", "the whole example", lambda: build_sequential_equivalent(input_shape=(8, 8, 1), filters=4, fc_units=16),
     "模型的输出来自层 'predictions'，应当来自 'flatten'"),
]

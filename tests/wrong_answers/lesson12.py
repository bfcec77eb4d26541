"""Lesson 12's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg


def multi_output_features(*names):
    """The 12-1 answer with the outputs of the layers ``names`` (the right answer: 'conv' and 'hidden')."""
    model = kfg.build_multi_output()
    outputs = {name: model.get_layer(name).output for name in names}
    return keras.Model(model.input, outputs if len(names) > 1 else outputs[names[0]])


def conv_too_narrow():
    """12-1's shape of model typed anew, with 8 filters instead of the multi-output model's 16."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    conv = layers.Conv2D(8, 3, padding="same", name="conv")(image)
    hidden = layers.Dense(64, name="hidden")(layers.Flatten(name="flatten")(conv))
    return keras.Model(image, {"conv": conv, "hidden": hidden})


def from_the_encoder(layer_name=None):
    """A model from the encoder's input to its layer ``layer_name``'s output (None: the encoder's own output)."""
    encoder = kfg.build_nested().get_layer("encoder")
    return keras.Model(encoder.input, encoder.output if layer_name is None else encoder.get_layer(layer_name).output)


def through_the_classifier():
    nested = kfg.build_nested()
    return keras.Model(nested.input, nested.get_layer("digit").input)  # The encoder's output, 64 wide.


def whole_classifier():
    nested = kfg.build_nested()
    return keras.Model(nested.input, nested.output)


def grad_model(*, outputs=("conv", "digit")):
    """The 12-3 model from the nested model's layers, with the outputs named in ``outputs``, in that order."""
    nested = kfg.build_nested()
    encoder = nested.get_layer("encoder")
    image = keras.Input(shape=(8, 8, 1), name="image")
    conv_maps = encoder.get_layer("conv")(image)
    features = encoder.get_layer("features")(encoder.get_layer("flatten")(conv_maps))
    digit = nested.get_layer("digit")(features)
    made = {"conv": conv_maps, "digit": digit}
    return keras.Model(image, [made[name] for name in outputs] if len(outputs) > 1 else made[outputs[0]])


def encoder_features_instead_of_prediction():
    encoder = kfg.build_nested().get_layer("encoder")
    return keras.Model(encoder.input, [encoder.get_layer("conv").output, encoder.output])


def fresh_layers():
    """The same network typed anew: right shapes, but none of the nested model's (trained) weights."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    conv_maps = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
    features = layers.Dense(64, activation="relu", name="features")(layers.Flatten(name="flatten")(conv_maps))
    return keras.Model(image, [conv_maps, layers.Dense(10, activation="softmax", name="digit")(features)])


def pooled_merge(*, pool="average", project_query=False, with_query=True):
    """The 12-4 model, with one realistic mistake chosen by an argument."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    query = keras.Input(shape=(10,), name="query")
    conv = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
    pooling = {"average": layers.GlobalAveragePooling2D, "max": layers.GlobalMaxPooling2D, "flatten": layers.Flatten}
    pooled = pooling[pool](name="pool")(conv)
    # A query squeezed to 10 numbers by an extra Dense fits the shapes by accident.
    second = layers.Dense(10, name="query_dense")(query) if project_query else query
    merged = layers.Concatenate(name="merged")([pooled, second] if with_query else [pooled])
    digit = layers.Dense(10, activation="softmax", name="digit")(merged)
    return keras.Model({"image": image, "query": query} if with_query else image, digit)


WRONG = [
    ("12-1", "only hidden", lambda: multi_output_features("hidden"),
     "应当有 2 个输出 ['conv', 'hidden']，实际有 1 个 ['hidden']"),
    ("12-1", "the model's own outputs", lambda: multi_output_features("digit", "parity"), "输出里有原模型的最终输出"),
    ("12-1", "flatten instead of conv", lambda: multi_output_features("flatten", "hidden"),
     "实际有 2 个 ['flatten', 'hidden']"),
    ("12-1", "typed anew, too narrow", conv_too_narrow, "输出 'conv' 的形状应当是 (8, 8, 16)"),
    ("12-2", "the encoder's output", from_the_encoder, "编码器的最终特征"),
    ("12-2", "digit's input in the classifier", through_the_classifier, "编码器的最终特征"),
    ("12-2", "the whole classifier", whole_classifier, "整个分类器的 digit"),
    ("12-2", "conv instead of flatten", lambda: from_the_encoder("conv"), "实际有 1 个 ['conv']"),
    ("12-3", "the prediction only", lambda: grad_model(outputs=("digit",)), "只有预测 digit 一个输出"),
    ("12-3", "outputs reversed", lambda: grad_model(outputs=("digit", "conv")), "输出的顺序反了"),
    ("12-3", "the encoder's features instead of the prediction", encoder_features_instead_of_prediction,
     "第二个输出是编码器的 features"),
    ("12-3", "new layers, not the nested model's", fresh_layers, "digit 层只被调用过一次：它是新建的层"),
    ("12-4", "flattened, not pooled", lambda: pooled_merge(pool="flatten"), "merged 有 1034 维"),
    ("12-4", "max pooling", lambda: pooled_merge(pool="max"), "层 'pool' 应当是 GlobalAveragePooling2D"),
    ("12-4", "the query through a Dense layer", lambda: pooled_merge(project_query=True),
     "层 'merged' 的输入应当来自 ['pool', 'query']"),
    ("12-4", "the query left out", lambda: pooled_merge(with_query=False), "模型应当有 2 个输入"),
]

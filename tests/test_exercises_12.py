"""Lesson 12's exercises: realistic wrong answers fail with the hint meant for them."""

import pytest
from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg


def only_hidden():
    model = kfg.build_multi_output()
    return keras.Model(model.input, model.get_layer("hidden").output)


def whole_model_outputs():
    model = kfg.build_multi_output()
    return keras.Model(model.input, {"digit": model.get_layer("digit").output, "parity": model.get_layer("parity").output})


def flatten_instead_of_conv():
    model = kfg.build_multi_output()
    return keras.Model(model.input, {"flatten": model.get_layer("flatten").output, "hidden": model.get_layer("hidden").output})


def conv_too_narrow():
    image = keras.Input(shape=(8, 8, 1), name="image")
    conv = layers.Conv2D(8, 3, padding="same", name="conv")(image)
    hidden = layers.Dense(64, name="hidden")(layers.Flatten(name="flatten")(conv))
    return keras.Model(image, {"conv": conv, "hidden": hidden})


def encoder_features():
    encoder = kfg.build_nested().get_layer("encoder")
    return keras.Model(encoder.input, encoder.output)


def through_the_classifier():
    nested = kfg.build_nested()
    return keras.Model(nested.input, nested.get_layer("digit").input)  # The encoder's output, 64 wide.


def whole_classifier():
    nested = kfg.build_nested()
    return keras.Model(nested.input, nested.output)


def conv_maps():
    encoder = kfg.build_nested().get_layer("encoder")
    return keras.Model(encoder.input, encoder.get_layer("conv").output)


def _nested_parts():
    nested = kfg.build_nested()
    encoder = nested.get_layer("encoder")
    image = keras.Input(shape=(8, 8, 1), name="image")
    conv_maps = encoder.get_layer("conv")(image)
    features = encoder.get_layer("features")(encoder.get_layer("flatten")(conv_maps))
    return nested, encoder, image, conv_maps, features


def prediction_only():
    nested, _, image, _, features = _nested_parts()
    return keras.Model(image, nested.get_layer("digit")(features))


def outputs_reversed():
    nested, _, image, conv_maps, features = _nested_parts()
    return keras.Model(image, [nested.get_layer("digit")(features), conv_maps])


def encoder_features_instead_of_prediction():
    encoder = kfg.build_nested().get_layer("encoder")
    return keras.Model(encoder.input, [encoder.get_layer("conv").output, encoder.output])


def fresh_layers():
    # The same network typed anew: right shapes, but none of the nested model's (trained) weights.
    image = keras.Input(shape=(8, 8, 1), name="image")
    conv_maps = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
    features = layers.Dense(64, activation="relu", name="features")(layers.Flatten(name="flatten")(conv_maps))
    return keras.Model(image, [conv_maps, layers.Dense(10, activation="softmax", name="digit")(features)])


def _merge_inputs():
    image = keras.Input(shape=(8, 8, 1), name="image")
    query = keras.Input(shape=(10,), name="query")
    conv = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
    return image, query, conv


def _merge_model(image, query, merged):
    digit = layers.Dense(10, activation="softmax", name="digit")(merged)
    return keras.Model({"image": image, "query": query}, digit)


def flatten_instead_of_pool():
    image, query, conv = _merge_inputs()
    return _merge_model(image, query, layers.Concatenate(name="merged")([layers.Flatten(name="pool")(conv), query]))


def max_pooling():
    image, query, conv = _merge_inputs()
    pooled = layers.GlobalMaxPooling2D(name="pool")(conv)
    return _merge_model(image, query, layers.Concatenate(name="merged")([pooled, query]))


def query_through_a_dense_layer():
    # Shapes that fit by accident: the query squeezed to 10 numbers by an extra Dense before merging.
    image, query, conv = _merge_inputs()
    pooled = layers.GlobalAveragePooling2D(name="pool")(conv)
    projected = layers.Dense(10, name="query_dense")(query)
    return _merge_model(image, query, layers.Concatenate(name="merged")([pooled, projected]))


def query_left_out():
    image, _, conv = _merge_inputs()
    merged = layers.Concatenate(name="merged")([layers.GlobalAveragePooling2D(name="pool")(conv)])
    return keras.Model(image, layers.Dense(10, activation="softmax", name="digit")(merged))


@pytest.mark.parametrize(
    "exercise_id, make, expected",
    [
        ("12-1", only_hidden, "应当有 2 个输出 ['conv', 'hidden']，实际有 1 个 ['hidden']"),
        ("12-1", whole_model_outputs, "输出里有原模型的最终输出"),
        ("12-1", flatten_instead_of_conv, "实际有 2 个 ['flatten', 'hidden']"),
        ("12-1", conv_too_narrow, "输出 'conv' 的形状应当是 (8, 8, 16)"),
        ("12-2", encoder_features, "编码器的最终特征"),
        ("12-2", through_the_classifier, "编码器的最终特征"),
        ("12-2", whole_classifier, "整个分类器的 digit"),
        ("12-2", conv_maps, "实际有 1 个 ['conv']"),
        ("12-3", prediction_only, "只有预测 digit 一个输出"),
        ("12-3", outputs_reversed, "输出的顺序反了"),
        ("12-3", encoder_features_instead_of_prediction, "第二个输出是编码器的 features"),
        ("12-3", fresh_layers, "digit 层只在这个模型里被调用过一次"),
        ("12-4", flatten_instead_of_pool, "merged 有 1034 维"),
        ("12-4", max_pooling, "层 'pool' 应当是 GlobalAveragePooling2D"),
        ("12-4", query_through_a_dense_layer, "层 'merged' 的输入应当来自 ['pool', 'query']"),
        ("12-4", query_left_out, "模型应当有 2 个输入"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_wrong_answers_get_their_hint(exercise_id, make, expected, rejected):
    line = rejected(exercise_id, make())
    assert expected in line, line

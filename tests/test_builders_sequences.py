"""build_recurrent_classifier and build_attention_classifier: names, hand-counted parameters,
shapes, bad arguments, a lossless save."""

import numpy as np
import pytest
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data


def dense(units_in, units_out):
    return units_in * units_out + units_out


def lstm(features, units):
    # Four gates (input, forget, cell, output), each with a kernel over the input, a recurrent
    # kernel over the previous output, and a bias.
    return 4 * (units * (units + features) + units)


def gru(features, units):
    # Three gates (update, reset, candidate); Keras 3's reset_after=True (the default) keeps
    # two biases per gate, one for the input and one for the recurrent part.
    return 3 * (units * (units + features) + 2 * units)


def multi_head_attention(query_features, value_features, num_heads, key_dim):
    # Query, key and value projections (each head key_dim wide, with a bias), then the output
    # projection from the heads' values back to the query's size.
    heads = num_heads * key_dim
    query = query_features * heads + heads
    key = value_features * heads + heads
    value = value_features * heads + heads
    output = heads * query_features + query_features
    return query + key + value + output


def layer_normalization(features):
    return 2 * features  # gamma and beta


def rows(count=16):
    return data.load_digits()[1][0][:count].reshape(-1, 8, 8)


def test_default_recurrent_classifier_is_a_gru_with_the_hand_counted_parameters():
    model = kfg.build_recurrent_classifier()
    assert model.name == "recurrent_classifier"
    assert [layer.name for layer in model.layers] == ["rows", "gru", "digit"]
    assert isinstance(model.get_layer("gru"), keras.layers.GRU)
    assert model.get_layer("gru").reset_after
    assert model.get_layer("gru").count_params() == gru(8, 32) == 4_032
    assert model.count_params() == gru(8, 32) + dense(32, 10) == 4_362
    assert [tensor.name for tensor in model.inputs] == ["rows"]
    assert model.input_shape == (None, 8, 8)
    assert model.output_shape == (None, 10)


def test_lstm_cell_and_sizes_are_keyword_arguments():
    model = kfg.build_recurrent_classifier(cell="lstm", sequence_shape=(5, 3), units=7, num_classes=4, name="small")
    assert model.name == "small"
    assert [layer.name for layer in model.layers] == ["rows", "lstm", "digit"]
    assert isinstance(model.get_layer("lstm"), keras.layers.LSTM)
    assert model.get_layer("lstm").count_params() == lstm(3, 7) == 308
    assert model.count_params() == lstm(3, 7) + dense(7, 4)
    assert model.input_shape == (None, 5, 3) and model.output_shape == (None, 4)
    with pytest.raises(TypeError):
        kfg.build_recurrent_classifier("lstm")  # pylint: disable=too-many-function-args


def test_default_attention_classifier_is_a_residual_block_with_the_hand_counted_parameters():
    model = kfg.build_attention_classifier()
    assert model.name == "attention_classifier"
    assert [layer.name for layer in model.layers] == ["rows", "attention", "residual", "norm", "flatten", "digit"]
    assert model.get_layer("attention").count_params() == multi_head_attention(8, 8, 2, 8) == 568
    assert model.count_params() == 568 + layer_normalization(8) + dense(64, 10) == 1_234
    # Self-attention: the rows are the query and the value; the residual adds them back.
    assert kfg.graph.inbound_layers(model, "attention") == ["rows", "rows"]
    assert kfg.graph.inbound_layers(model, "residual") == ["rows", "attention"]
    assert kfg.graph.inbound_layers(model, "norm") == ["residual"]
    assert model.get_layer("norm").output.shape == (None, 8, 8)
    assert model.output_shape == (None, 10)


def test_attention_sizes_are_keyword_arguments():
    model = kfg.build_attention_classifier(sequence_shape=(6, 4), num_heads=3, key_dim=5, num_classes=3)
    assert model.get_layer("attention").count_params() == multi_head_attention(4, 4, 3, 5)
    assert model.count_params() == multi_head_attention(4, 4, 3, 5) + layer_normalization(4) + dense(24, 3)
    assert model.input_shape == (None, 6, 4) and model.output_shape == (None, 3)


def test_the_attention_layer_gives_row_to_row_scores_that_sum_to_one():
    keras.utils.set_random_seed(0)
    model = kfg.build_attention_classifier()
    attended, scores = model.get_layer("attention")(rows(4), rows(4), return_attention_scores=True)
    assert attended.shape == (4, 8, 8)
    assert scores.shape == (4, 2, 8, 8)  # (batch, heads, query rows, key rows)
    np.testing.assert_allclose(scores.numpy().sum(axis=-1), 1.0, rtol=1e-5)


def test_outputs_are_probabilities():
    keras.utils.set_random_seed(0)
    for model in (kfg.build_recurrent_classifier(), kfg.build_recurrent_classifier(cell="lstm"),
                  kfg.build_attention_classifier()):
        probabilities = model(rows()).numpy()
        assert probabilities.shape == (16, 10)
        np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)


@pytest.mark.parametrize(
    "build, arguments, message",
    [
        (kfg.build_recurrent_classifier, {"cell": "rnn"}, r"cell must be one of 'gru', 'lstm', got 'rnn'"),
        (kfg.build_recurrent_classifier, {"cell": "GRU"}, r"got 'GRU'"),
        (kfg.build_recurrent_classifier, {"sequence_shape": (8, 8, 1)}, r"sequence_shape must be a shape: a tuple of 2"),
        (kfg.build_recurrent_classifier, {"sequence_shape": (None, 8)}, r"sequence_shape must be .* got \(None, 8\)"),
        (kfg.build_recurrent_classifier, {"units": 0}, r"units must be an integer >= 1, got 0"),
        (kfg.build_recurrent_classifier, {"units": 16.0}, r"units must be an integer >= 1, got 16.0"),
        (kfg.build_recurrent_classifier, {"num_classes": 1}, r"num_classes must be an integer >= 2, got 1"),
        (kfg.build_recurrent_classifier, {"name": "a/b"}, r"name must be a non-empty string without '/'"),
        (kfg.build_attention_classifier, {"sequence_shape": 64}, r"sequence_shape must be a shape: .* got 64"),
        (kfg.build_attention_classifier, {"num_heads": 0}, r"num_heads must be an integer >= 1, got 0"),
        (kfg.build_attention_classifier, {"key_dim": True}, r"key_dim must be an integer >= 1, got True"),
        (kfg.build_attention_classifier, {"num_classes": 1}, r"num_classes must be an integer >= 2, got 1"),
        (kfg.build_attention_classifier, {"name": ""}, r"name must be a non-empty string"),
    ],
)
def test_bad_arguments_are_value_errors_before_any_layer_is_built(build, arguments, message):
    with pytest.raises(ValueError, match=message):
        build(**arguments)
    # Nothing was built: the first layer made now gets the first automatic name.
    assert keras.layers.Dense(1).name == "dense"


@pytest.mark.parametrize("build", [
    kfg.build_recurrent_classifier,
    lambda: kfg.build_recurrent_classifier(cell="lstm"),
    kfg.build_attention_classifier,
], ids=["gru", "lstm", "attention"])
def test_keras_round_trip_in_safe_mode_gives_identical_predictions(build, tmp_path):
    keras.utils.set_random_seed(0)
    model = build()
    path = tmp_path / "sequences.keras"
    model.save(path)
    loaded = keras.models.load_model(path, safe_mode=True)
    np.testing.assert_array_equal(model(rows()).numpy(), loaded(rows()).numpy())
    kfg.assert_same_network(model, loaded)

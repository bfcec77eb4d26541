"""Lesson 25's exercises, beyond the table of wrong answers (``wrong_answers/lesson25.py``)."""

import numpy as np
import pytest
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import data
from keras_functional_guide.exercises import check, reference


def _gru_encoder_decoder(*, state_as_list=True, state_from_output=False):
    top = keras.Input(shape=(4, 8), name="top")
    bottom = keras.Input(shape=(4, 8), name="bottom")
    output, h = layers.GRU(24, return_state=True, name="encoder")(top)
    state = output if state_from_output else h
    decoder = layers.GRU(24, return_sequences=True, name="decoder")
    decoded = decoder(bottom, initial_state=[state] if state_as_list else state)
    next_rows = layers.Dense(8, activation="sigmoid", name="next_rows")(decoded)
    return keras.Model({"top": top, "bottom": bottom}, next_rows)


@pytest.mark.parametrize("arguments", [
    {"state_as_list": False},        # initial_state=h, without the list
    {"state_from_output": True},     # a GRU's last output is its state h
], ids=["state not in a list", "last output as the state"])
def test_other_right_spellings_of_25_1_pass(arguments, capsys):
    assert check("25-1", _gru_encoder_decoder(**arguments))
    assert capsys.readouterr().out.startswith("✓ 25-1 ")


def test_a_gru_last_output_is_its_state_h_so_the_checker_may_accept_it():
    # What the checker accepts for 25-1 is true: with return_sequences=False, output == h.
    keras.utils.set_random_seed(0)
    rows = keras.Input(shape=(4, 8))
    output, h = layers.GRU(24, return_state=True)(rows)
    got_output, got_h = keras.Model(rows, [output, h])(data.load_digits()[0][0][:8].reshape(-1, 8, 8)[:, :4])
    np.testing.assert_array_equal(got_output.numpy(), got_h.numpy())


def test_25_2_accepts_the_residual_inputs_in_either_order(capsys):
    rows = keras.Input(shape=(8, 8), name="rows")
    attended = layers.MultiHeadAttention(num_heads=4, key_dim=4, name="attention")(query=rows, value=rows)
    x = layers.LayerNormalization(name="norm")(layers.Add(name="residual")([attended, rows]))
    forward = layers.Dense(8, activation="relu", name="feed_forward")(x)
    x = layers.LayerNormalization(name="norm_2")(layers.Add(name="residual_2")([forward, x]))
    assert check("25-2", keras.Model(rows, x))
    assert capsys.readouterr().out.startswith("✓ 25-2 ")


def test_the_25_3_reference_skips_what_was_padded_with_minus_one():
    # The statement's claim: Masking(-1.0) makes a sequence padded with -1 read like the short one.
    keras.utils.set_random_seed(0)
    model = reference("25-3")
    short = data.load_digits()[1][0][:4].reshape(-1, 8, 8)[:, :5]
    padded = np.concatenate([short, -np.ones((4, 3, 8), "float32")], axis=1)
    np.testing.assert_allclose(model(padded).numpy(), model(short).numpy(), atol=1e-6)
    assert model.get_layer("both_ways").output.shape == (None, 24)

"""What the lower bounds of pyproject.toml must get right: run by ``nox -s oldest``.

keras 3.14.0 pairs the labels of a list-output functional model with the wrong
head when the labels come as a dict keyed by output name (keras-team/keras#22625):
it lines the outputs up in the model's order but the dict's labels in
sorted-name order, so each compiled metric compares one head's predictions with
another head's labels, silently. 3.13.2 was right; 3.14.1 and 3.15 carry the
fix (keras-team/keras#22663). pyproject.toml excludes 3.14.0, and this test
proves the versions it allows, wherever it runs.

The expected values are computed with NumPy from weights set by hand, never
from Keras's own predictions.
"""

import numpy as np
import pytest

INPUT_DIM = 4
NUM_CLASSES = 10
NUM_SAMPLES = 8
# How many samples each head gets right, by construction of the labels below.
# Different counts, so a metric fed the other head's labels cannot match.
DIGIT_RIGHT = 5
PARITY_RIGHT = 3


def _weights():
    """Fixed inputs and head weights: the logits of both heads are known exactly."""
    rng = np.random.default_rng(22625)
    x = rng.normal(size=(NUM_SAMPLES, INPUT_DIM)).astype("float32")
    digit_kernel = rng.normal(size=(INPUT_DIM, NUM_CLASSES)).astype("float32")
    digit_bias = rng.normal(size=(NUM_CLASSES,)).astype("float32")
    parity_kernel = rng.normal(size=(INPUT_DIM, 1)).astype("float32")
    parity_bias = np.array([0.1], dtype="float32")
    return x, (digit_kernel, digit_bias), (parity_kernel, parity_bias)


def _labels(x, digit_weights, parity_weights):
    """Labels that the heads get right for exactly DIGIT_RIGHT and PARITY_RIGHT samples.

    Softmax keeps the argmax of the logits and a sigmoid is above 0.5 exactly
    where its logit is positive, so NumPy's logits decide what each head predicts.
    """
    digit_logits = x @ digit_weights[0] + digit_weights[1]
    parity_logits = x @ parity_weights[0] + parity_weights[1]
    predicted_digit = digit_logits.argmax(axis=1)
    predicted_parity = (parity_logits[:, 0] > 0).astype("int64")
    # A margin keeps float32 rounding in TensorFlow from flipping a prediction.
    assert np.min(np.abs(parity_logits)) > 1e-3
    top_two = np.sort(digit_logits, axis=1)[:, -2:]
    assert np.min(top_two[:, 1] - top_two[:, 0]) > 1e-3

    digit = predicted_digit.copy()
    digit[DIGIT_RIGHT:] = (predicted_digit[DIGIT_RIGHT:] + 1) % NUM_CLASSES
    parity = predicted_parity.copy()
    parity[PARITY_RIGHT:] = 1 - predicted_parity[PARITY_RIGHT:]
    return digit, parity


def _model(output_order, digit_weights, parity_weights):
    from tensorflow import keras
    from tensorflow.keras import layers

    features = keras.Input(shape=(INPUT_DIM,), name="features")
    heads = {
        "digit": layers.Dense(NUM_CLASSES, activation="softmax", name="digit")(features),
        "parity": layers.Dense(1, activation="sigmoid", name="parity")(features),
    }
    model = keras.Model(features, [heads[name] for name in output_order], name="two_heads")
    model.get_layer("digit").set_weights(list(digit_weights))
    model.get_layer("parity").set_weights(list(parity_weights))
    return model


# ("parity", "digit") is the order keras 3.14.0 gets wrong: not the sorted order
# of the names, which is the order it reads a dict of labels in.
@pytest.mark.parametrize("output_order", [("digit", "parity"), ("parity", "digit")], ids="-".join)
@pytest.mark.parametrize("labels_as", ["dict", "list"])
def test_dict_metrics_of_a_list_output_model_measure_their_own_head(output_order, labels_as):
    import keras

    x, digit_weights, parity_weights = _weights()
    digit, parity = _labels(x, digit_weights, parity_weights)
    model = _model(output_order, digit_weights, parity_weights)
    assert model.output_names == list(output_order)
    model.compile(
        loss={"digit": "sparse_categorical_crossentropy", "parity": "binary_crossentropy"},
        metrics={"digit": ["accuracy"], "parity": ["accuracy"]},
    )
    targets = {"digit": digit, "parity": parity.reshape(-1, 1).astype("float32")}
    y = targets if labels_as == "dict" else [targets[name] for name in output_order]

    result = model.evaluate(x, y, batch_size=NUM_SAMPLES, verbose=0, return_dict=True)

    expected = {"digit_accuracy": DIGIT_RIGHT / NUM_SAMPLES, "parity_accuracy": PARITY_RIGHT / NUM_SAMPLES}
    got = {name: result.get(name) for name in expected}
    assert got == pytest.approx(expected, abs=1e-6), (
        f"keras {keras.__version__}: each head's accuracy should be measured on its own labels "
        f"(keras-team/keras#22625); evaluate returned {result}"
    )


def test_the_labels_give_each_head_its_own_count():
    """The hand computation itself: the counts the test above expects."""
    x, digit_weights, parity_weights = _weights()
    digit, parity = _labels(x, digit_weights, parity_weights)
    digit_probabilities = np.exp(x @ digit_weights[0] + digit_weights[1])
    digit_probabilities /= digit_probabilities.sum(axis=1, keepdims=True)
    parity_probability = 1 / (1 + np.exp(-(x @ parity_weights[0] + parity_weights[1])[:, 0]))
    assert np.sum(digit_probabilities.argmax(axis=1) == digit) == DIGIT_RIGHT
    assert np.sum((parity_probability > 0.5) == parity) == PARITY_RIGHT

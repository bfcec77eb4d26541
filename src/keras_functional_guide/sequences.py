"""延伸：序列、循环层与注意力: a digit read as a sequence of its 8 rows.

Each 8×8 digit is 8 time steps of 8 pixels, ``(time, features)``. Two
classifiers read it: a recurrent one (a GRU or an LSTM, whose last output
feeds the softmax) and a tiny transformer block (self-attention over the
rows, a residual ``Add`` and ``LayerNormalization``).

Taught in ``notebooks/25_sequences_attention.ipynb``.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide._validation import check_int, check_name, check_shape

CELLS = ("gru", "lstm")


def build_recurrent_classifier(
    *, cell="gru", sequence_shape=(8, 8), units=32, num_classes=10, name="recurrent_classifier"
):
    """Builds a classifier that reads a sequence with one recurrent layer.

    ``rows`` → ``gru`` (or ``lstm``) → ``digit``: the recurrent layer reads the
    time steps in order and hands its last output (``return_sequences=False``)
    to a softmax. Its layer is named after the cell, so a lesson can ask for
    ``model.get_layer("gru")``.

    Taught in ``notebooks/25_sequences_attention.ipynb``.

    Args:
        cell: ``"gru"`` (``layers.GRU``) or ``"lstm"`` (``layers.LSTM``).
        sequence_shape: Shape (time steps, features) of the ``rows`` input;
            a digit is 8 rows of 8 pixels.
        units: Units of the recurrent layer (the size of its output and state).
        num_classes: Number of classes of the ``digit`` output, at least 2.
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with input ``rows`` and output ``digit``
        (class probabilities).

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {', '.join(repr(each) for each in CELLS)}, got {cell!r}")
    sequence_shape = check_shape("sequence_shape", sequence_shape, rank=2)
    units = check_int("units", units)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    name = check_name("name", name)

    recurrent_layer = layers.GRU if cell == "gru" else layers.LSTM
    rows = keras.Input(shape=sequence_shape, name="rows")
    last_output = recurrent_layer(units, name=cell)(rows)
    digit = layers.Dense(num_classes, activation="softmax", name="digit")(last_output)
    return keras.Model(inputs=rows, outputs=digit, name=name)


def build_attention_classifier(
    *, sequence_shape=(8, 8), num_heads=2, key_dim=8, num_classes=10, name="attention_classifier"
):
    """Builds a classifier around one tiny transformer block: self-attention over the time steps.

    ``rows`` → ``attention`` (``MultiHeadAttention`` called as ``(rows, rows)``:
    every row looks at every row) → ``residual`` (``Add`` of ``rows`` and the
    attention's output) → ``norm`` (``LayerNormalization``) → ``flatten`` →
    ``digit``. Attention alone does not know the order of the rows; ``flatten``
    keeps each row's place, so the softmax does.

    Taught in ``notebooks/25_sequences_attention.ipynb``.

    Args:
        sequence_shape: Shape (time steps, features) of the ``rows`` input.
        num_heads: Attention heads.
        key_dim: Size of each head's queries and keys (and values).
        num_classes: Number of classes of the ``digit`` output, at least 2.
        name: Name of the model.

    Returns:
        An uncompiled ``keras.Model`` with input ``rows`` and output ``digit``
        (class probabilities). Its layer ``attention`` returns the attention
        scores when called with ``return_attention_scores=True``.

    Raises:
        ValueError: If an argument is out of range or of the wrong type.
    """
    sequence_shape = check_shape("sequence_shape", sequence_shape, rank=2)
    num_heads = check_int("num_heads", num_heads)
    key_dim = check_int("key_dim", key_dim)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    name = check_name("name", name)

    rows = keras.Input(shape=sequence_shape, name="rows")
    attended = layers.MultiHeadAttention(num_heads=num_heads, key_dim=key_dim, name="attention")(rows, rows)
    # The residual Add needs the attention's output as wide as its input: MultiHeadAttention's
    # output has the query's last size unless output_shape says otherwise.
    block = layers.Add(name="residual")([rows, attended])
    block = layers.LayerNormalization(name="norm")(block)
    flat = layers.Flatten(name="flatten")(block)
    digit = layers.Dense(num_classes, activation="softmax", name="digit")(flat)
    return keras.Model(inputs=rows, outputs=digit, name=name)

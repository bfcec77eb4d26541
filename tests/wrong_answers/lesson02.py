"""Lesson 02's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def three_inputs(*, ink_name="ink", ink_shape=(1,), query_dtype="int32", merge_ink=True, list_ink=True,
                 ink_after_hidden=False, hidden_units=64, ink_dtype="float32", inputs_as="dict"):
    """The 02-1 model, with one realistic mistake switched on by an argument."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    query = keras.Input(shape=(1,), dtype=query_dtype, name="query")
    ink = (keras.Input(shape=ink_shape, dtype=ink_dtype, name=ink_name) if ink_name
           else keras.Input(shape=ink_shape, dtype=ink_dtype))
    image_features = layers.Conv2D(16, 3, padding="same", activation="relu", name="image_conv")(image)
    image_features = layers.Flatten(name="image_flatten")(image_features)
    query_features = layers.Flatten(name="query_flatten")(layers.Embedding(10, 8, name="query_embedding")(query))
    parts = [image_features, query_features] + ([ink] if merge_ink and not ink_after_hidden else [])
    merged = layers.Concatenate(name="merge")(parts)
    hidden = layers.Dense(hidden_units, activation="relu", name="hidden")(merged)
    if ink_after_hidden:
        hidden = layers.Concatenate(name="late_merge")([hidden, ink])
    match = layers.Dense(1, activation="sigmoid", name="match")(hidden)
    inputs = {"image": image, "query": query}
    if list_ink:
        inputs[ink_name or "ink"] = ink
    if inputs_as == "list":
        inputs = list(inputs.values())
    return keras.Model(inputs=inputs, outputs={"match": match})


def two_branches(*, shared=False, concatenate_inputs_first=False, swap=False, units=16, output_activation="softmax",
                 inputs_as="dict"):
    """The 02-2 model, with one realistic mistake switched on by an argument."""
    rows = keras.Input(shape=(8,), name="rows")
    columns = keras.Input(shape=(8,), name="columns")
    if concatenate_inputs_first:
        merged = layers.Concatenate(name="merge")([rows, columns])
        merged = layers.Dense(units, activation="relu", name="rows_dense")(merged)
    elif shared:
        dense = layers.Dense(units, activation="relu", name="rows_dense")
        merged = layers.Concatenate(name="merge")([dense(rows), dense(columns)])
    else:
        first, second = (columns, rows) if swap else (rows, columns)
        rows_features = layers.Dense(units, activation="relu", name="rows_dense")(first)
        columns_features = layers.Dense(units, activation="relu", name="columns_dense")(second)
        merged = layers.Concatenate(name="merge")([rows_features, columns_features])
    digit = layers.Dense(10, activation=output_activation, name="digit")(merged)
    inputs = {"rows": rows, "columns": columns} if inputs_as == "dict" else [rows, columns]
    return keras.Model(inputs=inputs, outputs={"digit": digit})


WRONG = [
    ("02-1", "ink without a name", lambda: three_inputs(ink_name=None), "有一个输入没有起名 'ink'"),
    ("02-1", "ink made but not passed to Model", lambda: three_inputs(merge_ink=False, list_ink=False),
     "模型应当有 3 个输入"),
    ("02-1", "ink listed but never merged", lambda: three_inputs(merge_ink=False), "输入 'ink' 没有接到拼接层 'merge' 上"),
    ("02-1", "ink merged after hidden", lambda: three_inputs(ink_after_hidden=True), "输入 'ink' 没有接到拼接层 'merge' 上"),
    ("02-1", "ink per image row", lambda: three_inputs(ink_shape=(8,)), "输入 'ink' 的形状应当是 (1,)"),
    ("02-1", "query left float", lambda: three_inputs(query_dtype="float32"), "dtype 应当是 int32"),
    ("02-1", "inputs as a list", lambda: three_inputs(inputs_as="list"), "模型的输入是一个列表，不是字典"),
    ("02-1", "ink as an integer", lambda: three_inputs(ink_dtype="int32"), "dtype 应当是 float32，实际是 int32"),
    ("02-1", "hidden of another size", lambda: three_inputs(hidden_units=32), "层 'hidden' 应当有 64 个单元"),
    ("02-1", "a Sequential over the image alone",
     lambda: keras.Sequential([keras.Input(shape=(8, 8, 1), name="image"), layers.Flatten(),
                               layers.Dense(1, activation="sigmoid")]),
     "答案是一个 Sequential 模型"),
    ("02-2", "a Sequential over the rows alone",
     lambda: keras.Sequential([keras.Input(shape=(8,), name="rows"), layers.Dense(16, activation="relu"),
                               layers.Dense(10, activation="softmax")]),
     "答案是一个 Sequential 模型"),
    ("02-2", "inputs concatenated before any Dense", lambda: two_branches(concatenate_inputs_first=True),
     "'merge' 直接拼接了两个输入"),
    ("02-2", "one Dense shared by both inputs", lambda: two_branches(shared=True), "被调用了 2 次"),
    ("02-2", "branches swapped", lambda: two_branches(swap=True), "层 'rows_dense' 的输入应当来自 ['rows']"),
    ("02-2", "inputs as a list", lambda: two_branches(inputs_as="list"), "模型的输入是一个列表，不是字典"),
    ("02-2", "branches too wide", lambda: two_branches(units=32), "应当有 16 个单元"),
    ("02-2", "sigmoid output", lambda: two_branches(output_activation="sigmoid"), "激活函数应当是 'softmax'"),
]

"""Lesson 22's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def wiring(mistake=None):
    """The 22-1 model, with one realistic mistake (or one of the snippet's errors left in) chosen by name."""
    features = keras.Input(shape=(4,), name="features")
    extra = keras.Input(shape=(2,), name="extra")
    if mistake == "only features":
        merged = features
    elif mistake == "add instead of concatenate":
        padded = layers.Dense(4, name="pad")(extra)
        merged = layers.Add(name="merged")([features, padded])
    else:
        merged = layers.Concatenate(name="merged")([features, extra])
    hidden = layers.Dense(8 if mistake == "units" else 16,
                          activation=None if mistake == "no relu" else "relu", name="hidden")(merged)
    if mistake == "hidden skipped":
        label = layers.Dense(3, activation="softmax", name="label")(merged)
    else:
        label = layers.Dense(3, activation="softmax", name="label")(hidden)
    if mistake == "one input":
        return keras.Model(features, layers.Dense(3, activation="softmax", name="label")(
            layers.Dense(16, activation="relu", name="hidden")(features)))
    if mistake == "outputs hidden":
        return keras.Model(inputs=[features, extra], outputs=hidden)
    if mistake == "the layer":
        return layers.Dense(16, activation="relu", name="hidden")
    if mistake == "sequential":
        return keras.Sequential([keras.Input(shape=(6,)), layers.Dense(16, activation="relu"), layers.Dense(3)])
    return keras.Model(inputs=[features, extra], outputs=label)


def classifier(mistake=None):
    """The 22-2 model, with one of the exercise's three errors left in (or another mistake) chosen by name."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    if mistake == "no flatten":
        digit = layers.Dense(10, activation="softmax", name="digit")(image)
    else:
        digit = layers.Dense(10, activation=None if mistake == "logits" else "softmax",
                             name="digit")(layers.Flatten(name="flatten")(image))
    model = keras.Model(image, digit)
    if mistake == "not compiled":
        return model
    loss = "sparse_categorical_crossentropy"
    if mistake == "categorical":
        loss = "categorical_crossentropy"
    if mistake in ("from_logits", "logits"):
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    if mistake == "binary":
        loss = "binary_crossentropy"
    metrics = [] if mistake == "no metric" else ["accuracy"]
    model.compile(optimizer="sgd" if mistake == "sgd" else "adam", loss=loss, metrics=metrics)
    return model


WRONG = [
    ("22-1", "only the features input", lambda: wiring("only features"), "应当正好有一个 Concatenate 层，实际有 0 个"),
    ("22-1", "Add in place of Concatenate", lambda: wiring("add instead of concatenate"), "应当正好有一个 Concatenate 层"),
    ("22-1", "hidden with 8 units", lambda: wiring("units"), "应当有 16 个单元"),
    ("22-1", "hidden without relu", lambda: wiring("no relu"), "激活函数应当是 'relu'"),
    ("22-1", "label on merged, hidden left out", lambda: wiring("hidden skipped"), "找不到名为 'hidden' 的层"),
    ("22-1", "the hidden tensor as the output", lambda: wiring("outputs hidden"), "找不到名为 'label' 的层"),
    ("22-1", "the layer, never called", lambda: wiring("the layer"), "答案是一个层 (Dense)"),
    ("22-1", "a Sequential model", lambda: wiring("sequential"), "答案是一个 Sequential 模型"),
    ("22-2", "Dense on the image, no Flatten", lambda: classifier("no flatten"), "应当正好有一个 Flatten 层"),
    ("22-2", "categorical_crossentropy for integer labels", lambda: classifier("categorical"), "categorical_crossentropy 要独热标签"),
    ("22-2", "from_logits=True left in", lambda: classifier("from_logits"), "from_logits=True"),
    ("22-2", "logits output, softmax removed", lambda: classifier("logits"), "激活函数应当是 'softmax'"),
    ("22-2", "binary_crossentropy", lambda: classifier("binary"), "损失是 binary_crossentropy"),
    ("22-2", "not compiled", lambda: classifier("not compiled"), "模型还没有 compile"),
    ("22-2", "no accuracy metric", lambda: classifier("no metric"), "指标里没有准确率"),
    ("22-2", "sgd in place of adam", lambda: classifier("sgd"), "优化器是 SGD"),
]

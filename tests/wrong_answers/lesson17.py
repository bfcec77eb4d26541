"""Lesson 17's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def skip_classifier(*, merge=True, merge_from=("flatten", "hidden"), hidden_units=32, hidden_activation="relu",
                    merged_name="merged"):
    """The 17-1 model, with one realistic mistake switched on by an argument."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    flat = layers.Flatten(name="flatten")(image)
    hidden = layers.Dense(hidden_units, activation=hidden_activation, name="hidden")(flat)
    tensors = {"flatten": flat, "hidden": hidden}
    head_input = hidden
    if merge:
        head_input = layers.Concatenate(name=merged_name)([tensors[name] for name in merge_from])
    digit = layers.Dense(10, activation="softmax", name="digit")(head_input)
    return keras.Model(inputs=image, outputs=digit)


class SkipClassifier(keras.Model):
    """The subclassed model that 17-1 asks to rewrite."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.flatten = layers.Flatten(name="flatten")
        self.hidden = layers.Dense(32, activation="relu", name="hidden")
        self.merged = layers.Concatenate(name="merged")
        self.digit = layers.Dense(10, activation="softmax", name="digit")

    def call(self, image):
        flat = self.flatten(image)
        return self.digit(self.merged([flat, self.hidden(flat)]))


def the_subclassed_model_itself():
    model = SkipClassifier()
    model(keras.ops.zeros((1, 8, 8, 1)))
    return model


def two_heads(*, unpack_trunk=False, trunk_name="trunk", parity=True, parity_from_image=False):
    """The 17-2 model, with one realistic mistake switched on by an argument."""
    image = keras.Input(shape=(8, 8, 1), name="image")
    if unpack_trunk:
        features = layers.Dense(32, activation="relu", name="hidden")(layers.Flatten(name="flatten")(image))
    else:
        trunk = keras.Sequential(
            [keras.Input(shape=(8, 8, 1)), layers.Flatten(name="flatten"),
             layers.Dense(32, activation="relu", name="hidden")],
            name=trunk_name,
        )
        features = trunk(image)
    outputs = {"digit": layers.Dense(10, activation="softmax", name="digit")(features)}
    if parity:
        source = layers.Flatten(name="image_flatten")(image) if parity_from_image else features
        outputs["parity"] = layers.Dense(1, activation="sigmoid", name="parity")(source)
    return keras.Model(inputs=image, outputs=outputs)


WRONG = [
    ("17-1", "the subclassed model handed in as it is", the_subclassed_model_itself, "答案是一个子类化模型"),
    ("17-1", "skip connection left out", lambda: skip_classifier(merge=False), "找不到名为 'merged' 的层"),
    ("17-1", "hidden concatenated with itself", lambda: skip_classifier(merge_from=("hidden", "hidden")),
     "层 'merged' 的输入应当来自 ['flatten', 'hidden']"),
    ("17-1", "hidden of another size", lambda: skip_classifier(hidden_units=64), "层 'hidden' 应当有 32 个单元"),
    ("17-1", "hidden without its relu", lambda: skip_classifier(hidden_activation=None),
     "层 'hidden' 的激活函数应当是 'relu'，实际是 'linear'"),
    ("17-1", "Concatenate left unnamed", lambda: skip_classifier(merged_name=None), "找不到名为 'merged' 的层"),
    ("17-2", "trunk's layers unpacked", lambda: two_heads(unpack_trunk=True), "把整个 Sequential 模型 trunk 当作一个层来调用"),
    ("17-2", "trunk left with its default name", lambda: two_heads(trunk_name=None), "找不到名为 'trunk' 的层"),
    ("17-2", "parity head missing", lambda: two_heads(parity=False), "模型应当有 2 个输出"),
    ("17-2", "parity head on the raw image", lambda: two_heads(parity_from_image=True),
     "层 'parity' 的输入应当来自 ['trunk']"),
]

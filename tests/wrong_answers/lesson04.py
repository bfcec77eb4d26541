"""Lesson 04's realistic wrong answers (see ``__init__``)."""

from tensorflow import keras
from tensorflow.keras import layers


def dag(*, project_filters=16, shortcut=None, shortcut_kernel=1, shortcut_from="stem", add=("stem", "project"),
        branch_5x5=None, branch_5x5_kernel=5, branch_5x5_from="stem", concatenate_5x5=True):
    """The lesson's DAG with the changes a learner might make (or get wrong).

    ``shortcut``/``branch_5x5``: filters of the extra layer, or None for no such layer.
    ``add``: the names of the two tensors ``residual`` adds.
    """
    image = keras.Input(shape=(8, 8, 1), name="image")
    tensors = {"image": image}
    tensors["stem"] = layers.Conv2D(16, 3, padding="same", activation="relu", name="stem")(image)
    stem = tensors["stem"]
    branches = [
        layers.Conv2D(16, 1, padding="same", activation="relu", name="branch_1x1")(stem),
        layers.Conv2D(16, 3, padding="same", activation="relu", name="branch_3x3")(stem),
    ]
    tensors["branch_3x3"] = branches[1]
    pooled = layers.MaxPooling2D(3, strides=1, padding="same", name="branch_pool")(stem)
    branches.append(layers.Conv2D(16, 1, padding="same", activation="relu", name="branch_pool_1x1")(pooled))
    if branch_5x5 is not None:
        extra = layers.Conv2D(branch_5x5, branch_5x5_kernel, padding="same", activation="relu", name="branch_5x5")(
            tensors[branch_5x5_from]
        )
        if concatenate_5x5:
            branches.append(extra)
    tensors["mixed"] = layers.Concatenate(name="mixed")(branches)
    tensors["project"] = layers.Conv2D(project_filters, 1, padding="same", name="project")(tensors["mixed"])
    if shortcut is not None:
        tensors["shortcut"] = layers.Conv2D(shortcut, shortcut_kernel, padding="same", name="shortcut")(
            tensors[shortcut_from]
        )
    residual = layers.Add(name="residual")([tensors[name] for name in add])
    features = layers.Flatten(name="flatten")(layers.Activation("relu", name="residual_relu")(residual))
    digit = layers.Dense(10, activation="softmax", name="digit")(features)
    return keras.Model(image, digit, name="dag_variant")


WRONG = [
    # A 3×3 convolution on the shortcut: it works, but it is not a projection.
    ("04-1", "a 3x3 shortcut", lambda: dag(project_filters=32, shortcut=32, shortcut_kernel=3, add=("shortcut", "project")),
     "shortcut 的卷积核大小应当是 1×1，实际是 3×3"),
    # The projection is taken from the image instead of the stem.
    ("04-1", "shortcut from the image",
     lambda: dag(project_filters=32, shortcut=32, shortcut_from="image", add=("shortcut", "project")),
     "shortcut 应当接在 stem 的输出上，实际接在 ['image'] 上"),
    # The shortcut layer is made but never used: stem is still added to project.
    ("04-1", "shortcut left dangling", lambda: dag(shortcut=32), "模型里没有名为 'shortcut' 的层"),
    # Project kept at 16 filters, so the shortcut was made 16 wide too.
    ("04-1", "16 filters", lambda: dag(shortcut=16, add=("shortcut", "project")), "shortcut 应当有 32 个卷积核，实际有 16 个"),
    # A typo: the same tensor twice in Add's list, so the block's output is dropped.
    ("04-1", "the same tensor twice", lambda: dag(project_filters=32, shortcut=32, add=("shortcut", "shortcut")),
     "residual 应当把 shortcut 与 project 的输出相加，实际加的是 ['shortcut', 'shortcut']"),
    ("04-1", "the lesson's DAG unchanged", lambda: dag(), "模型里没有名为 'shortcut' 的层"),
    # The new branch chained after the 3×3 branch instead of beside it.
    ("04-2", "chained after branch_3x3", lambda: dag(branch_5x5=16, branch_5x5_from="branch_3x3"),
     "branch_5x5 接在了 ['branch_3x3'] 后面，成了串联"),
    # Built but not put into the Concatenate list: Keras drops it from the model.
    ("04-2", "not concatenated", lambda: dag(branch_5x5=16, concatenate_5x5=False),
     "还要把它的输出放进 mixed 的 Concatenate 列表"),
    ("04-2", "a 3x3 kernel", lambda: dag(branch_5x5=16, branch_5x5_kernel=3), "branch_5x5 的卷积核大小应当是 5×5，实际是 3×3"),
    ("04-2", "32 filters", lambda: dag(branch_5x5=32), "branch_5x5 应当有 16 个卷积核，实际有 32 个"),
]

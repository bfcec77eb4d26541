"""Exercises of lesson 04 (§1.1 有向无环图模型), posed in ``notebooks/04_dag.ipynb``.

Both change the lesson's DAG (the network of :func:`keras_functional_guide.build_dag`:
image 8×8×1, 16 filters, 10 classes): its residual connection, then its branches.
"""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import graph
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
)

LESSON = "04_dag.ipynb"
BRANCHES = ["branch_1x1", "branch_3x3", "branch_pool_1x1"]


def _kernel(size):
    return "×".join(str(each) for each in size)


def _conv(model, name, *, kernel_size, filters, missing):
    """The Conv2D ``name`` with this kernel size and filter count; ``missing`` is the message if absent."""
    if name not in [each.name for each in model.layers]:
        raise Wrong(missing)
    found = layer(model, name, layers.Conv2D)
    if tuple(found.kernel_size) != tuple(kernel_size):
        raise Wrong(
            f"{name} 的卷积核大小应当是 {_kernel(kernel_size)}，实际是 {_kernel(found.kernel_size)}："
            f"layers.Conv2D 的第二个参数是卷积核大小，写 {kernel_size[0]}"
        )
    if found.filters != filters:
        raise Wrong(f"{name} 应当有 {filters} 个卷积核，实际有 {found.filters} 个：layers.Conv2D 的第一个参数是卷积核个数")
    return found


class ProjectionShortcut(Exercise):
    """04-1: a 1×1 convolution on the residual connection, so the block can output 32 channels."""

    id = "04-1"
    hint = (
        "先写 shortcut = layers.Conv2D(32, 1, padding=\"same\", name=\"shortcut\")(stem)，"
        "再写 layers.Add(name=\"residual\")([shortcut, projected])；别忘了 project 也要改成 32 个卷积核"
    )

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        stem = layers.Conv2D(16, 3, padding="same", activation="relu", name="stem")(image)
        branch_1x1 = layers.Conv2D(16, 1, padding="same", activation="relu", name="branch_1x1")(stem)
        branch_3x3 = layers.Conv2D(16, 3, padding="same", activation="relu", name="branch_3x3")(stem)
        branch_pool = layers.MaxPooling2D(3, strides=1, padding="same", name="branch_pool")(stem)
        branch_pool = layers.Conv2D(16, 1, padding="same", activation="relu", name="branch_pool_1x1")(branch_pool)
        mixed = layers.Concatenate(name="mixed")([branch_1x1, branch_3x3, branch_pool])
        projected = layers.Conv2D(32, 1, padding="same", name="project")(mixed)      # 模块输出 32 个通道
        shortcut = layers.Conv2D(32, 1, padding="same", name="shortcut")(stem)       # 残差连接上的投影：16 → 32 个通道
        residual = layers.Add(name="residual")([shortcut, projected])
        features = layers.Activation("relu", name="residual_relu")(residual)
        features = layers.Flatten(name="flatten")(features)
        digit = layers.Dense(10, activation="softmax", name="digit")(features)
        return keras.Model(inputs=image, outputs=digit, name="dag_projection_shortcut")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,)})
        _conv(model, "shortcut", kernel_size=(1, 1), filters=32, missing=(
            "模型里没有名为 'shortcut' 的层：在 stem 的输出上调用 layers.Conv2D(32, 1, padding=\"same\", "
            "name=\"shortcut\")，再把它的输出交给 residual（没有连到输出的层不属于模型）"
        ))
        source = graph.inbound_layers(model, "shortcut")
        if source != ["stem"]:
            raise Wrong(f"shortcut 应当接在 stem 的输出上，实际接在 {source} 上：残差连接是从 stem 绕过 inception 模块的那条边")
        layer(model, "residual", layers.Add)
        added = graph.inbound_layers(model, "residual")
        if sorted(added) != ["project", "shortcut"]:
            raise Wrong(f"residual 应当把 shortcut 与 project 的输出相加，实际加的是 {added}：检查 Add 的列表里放的是哪两个张量")
        _conv(model, "project", kernel_size=(1, 1), filters=32, missing="模型里没有名为 'project' 的层：保留本课的 project")
        expect_inbound(model, "project", ["mixed"])
        expect_inbound(model, "mixed", BRANCHES)
        expect_inbound(model, "residual_relu", ["residual"])
        expect_params(model, 25_626)
        return "残差连接上的 1×1 卷积 shortcut 把 stem 投影到 32 个通道，residual = shortcut + project，共 25,626 个参数"


class FourthBranch(Exercise):
    """04-2: a fourth, 5×5 branch in the inception block."""

    id = "04-2"
    hint = (
        "写 branch_5x5 = layers.Conv2D(16, 5, padding=\"same\", activation=\"relu\", name=\"branch_5x5\")(stem)，"
        "再把 branch_5x5 加进 layers.Concatenate(name=\"mixed\")([...]) 的列表"
    )

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        stem = layers.Conv2D(16, 3, padding="same", activation="relu", name="stem")(image)
        branch_1x1 = layers.Conv2D(16, 1, padding="same", activation="relu", name="branch_1x1")(stem)
        branch_3x3 = layers.Conv2D(16, 3, padding="same", activation="relu", name="branch_3x3")(stem)
        branch_pool = layers.MaxPooling2D(3, strides=1, padding="same", name="branch_pool")(stem)
        branch_pool = layers.Conv2D(16, 1, padding="same", activation="relu", name="branch_pool_1x1")(branch_pool)
        branch_5x5 = layers.Conv2D(16, 5, padding="same", activation="relu", name="branch_5x5")(stem)  # 第四条支路，也接在 stem 上
        mixed = layers.Concatenate(name="mixed")([branch_1x1, branch_3x3, branch_pool, branch_5x5])    # 16 × 4 = 64 个通道
        projected = layers.Conv2D(16, 1, padding="same", name="project")(mixed)
        residual = layers.Add(name="residual")([stem, projected])
        features = layers.Activation("relu", name="residual_relu")(residual)
        features = layers.Flatten(name="flatten")(features)
        digit = layers.Dense(10, activation="softmax", name="digit")(features)
        return keras.Model(inputs=image, outputs=digit, name="dag_four_branches")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,)})
        _conv(model, "branch_5x5", kernel_size=(5, 5), filters=16, missing=(
            "模型里没有名为 'branch_5x5' 的层：新建这条支路之后，还要把它的输出放进 mixed 的 Concatenate 列表"
            "（没有连到输出的层不属于模型）"
        ))
        source = graph.inbound_layers(model, "branch_5x5")
        if source != ["stem"]:
            raise Wrong(
                f"branch_5x5 接在了 {source} 后面，成了串联：支路是并列的，每条都直接接在 stem 的输出上"
            )
        layer(model, "mixed", layers.Concatenate)
        joined = graph.inbound_layers(model, "mixed")
        if sorted(joined) != sorted([*BRANCHES, "branch_5x5"]):
            raise Wrong(
                f"mixed 应当拼接四条支路 {[*BRANCHES, 'branch_5x5']}，实际拼接的是 {joined}："
                "把每条支路的最后一个张量都放进 Concatenate 的列表"
            )
        _conv(model, "project", kernel_size=(1, 1), filters=16, missing="模型里没有名为 'project' 的层：保留本课的 project")
        layer(model, "residual", layers.Add)
        expect_inbound(model, "residual", ["stem", "project"])
        expect_params(model, 20_730)
        return "四条并列的支路都接在 stem 上，mixed 拼出 64 个通道，残差连接不变，共 20,730 个参数"

"""Exercises of lesson 18 (延伸：Keras 2 → Keras 3 迁移速查), posed in ``notebooks/18_migration.ipynb``."""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_calls,
    expect_dense,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
)

LESSON = "18_migration.ipynb"

# hidden 64·32+32 = 2,080; digit (64+32)·10+10 = 970.
MERGE_PARAMS = 2_080 + 970
# shared 64·16+16.
SHARED_PARAMS = 64 * 16 + 16
# 18-3's sparsity loss is 0.001 × mean(|hidden|), computed on a fixed batch so that it is the same every time.
SPARSITY_RATE = 1e-3
_PROBE = np.linspace(0.0, 1.0, 2 * 64, dtype="float32").reshape(2, 8, 8, 1)


class MergeMigrated(Exercise):
    """18-1: a Keras 2 model with merge.concatenate and a Lambda layer, rewritten for Keras 3."""

    id = "18-1"
    hint = (
        "from keras.layers.merge 的 concatenate 换成 layers.Concatenate(name=\"merged\")，"
        "Lambda 换成 layers.Rescaling(1 / 16, name=\"scale\")，Model(input=..., output=...) 换成 "
        "keras.Model(inputs=..., outputs=...)"
    )

    @staticmethod
    def solution():
        image = keras.Input(shape=(8, 8, 1), name="image")
        scaled = layers.Rescaling(1 / 16, name="scale")(image)
        flat = layers.Flatten(name="flatten")(scaled)
        hidden = layers.Dense(32, activation="relu", name="hidden")(flat)
        merged = layers.Concatenate(name="merged")([flat, hidden])
        digit = layers.Dense(10, activation="softmax", name="digit")(merged)
        return keras.Model(inputs=image, outputs=digit, name="migrated")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        lambdas = [each.name for each in model.layers if isinstance(each, layers.Lambda)]
        if lambdas:
            raise Wrong(
                f"模型里还有 Lambda 层 {lambdas[0]!r}：它的 Python 函数无法用 safe_mode=True 加载，"
                "换成内置层 layers.Rescaling(1 / 16, name=\"scale\")"
            )
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,)})
        scale = layer(model, "scale", layers.Rescaling)
        if abs(float(scale.scale) - 1 / 16) > 1e-9 or float(scale.offset) != 0:
            raise Wrong(
                f"层 'scale' 应当把像素除以 16（scale=1 / 16，offset=0），实际 scale={scale.scale}，offset={scale.offset}"
            )
        layer(model, "merged", layers.Concatenate)
        expect_inbound(model, "flatten", ["scale"])
        expect_inbound(model, "hidden", ["flatten"])
        expect_inbound(model, "merged", ["flatten", "hidden"])
        expect_inbound(model, "digit", ["merged"])
        expect_params(model, MERGE_PARAMS)
        return "在 Keras 3 上搭得起来，没有 Lambda 层，能用 safe_mode=True 加载；结构与原来的 Keras 2 代码相同"


class SecondCallOutput(Exercise):
    """18-2: the output of a shared layer's second call, without get_output_at."""

    id = "18-2"
    hint = "right_features = shared(right)，再 keras.Model(inputs=right, outputs=right_features)；shared.output 只给第一次调用（在 left 上）的输出"

    @staticmethod
    def solution():
        left = keras.Input(shape=(64,), name="left")
        right = keras.Input(shape=(64,), name="right")
        shared = layers.Dense(16, activation="relu", name="shared")
        shared(left)
        right_features = shared(right)
        return keras.Model(inputs=right, outputs=right_features, name="right_features")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        names = sorted(tensor.name for tensor in model.inputs)
        if names == ["left"]:
            raise Wrong("模型的输入是 'left'：get_output_at(1) 是第二次调用，即在 right 上的那一次；用 right 和第二次调用返回的张量建模型")
        expect_inputs(model, {"right": (64,)})
        expect_outputs(model, {"shared": (16,)})
        expect_dense(model, "shared", 16, "relu")
        expect_calls(model, "shared", 1)
        expect_inbound(model, "shared", ["right"])
        expect_params(model, SHARED_PARAMS)
        return "取到了共享层 shared 在 right 上的那次调用的输出：保存每次调用返回的张量，就不需要 get_output_at"


class AddLossInALayer(Exercise):
    """18-3: Keras 2's symbolic model.add_loss moved into a custom layer's call()."""

    id = "18-3"
    hint = (
        "class Sparsity(layers.Layer): def call(self, x): self.add_loss(0.001 * keras.ops.mean(keras.ops.abs(x))); "
        "return x ——然后 sparse = Sparsity(name=\"sparsity\")(hidden)，digit 接在 sparse 上"
    )

    @staticmethod
    def solution():
        class Sparsity(layers.Layer):
            def call(self, x):
                self.add_loss(0.001 * keras.ops.mean(keras.ops.abs(x)))
                return x

        image = keras.Input(shape=(8, 8, 1), name="image")
        flat = layers.Flatten(name="flatten")(image)
        hidden = layers.Dense(32, activation="relu", name="hidden")(flat)
        sparse = Sparsity(name="sparsity")(hidden)
        digit = layers.Dense(10, activation="softmax", name="digit")(sparse)
        return keras.Model(inputs=image, outputs=digit, name="sparse_hidden")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,)})
        expect_dense(model, "hidden", 32, "relu")
        sparsity = layer(model, "sparsity")
        if isinstance(sparsity, (layers.Dense, layers.Lambda)):
            raise Wrong(f"层 'sparsity' 是 {type(sparsity).__name__}：写一个继承 layers.Layer 的类，在 call() 里 self.add_loss(...)")
        expect_inbound(model, "sparsity", ["hidden"])
        expect_inbound(model, "digit", ["sparsity"])
        model(_PROBE)
        losses = [float(value) for value in model.losses]
        if not losses:
            raise Wrong("调用模型之后 model.losses 是空的：在 'sparsity' 层的 call() 里调用 self.add_loss(...)")
        hidden = keras.Model(model.input, model.get_layer("hidden").output)(_PROBE)
        hidden = np.asarray(keras.ops.convert_to_numpy(hidden))
        passed = keras.Model(model.input, model.get_layer("sparsity").output)(_PROBE)
        passed = np.asarray(keras.ops.convert_to_numpy(passed))
        if passed.shape != hidden.shape or not np.allclose(passed, hidden, rtol=1e-6, atol=1e-7):
            raise Wrong("层 'sparsity' 应当原样返回它的输入（return x），只加一个损失，不改变往下传的数值")
        expected = SPARSITY_RATE * float(np.mean(np.abs(hidden)))
        if len(losses) != 1 or not np.isclose(losses[0], expected, rtol=1e-4):
            raise Wrong(
                f"调用模型之后加上的损失是 {[round(value, 8) for value in losses]}，应当是一个：0.001 × mean(|hidden|) = {expected:.8f}："
                "用 keras.ops.mean(keras.ops.abs(x))，再乘以 0.001"
            )
        return "损失从 model.add_loss 搬进了自定义层的 call()：调用模型之后 model.losses 里正是 0.001 × mean(|hidden|)"

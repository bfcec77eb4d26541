"""Exercises of lesson 07 (§1.3 Input()), posed in ``notebooks/07_input.ipynb``."""

from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    expect_dense,
    expect_embedding,
    expect_integer_input,
    expect_inbound,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
)

LESSON = "07_input.ipynb"


def _only_input(model, name):
    """The model's single input tensor called ``name``; raises :class:`Wrong` otherwise."""
    names = [tensor.name for tensor in model.inputs]
    if names != [name]:
        raise Wrong(
            f"模型应当只有一个输入 {name!r}，实际的输入是 {names}：写 keras.Input(..., name={name!r})，"
            "并把它传给 keras.Model 的 inputs"
        )
    return model.inputs[0]


class VariableLengthTokens(Exercise):
    """07-1: an input of int32 sequences of variable length."""

    id = "07-1"
    hint = (
        "长度可变就在 shape 里写 None：keras.Input(shape=(None,), dtype=\"int32\", name=\"tokens\")；"
        "批量维度不写进 shape"
    )

    @staticmethod
    def solution():
        tokens = keras.Input(shape=(None,), dtype="int32", name="tokens")
        vectors = layers.Embedding(input_dim=1000, output_dim=16, name="embedding")(tokens)
        average = layers.GlobalAveragePooling1D(name="average")(vectors)
        positive = layers.Dense(1, activation="sigmoid", name="positive")(average)
        return keras.Model(inputs=tokens, outputs=positive, name="sentiment")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        tokens = _only_input(model, "tokens")
        shape = tuple(tokens.shape)[1:]
        if len(shape) != 1:
            raise Wrong(f"每个样本应当是一串编号，shape=(None,)；实际的形状（不含批量维度）是 {shape}")
        if shape[0] is not None:
            raise Wrong(
                f"序列的长度应当可变：shape=(None,)，而不是固定的 {shape}；None 表示这一维的长度不固定"
            )
        expect_integer_input(model, "tokens", "单词编号是整数")
        expect_embedding(model, "embedding", 1000, 16)
        layer(model, "average", layers.GlobalAveragePooling1D)
        expect_dense(model, "positive", 1, "sigmoid")
        expect_outputs(model, {"positive": (1,)})
        expect_inbound(model, "embedding", ["tokens"])
        expect_inbound(model, "average", ["embedding"])
        expect_inbound(model, "positive", ["average"])
        expect_params(model, 1000 * 16 + 16 + 1)
        return "输入 'tokens'：int32，形状 (None, None)，批量大小和序列长度都可变；16,017 个参数"


class FixedBatchSize(Exercise):
    """07-2: an input with a fixed batch_shape."""

    id = "07-2"
    hint = "batch_shape 包含批量大小，写在最前面：keras.Input(batch_shape=(32, 8, 8, 1), name=\"image\")"

    @staticmethod
    def solution():
        image = keras.Input(batch_shape=(32, 8, 8, 1), name="image")
        pixels = layers.Flatten(name="flatten")(image)
        digit = layers.Dense(10, activation="softmax", name="digit")(pixels)
        return keras.Model(inputs=image, outputs=digit, name="fixed_batch")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        image = _only_input(model, "image")
        shape = tuple(image.shape)
        if len(shape) != 4:
            raise Wrong(
                f"输入 'image' 的完整形状应当是 (32, 8, 8, 1)，实际是 {shape}：batch_shape 的第一个数是批量大小，"
                "后面才是每张图片的形状 (8, 8, 1)"
            )
        if shape[1:] != (8, 8, 1):
            raise Wrong(f"每张图片的形状应当是 (8, 8, 1)，实际是 {shape[1:]}")
        if shape[0] is None:
            raise Wrong(
                "批量大小没有固定（形状的第一维是 None）：写 keras.Input(batch_shape=(32, 8, 8, 1), name=\"image\")"
            )
        if shape[0] != 32:
            raise Wrong(f"批量大小应当固定为 32，实际是 {shape[0]}：batch_shape 的第一个数就是批量大小")
        layer(model, "flatten", layers.Flatten)
        expect_dense(model, "digit", 10, "softmax")
        expect_outputs(model, {"digit": (10,)})
        expect_inbound(model, "flatten", ["image"])
        expect_inbound(model, "digit", ["flatten"])
        return "输入 'image' 的形状是 (32, 8, 8, 1)：每批恰好 32 张 8×8×1 的图片"

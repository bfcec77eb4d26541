"""Exercises of lesson 26 (延伸：任意大小的图片), posed in ``notebooks/26_image_sizes.ipynb``.

26-1 and 26-2 want a model: the checkers read its input shape and the layers
right after the input or before the head, and call it on batches of zeros (8×8
and 16×16 for 26-1, plain 8×8 arrays for 26-2), which runs it without training.
26-3 wants the letters of the models, posed in the lesson, that take 16×16 images.
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import graph
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    describe,
    expect_dense,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    expect_params,
    functional_model,
    layer,
    layers_of_class,
)

LESSON = "26_image_sizes.ipynb"

GLOBAL_POOLING = (layers.GlobalAveragePooling2D, layers.GlobalMaxPooling2D)
# The network after the Reshape in 26-2: conv 3*3*1*16 + 16, digit (8*8*16)*10 + 10.
PLAIN_ARRAYS_PARAMS = 3 * 3 * 1 * 16 + 16 + 8 * 8 * 16 * 10 + 10


def _input_shapes(model):
    return {tensor.name: tuple(tensor.shape)[1:] for tensor in model.inputs}


def _run(model, batch, what):
    """Calls the model on ``batch`` (no training) and returns the output's shape, or raises Wrong."""
    try:
        output = model(batch)
    except Exception as error:  # The learner's model refused the batch: say which batch, not a traceback.
        raise Wrong(f"模型在{what}上运行时报错（{type(error).__name__}）：检查输入的形状和各层的连接") from None
    return tuple(np.shape(output))


def _layers_after(model, input_name):
    """The layers called directly on the input ``input_name``."""
    return [each for each in model.layers
            if not isinstance(each, layers.InputLayer) and graph.call_count(model, each.name)
            and input_name in graph.inbound_layers(model, each.name)]


class AnySize(Exercise):
    """26-1: the Flatten model made to take images of any size, with a global pooling before the head."""

    id = "26-1"
    hint = ("keras.Input(shape=(None, None, 1), name=\"image\")；conv 之后用 layers.GlobalMaxPooling2D()"
            "（或 GlobalAveragePooling2D()）代替 Flatten，再接 digit")

    @staticmethod
    def solution():
        image = keras.Input(shape=(None, None, 1), name="image")
        features = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
        pooled = layers.GlobalMaxPooling2D(name="pool")(features)   # 每个通道一个数，与图片大小无关
        digit = layers.Dense(10, activation="softmax", name="digit")(pooled)
        return keras.Model(inputs=image, outputs=digit, name="any_size")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        if _input_shapes(model).get("image") == (8, 8, 1):
            raise Wrong(
                "输入 'image' 的形状还是 (8, 8, 1)：Keras 在运行任何层之前先按 Input 的形状检查，16×16 的图片进不来；"
                "写 keras.Input(shape=(None, None, 1), name=\"image\")"
            )
        expect_inputs(model, {"image": (None, None, 1)})
        if layers_of_class(model, layers.Resizing):
            raise Wrong(
                "模型里有 Resizing：它把图片缩放成固定大小，也能接受任意大小，但本题要的是全局池化；"
                "删掉 Resizing 和 Flatten，在 conv 之后接 layers.GlobalMaxPooling2D()"
            )
        pooling = layers_of_class(model, GLOBAL_POOLING)
        if not pooling:
            local = [each.name for each in layers_of_class(model, (layers.MaxPooling2D, layers.AveragePooling2D))]
            where = f"（{', '.join(local)} 是局部池化，只把特征图缩小，大小仍随图片变化）" if local else ""
            raise Wrong(
                f"模型里没有全局池化层{where}：在 conv 之后接 layers.GlobalMaxPooling2D()"
                "（或 GlobalAveragePooling2D()），它把任意大小的特征图变成每个通道一个数"
            )
        expect_outputs(model, {"digit": (10,)})
        layer(model, "conv", layers.Conv2D)
        expect_dense(model, "digit", 10, "softmax")
        for size in (8, 16):
            got = _run(model, np.zeros((2, size, size, 1), "float32"), f" {size}×{size} 的图片")
            if got != (2, 10):
                raise Wrong(f"两张 {size}×{size} 的图片应当得到形状 (2, 10) 的输出，实际是 {got}")
        return (f"输入是 (None, None, 1)，{type(pooling[0]).__name__} 把任意大小的特征图变成每个通道一个数："
                "同一个模型在 8×8 和 16×16 的图片上都给出 10 个概率")


class PlainArrays(Exercise):
    """26-2: a model that takes (8, 8) arrays, a Reshape adding the channel axis inside it."""

    id = "26-2"
    hint = ("pixels = keras.Input(shape=(8, 8), name=\"pixels\")；image = layers.Reshape((8, 8, 1))(pixels)；"
            "再接 conv、flatten、digit")

    @staticmethod
    def solution():
        pixels = keras.Input(shape=(8, 8), name="pixels")
        image = layers.Reshape((8, 8, 1), name="add_channel")(pixels)   # 在模型里加上通道轴
        features = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(image)
        features = layers.Flatten(name="flatten")(features)
        digit = layers.Dense(10, activation="softmax", name="digit")(features)
        return keras.Model(inputs=pixels, outputs=digit, name="plain_arrays")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        if _input_shapes(model).get("pixels") == (8, 8, 1):
            raise Wrong(
                "输入 'pixels' 写成了 (8, 8, 1)：本题的数据没有通道轴，输入写 shape=(8, 8)，通道轴由模型里的 Reshape 加上"
            )
        expect_inputs(model, {"pixels": (8, 8)})
        if layers_of_class(model, layers.Lambda):
            raise Wrong(
                "模型里有 Lambda 层：它的 Python 函数存在 .keras 文件里，keras.models.load_model 默认的 "
                "safe_mode=True 会拒绝加载；用 layers.Reshape((8, 8, 1))"
            )
        after = _layers_after(model, "pixels")
        if len(after) != 1:
            raise Wrong(f"pixels 之后应当只有一层（Reshape），实际有 {len(after)} 层 {[each.name for each in after]}")
        (reshape,) = after
        if not isinstance(reshape, layers.Reshape):
            raise Wrong(f"pixels 之后的第一层是 {type(reshape).__name__}：应当是 layers.Reshape((8, 8, 1))，先加上通道轴")
        target = tuple(reshape.target_shape)
        if target == (1, 8, 8):
            raise Wrong(
                "Reshape 的目标形状是 (1, 8, 8)：通道轴放在了最前面，而 Conv2D 默认 channels_last，"
                "会把最后的 8 当作 8 个通道；写 layers.Reshape((8, 8, 1))"
            )
        if target != (8, 8, 1):
            raise Wrong(f"Reshape 的目标形状应当是 (8, 8, 1)（高、宽、1 个通道），实际是 {target}")
        layer(model, "conv", layers.Conv2D)
        expect_inbound(model, "conv", [reshape.name])
        expect_outputs(model, {"digit": (10,)})
        expect_dense(model, "digit", 10, "softmax")
        expect_params(model, PLAIN_ARRAYS_PARAMS)
        got = _run(model, np.zeros((2, 8, 8), "float32"), "两个 (8, 8) 数组")
        if got != (2, 10):
            raise Wrong(f"两个 (8, 8) 数组应当得到形状 (2, 10) 的输出，实际是 {got}")
        return "模型直接收 (n, 8, 8) 的数组：Reshape((8, 8, 1)) 在模型里加上通道轴，之后是 conv、flatten、digit"


MODELS = ("A", "B", "C", "D")
ACCEPTS_16 = ("A", "C")
_WHY = {
    "A": "A 能接受：输入的高和宽是 None，卷积不在乎大小，全局平均池化的输出与图片大小无关",
    "B": "B 不接受：它也用全局池化，可输入写死了 (8, 8, 1)，Keras 在运行任何层之前先按 Input 的形状检查",
    "C": "C 能接受：输入是 (None, None, 1)，Resizing(8, 8) 先把任何大小的图片缩放成 8×8，后面的 Flatten 看到的永远是 8×8",
    "D": "D 不接受：Resizing(16, 16) 在输入之后，可输入本身写死了 (8, 8, 1)，16×16 的图片进不了模型",
}


class Accepts16(Exercise):
    """26-3: which of four models, posed in the lesson, take 16×16 images."""

    id = "26-3"
    expects = "模型字母（字符串）的列表，例如 [\"A\"]"
    hint = "看每个模型的 keras.Input 写的形状：高和宽是 None 的才收得下 16×16；不确定就搭出来，用 np.zeros((1, 16, 16, 1)) 调用试试"

    @staticmethod
    def solution():
        # A：高和宽是 None，全局池化；C：高和宽是 None，Resizing 先缩放成 8×8
        # B、D 的 Input 写死了 (8, 8, 1)，16×16 的图片进不来
        return ["A", "C"]

    @staticmethod
    def grade(answer):
        if isinstance(answer, str):
            raise Wrong(f"答案是一个字符串 {answer!r}：写成字母的列表，例如 [\"A\", \"B\"]")
        if not isinstance(answer, (list, tuple, set)) or not all(isinstance(letter, str) for letter in answer):
            raise Wrong(f"答案应当是模型字母（字符串）的列表，例如 [\"A\"]，得到的是 {describe(answer)}")
        chosen = {letter.strip().upper() for letter in answer}
        unknown = sorted(chosen - set(MODELS))
        if unknown:
            raise Wrong(f"只有 A、B、C、D 四个模型，答案里多出了 {unknown}")
        for letter in MODELS:  # The first letter judged wrongly, in order.
            if (letter in chosen) != (letter in ACCEPTS_16):
                raise Wrong(_WHY[letter])
        return "A 和 C 接受 16×16 的图片：A 靠全局池化，C 靠 Resizing；B 和 D 的 Input 写死了 8×8"

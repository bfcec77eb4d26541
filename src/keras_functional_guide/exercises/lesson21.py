"""Exercises of lesson 21 (延伸：训练控制：回调、样本权重与预处理层), posed in ``notebooks/21_training_controls.ipynb``.

21-1 wants a callback object: the checker reads its settings (``monitor``,
``mode``, ``patience``, ``restore_best_weights``) and never trains. 21-2 wants
a model: the checker reads which layer comes right after the input and, for a
``Normalization`` layer, the mean and variance it holds.
"""

import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

from keras_functional_guide import data, graph
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
)

LESSON = "21_training_controls.ipynb"

# Parameters of kfg.build_multi_output(): conv 3*3*1*16 + 16, hidden 1024*64 + 64, digit 64*10 + 10, parity 64 + 1.
MULTI_OUTPUT_PARAMS = 3 * 3 * 1 * 16 + 16 + 8 * 8 * 16 * 64 + 64 + 64 * 10 + 10 + 64 + 1
# An adapted Normalization layer also holds three numbers: mean, variance and count.
NORMALIZATION_WEIGHTS = 3
RAW_MAX = 16  # The digits' pixels are integers 0..16 before data.py scales them.


class EarlyStoppingOnParity(Exercise):
    """21-1: an EarlyStopping callback that watches the parity head's validation loss."""

    id = "21-1"
    expects = "一个 keras.callbacks.EarlyStopping 回调对象"
    hint = ("keras.callbacks.EarlyStopping(monitor=\"val_parity_loss\", mode=\"min\", patience=3, "
            "restore_best_weights=True)")

    @staticmethod
    def solution():
        return keras.callbacks.EarlyStopping(monitor="val_parity_loss", mode="min", patience=3, restore_best_weights=True)

    @staticmethod
    def grade(answer):
        if isinstance(answer, (list, tuple)):
            raise Wrong(
                f"答案是一个{'列表' if isinstance(answer, list) else '元组'}：callbacks=[...] 里放的是回调对象，"
                "本题要的就是那个对象本身，把它赋给 answer"
            )
        if isinstance(answer, keras.callbacks.History):
            raise Wrong("答案是 fit 返回的 History：本题要的是交给 callbacks=[...] 的 EarlyStopping 对象")
        if isinstance(answer, keras.callbacks.ModelCheckpoint):
            raise Wrong(
                "这是 ModelCheckpoint：它只把最好的模型存成文件，不会停止训练；"
                "本题要 keras.callbacks.EarlyStopping(...)"
            )
        if not isinstance(answer, keras.callbacks.EarlyStopping):
            raise Wrong(f"答案应当是 keras.callbacks.EarlyStopping(...) 回调对象，得到的是 {describe(answer)}")
        monitor = answer.monitor
        if monitor == "parity_loss":
            raise Wrong(
                "monitor='parity_loss' 是训练集上的损失：它几乎一直在变小，提前停止就失去了意义；"
                "验证集上的指标名前面有 val_：monitor='val_parity_loss'"
            )
        if monitor == "val_loss":
            raise Wrong(
                "monitor='val_loss' 是两个头的损失之和，不是 parity 头自己的：写 monitor='val_parity_loss'"
            )
        if monitor != "val_parity_loss":
            raise Wrong(
                f"monitor={monitor!r} 不是验证集上 parity 头的损失：history 里它叫 'val_parity_loss'"
                "（val_ + 输出名 + _loss）"
            )
        if answer.mode == "auto":
            raise Wrong(
                "mode 还是默认的 'auto'：Keras 判断不了 val_parity_loss 该变大还是变小，"
                "fit 第一轮结束时就会报 ValueError；损失越小越好，写 mode='min'"
            )
        if answer.mode != "min":
            raise Wrong(f"mode={answer.mode!r}：损失越小越好，写 mode='min'")
        if answer.patience != 3:
            raise Wrong(f"patience 应当是 3（连续 3 轮没有变小才停），实际是 {answer.patience}")
        if not answer.restore_best_weights:
            raise Wrong(
                "没有 restore_best_weights=True：训练结束时模型留下的是最后一轮的权重，"
                "而不是 val_parity_loss 最小那一轮的"
            )
        return "回调盯住 val_parity_loss（mode='min'），连续 3 轮不变小就停，结束时恢复最好一轮的权重"


def _raw_pixel_statistics():
    """Mean and variance of the raw training pixels (0..16), what an adapted layer must hold."""
    raw = data.digit_task().x_train * RAW_MAX
    return float(raw.mean()), float(raw.var())


def _values(tensor):
    return np.asarray(keras.ops.convert_to_numpy(tensor), dtype="float64").ravel()


def _check_preprocessing(found):
    """Checks the layer right after the input: Rescaling(1/16) or a Normalization adapted on raw pixels."""
    if isinstance(found, layers.Rescaling):
        scale, offset = float(np.ravel(found.scale)[0]), float(np.ravel(found.offset)[0])
        if np.isclose(scale, 1 / 255):
            raise Wrong(
                "Rescaling(1/255) 是 0..255 图片的缩放；手写数字数据集的原始像素是 0..16，写 layers.Rescaling(1/16)"
            )
        if not np.isclose(scale, 1 / RAW_MAX) or offset != 0:
            raise Wrong(
                f"Rescaling 的 scale={scale:g}、offset={offset:g}：原始像素 0..16 要变成 0..1，"
                "写 layers.Rescaling(1/16)（offset 用默认的 0）"
            )
        return "Rescaling(1/16) 把 0..16 的原始像素缩放到 0..1"
    if isinstance(found, layers.Normalization):
        if found.mean is None:
            raise Wrong("Normalization 层还没有建好：先在原始像素上 adapt，再把它用在 pixels 上")
        mean, variance = _values(found.mean), _values(found.variance)
        if np.allclose(mean, 0) and np.allclose(variance, 1):
            raise Wrong(
                "Normalization 层没有 adapt 过（均值 0、方差 1）：它不报错，只是把数据原样传下去；"
                "先 norm.adapt(task.x_train * 16)"
            )
        raw_mean, raw_variance = _raw_pixel_statistics()
        if np.all(mean < 1.0):
            raise Wrong(
                f"Normalization 记下的均值是 {mean[0]:.3f}：它是在缩放到 0..1 的 task.x_train 上 adapt 的；"
                f"模型收到的是 0..16 的原始像素，要在 task.x_train * 16 上 adapt（均值约 {raw_mean:.2f}）"
            )
        if not (np.allclose(mean, raw_mean, rtol=0.05) and np.allclose(variance, raw_variance, rtol=0.05)):
            raise Wrong(
                f"Normalization 记下的均值 {mean[0]:.3f}、方差 {variance[0]:.3f} 不是原始训练像素的"
                f"（约 {raw_mean:.2f} 和 {raw_variance:.2f}）：在 task.x_train * 16 上 adapt"
            )
        return f"Normalization 在原始训练像素上 adapt 过（均值 {raw_mean:.2f}，方差 {raw_variance:.2f}）"
    if isinstance(found, layers.Conv2D):
        raise Wrong(
            "输入之后直接是卷积层：模型会把 0..16 的原始像素当作训练时见过的 0..1 来用；"
            "在 pixels 和 conv 之间加 layers.Rescaling(1/16)（或 adapt 过的 layers.Normalization()）"
        )
    raise Wrong(
        f"输入之后的第一层是 {type(found).__name__}：应当是 layers.Rescaling(1/16) 或 adapt 过的 layers.Normalization()"
    )


class RawPixels(Exercise):
    """21-2: a model that takes raw 0..16 pixels, its preprocessing layer inside."""

    id = "21-2"
    hint = ("pixels = keras.Input(shape=(8, 8, 1), name=\"pixels\")；x = layers.Rescaling(1/16)(pixels)；"
            "再照本课写 conv、flatten、hidden、digit、parity，keras.Model(pixels, {\"digit\": ..., \"parity\": ...})")

    @staticmethod
    def solution():
        pixels = keras.Input(shape=(8, 8, 1), name="pixels")
        scaled = layers.Rescaling(1 / 16, name="scale")(pixels)   # 0..16 → 0..1
        trunk = layers.Conv2D(16, 3, padding="same", activation="relu", name="conv")(scaled)
        trunk = layers.Flatten(name="flatten")(trunk)
        trunk = layers.Dense(64, activation="relu", name="hidden")(trunk)
        digit = layers.Dense(10, activation="softmax", name="digit")(trunk)
        parity = layers.Dense(1, activation="sigmoid", name="parity")(trunk)
        return keras.Model(inputs=pixels, outputs={"digit": digit, "parity": parity}, name="raw_pixels")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"pixels": (8, 8, 1)})
        expect_outputs(model, {"digit": (10,), "parity": (1,)})
        after_input = [each for each in model.layers
                       if graph.call_count(model, each.name) and graph.inbound_layers(model, each.name) == ["pixels"]]
        if len(after_input) != 1:
            names = [each.name for each in after_input]
            raise Wrong(f"pixels 之后应当只有一层（预处理层），实际有 {len(after_input)} 层 {names}：让其余的层都接在预处理层后面")
        preprocessing = after_input[0]
        confirmed = _check_preprocessing(preprocessing)
        layer(model, "conv", layers.Conv2D)
        expect_inbound(model, "conv", [preprocessing.name])
        expect_dense(model, "hidden", 64, "relu")
        expect_dense(model, "digit", 10, "softmax")
        expect_dense(model, "parity", 1, "sigmoid")
        extra = NORMALIZATION_WEIGHTS if isinstance(preprocessing, layers.Normalization) else 0
        expect_params(model, MULTI_OUTPUT_PARAMS + extra)
        return f"模型收 0..16 的原始像素：{confirmed}，之后是 multi_output 的网络（digit、parity 两个输出）"

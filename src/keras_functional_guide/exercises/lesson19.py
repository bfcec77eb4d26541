"""Exercises of lesson 19 (延伸：为结构化模型搭数据管道), posed in ``notebooks/19_data_pipelines.ipynb``.

Both answers are ``tf.data.Dataset`` objects. The checkers read the dataset's
``element_spec`` (its structure, shapes and dtypes, without reading data) and,
for 19-2, iterate it once: the training split has 1,347 images, which takes a
fraction of a second.
"""

import numpy as np
import tensorflow as tf

from keras_functional_guide import data
from keras_functional_guide.exercises._grading import Exercise, Wrong, expect_dict

LESSON = "19_data_pipelines.ipynb"
_DATASET = "一个 tf.data.Dataset"
# Why an element's part must be a dict, for expect_dict's message.
_BY_POSITION = "Keras 会按位置配对，对字典结构的模型会发出结构警告或悄悄配错"
_TRAIN_SIZE = 1347  # Images in the training split of data.digit_parity_task() (75 % of 1,797).


def _dataset(answer):
    """Returns ``answer`` if it is a ``tf.data.Dataset``; raises :class:`Wrong` otherwise."""
    if isinstance(answer, tf.data.Dataset):
        return answer
    if isinstance(answer, tuple) and len(answer) in (2, 3):
        raise Wrong(
            "答案是一个元组，不是数据集：把它交给 tf.data.Dataset.from_tensor_slices(...)，"
            "再 .batch(...)，把得到的数据集赋给 answer"
        )
    raise Wrong(
        f"答案应当是一个 tf.data.Dataset，得到的是 {type(answer).__name__}："
        "用 tf.data.Dataset.from_tensor_slices((x, y)).batch(...) 做一个"
    )


def _elements(dataset, count):
    """Checks that each element is a tuple of ``count`` parts and returns the parts' specs."""
    spec = dataset.element_spec
    if not isinstance(spec, tuple):
        raise Wrong(
            f"数据集的元素是 {type(spec).__name__}，不是元组：fit 要的元素是 (x, y)"
            + ("" if count == 2 else " 或 (x, y, sample_weight)")
            + "，写 from_tensor_slices((x, y))，外面是一个元组"
        )
    if len(spec) != count:
        wanted = "(x, y)：输入和目标两项" if count == 2 else "(x, y, sample_weight)：输入、目标、样本权重三项"
        hint = (
            "；三项的元组会被 Keras 读成 (x, y, sample_weight)，两个输入要先装进一个字典，作为第一项"
            if len(spec) == 3 else ""
        )
        raise Wrong(f"数据集的元素有 {len(spec)} 项，应当是 {wanted}{hint}")
    return spec


def _expect_spec(spec, name, shape, dtype):
    """Checks one tensor's spec: batched (first dimension ``None``), then the rest of the shape, then the dtype."""
    got = tuple(spec.shape)
    if len(got) == len(shape) - 1 and got == tuple(shape[1:]):
        raise Wrong(
            f"{name!r} 的形状是 {got}，没有批量维度：数据集还没有分批，在最后加上 .batch(...)"
        )
    if got[1:] != tuple(shape[1:]) or len(got) != len(shape):
        raise Wrong(f"{name!r} 的形状应当是 {shape}（第一维是批量），实际是 {got}")
    if got[0] is not None:
        raise Wrong(
            f"{name!r} 的批量维度是固定的 {got[0]}：不要用 drop_remainder=True，"
            "让最后一个不满的批次也留下（批量维度显示为 None）"
        )
    if spec.dtype != dtype:
        raise Wrong(f"{name!r} 的类型应当是 {dtype.name}，实际是 {spec.dtype.name}")


class MatchDataset(Exercise):
    """19-1: a dataset of dicts for a model with two named inputs."""

    id = "19-1"
    expects = _DATASET
    hint = (
        "tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train)).shuffle(1024).batch(32)："
        "task.x_train 和 task.y_train 本来就是以名字为键的字典"
    )

    @staticmethod
    def solution():
        match = data.match_task()
        return tf.data.Dataset.from_tensor_slices((match.x_train, match.y_train)).shuffle(1024, seed=0).batch(32)

    @staticmethod
    def grade(answer):
        inputs, targets = _elements(_dataset(answer), 2)
        expect_dict(inputs, ["image", "query"], "元素的第一项（输入）", why=_BY_POSITION)
        expect_dict(targets, ["match"], "元素的第二项（目标）", why=_BY_POSITION)
        _expect_spec(inputs["image"], "image", (None, 8, 8, 1), tf.float32)
        _expect_spec(inputs["query"], "query", (None, 1), tf.int32)
        _expect_spec(targets["match"], "match", (None, 1), tf.float32)
        return "元素是 ({image, query}, {match})，键就是模型的输入名和输出名，已经分批"


class EvenParityWeights(Exercise):
    """19-2: sample weights keyed by output name, so the parity head learns from even images only."""

    id = "19-2"
    expects = _DATASET
    hint = (
        "weights = {\"digit\": np.ones(n, \"float32\"), \"parity\": (task.y_train[\"digit\"] % 2 == 0).astype(\"float32\")}，"
        "再 from_tensor_slices((task.x_train, task.y_train, weights)).batch(64)"
    )

    @staticmethod
    def solution():
        task = data.digit_parity_task()
        sample_weights = {
            "digit": np.ones(len(task.x_train), "float32"),
            "parity": (task.y_train["digit"] % 2 == 0).astype("float32"),
        }
        return tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train, sample_weights)).batch(64)

    @staticmethod
    def grade(answer):
        dataset = _dataset(answer)
        inputs, targets, weights = _elements(dataset, 3)
        if isinstance(inputs, dict):
            raise Wrong("元素的第一项应当是图片本身（模型只有一个输入 image），不是字典")
        _expect_spec(inputs, "image", (None, 8, 8, 1), tf.float32)
        expect_dict(targets, ["digit", "parity"], "元素的第二项（目标）", why=_BY_POSITION)
        expect_dict(
            weights, ["digit", "parity"], "元素的第三项（样本权重）",
            why="目标是字典时，Keras 按输出名去取样本权重，元组会让 fit 报 TypeError",
        )
        _expect_spec(targets["digit"], "digit", (None,), tf.int64)
        _expect_spec(targets["parity"], "parity", (None, 1), tf.float32)
        for name in ("digit", "parity"):
            spec = weights[name]
            if tuple(spec.shape) != (None,):
                raise Wrong(
                    f"样本权重 {name!r} 的形状应当是 (None,)：每个样本一个数；实际是 {tuple(spec.shape)}"
                )
        count, digit_labels, parity_targets, digit_weights, parity_weights = 0, [], [], [], []
        for _, batch_targets, batch_weights in dataset:
            count += int(batch_targets["digit"].shape[0])
            if count > _TRAIN_SIZE:
                break
            digit_labels.append(batch_targets["digit"].numpy())
            parity_targets.append(batch_targets["parity"].numpy()[:, 0])
            digit_weights.append(batch_weights["digit"].numpy())
            parity_weights.append(batch_weights["parity"].numpy())
        if count != _TRAIN_SIZE:
            raise Wrong(
                f"数据集走一遍有{f' {count} ' if count <= _TRAIN_SIZE else f'超过 {_TRAIN_SIZE} '}个样本，"
                f"应当正好是训练集的 {_TRAIN_SIZE} 个：不要 .repeat()，也不要只取一部分"
            )
        digit_labels, parity_targets = np.concatenate(digit_labels), np.concatenate(parity_targets)
        digit_weights, parity_weights = np.concatenate(digit_weights), np.concatenate(parity_weights)
        if not np.array_equal(parity_targets, digit_labels % 2):
            raise Wrong("目标里的 parity 与 digit 对不上（parity 应当是 digit % 2）：目标要原样用 task.y_train")
        if not np.all(digit_weights == 1.0):
            raise Wrong("digit 头的样本权重应当全是 1.0：每张图片都照常训练认数字")
        odd = digit_labels % 2 == 1
        if np.all(parity_weights == 1.0):
            raise Wrong("parity 头的样本权重全是 1.0：奇数图片的权重应当是 0.0，偶数图片的是 1.0")
        if not (np.all(parity_weights[odd] == 0.0) and np.all(parity_weights[~odd] == 1.0)):
            raise Wrong(
                "parity 头的样本权重不对：奇数图片（digit % 2 == 1）应当是 0.0，偶数图片是 1.0；"
                "可以写 (task.y_train[\"digit\"] % 2 == 0).astype(\"float32\")"
            )
        return "元素是 (image, {digit, parity}, {digit, parity})，权重与目标同样以输出名为键：parity 头只从偶数图片学"

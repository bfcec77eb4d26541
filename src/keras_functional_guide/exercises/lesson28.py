"""Exercises of lesson 28 (延伸：用 Python 造数据：PyDataset 与生成器), posed in ``notebooks/28_python_data.ipynb``.

28-1 wants a ``keras.utils.PyDataset``: the checker reads its settings, its
length and three of its batches (structure, shapes, dtypes, which rows), and
never trains. 28-2 wants a number.
"""

import inspect
import warnings

import numpy as np
import tensorflow as tf
from tensorflow import keras

from keras_functional_guide import data
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    describe,
    expect_dict,
    expect_integer,
)

LESSON = "28_python_data.ipynb"

_TRAIN_SIZE = 1347  # Samples in the training split of data.match_task() (75 % of 1,797).
_BATCH = 50
_BATCHES = -(-_TRAIN_SIZE // _BATCH)  # 27: the last batch holds the 47 samples left over.
_LAST = _TRAIN_SIZE - (_BATCHES - 1) * _BATCH
_BY_POSITION = "Keras 会按位置配对，对字典输入的模型会发出结构警告或悄悄配错"
_SUPER = "super().__init__(**kwargs)"


def _py_dataset(answer):
    """Returns ``answer`` if it is a ``keras.utils.PyDataset``; raises :class:`Wrong` otherwise."""
    if isinstance(answer, keras.utils.PyDataset):
        return answer
    if isinstance(answer, tf.data.Dataset):
        raise Wrong(
            "答案是一个 tf.data.Dataset：本题要的是 keras.utils.PyDataset 子类的实例，"
            "写 class ...(keras.utils.PyDataset)，实现 __len__ 和 __getitem__"
        )
    if inspect.isgenerator(answer):
        raise Wrong(
            "答案是一个生成器：生成器没有长度，只能走一遍；本题要 keras.utils.PyDataset 子类的实例，"
            "它有 __len__，每一轮都能按下标重新取批"
        )
    if isinstance(answer, tuple) and len(answer) == 2:
        raise Wrong(
            "答案是一个 (输入, 目标) 元组，是一批数据，不是数据集：把能给出每一批的 PyDataset 子类的实例赋给 answer"
        )
    raise Wrong(f"答案应当是 keras.utils.PyDataset 子类的实例，得到的是 {describe(answer)}")


def _workers(dataset):
    """The dataset's ``workers``, read as ``fit`` reads it; raises :class:`Wrong` if the base class was skipped."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        workers = dataset.workers
    if any(_SUPER in str(warning.message) for warning in caught):
        raise Wrong(
            f"__init__ 没有调用 {_SUPER}：Keras 会发出警告，并且忽略 workers 等设置；"
            f"在 __init__ 里接收 **kwargs，第一行写 {_SUPER}"
        )
    return workers


def _batch(dataset, index):
    """``dataset[index]`` split into ``(inputs, targets)``; raises :class:`Wrong` if it is not such a pair."""
    try:
        batch = dataset[index]
    except Exception as error:  # The learner's own __getitem__: say where it failed.
        raise Wrong(
            f"取第 {index} 批（answer[{index}]）时出错：{type(error).__name__}：{error}；"
            "检查 __getitem__ 里切片的起止位置"
        ) from None
    if isinstance(batch, list) and len(batch) == 2:
        raise Wrong(
            "__getitem__ 返回的是列表 [输入, 目标]：Keras 只把元组读成 (x, y)，一个列表会被整个当作输入；"
            "写 return inputs, targets"
        )
    if not isinstance(batch, tuple) or len(batch) != 2:
        raise Wrong(
            f"__getitem__ 应当返回一个两项的元组 (输入, 目标)，第 {index} 批得到的是 {describe(batch)}"
            + (f"（{len(batch)} 项）" if isinstance(batch, tuple) else "")
        )
    inputs, targets = batch
    expect_dict(inputs, ["image", "query"], "一批的第一项（输入）", why=_BY_POSITION)
    expect_dict(targets, ["match"], "一批的第二项（目标）", why=_BY_POSITION)
    return inputs, targets


def _expect_array(value, name, shape, dtype, index):
    array = np.asarray(value)
    if array.shape != shape:
        if array.shape[1:] == shape[1:]:
            raise Wrong(
                f"第 {index} 批的 {name!r} 有 {array.shape[0]} 个样本，应当是 {shape[0]} 个："
                f"第 i 批是第 i×{_BATCH} 到 (i+1)×{_BATCH} 个样本，切片写 [index * batch_size:(index + 1) * batch_size]"
            )
        raise Wrong(f"第 {index} 批的 {name!r} 形状应当是 {shape}，实际是 {array.shape}")
    if array.dtype != np.dtype(dtype):
        raise Wrong(f"{name!r} 的类型应当是 {dtype}，实际是 {array.dtype}：直接用 data.match_task() 的数组，不要转换类型")
    return array


class MatchBatches(Exercise):
    """28-1: a PyDataset of ({image, query}, {match}) batches of 50, workers set through the base class."""

    id = "28-1"
    expects = "keras.utils.PyDataset 子类的一个实例"
    hint = (
        "class MatchBatches(keras.utils.PyDataset)：__init__(self, x, y, batch_size, **kwargs) 第一行 "
        "super().__init__(**kwargs)；__len__ 返回 math.ceil(样本数 / batch_size)；__getitem__ 切出 "
        "[index * batch_size:(index + 1) * batch_size]，返回 ({\"image\", \"query\"}, {\"match\"})；"
        "answer = MatchBatches(match.x_train, match.y_train, batch_size=50, workers=2)"
    )

    @staticmethod
    def solution():
        import math

        class MatchBatches(keras.utils.PyDataset):
            def __init__(self, x, y, batch_size=32, **kwargs):
                super().__init__(**kwargs)
                self.x, self.y, self.batch_size = x, y, batch_size

            def __len__(self):
                return math.ceil(len(self.y["match"]) / self.batch_size)

            def __getitem__(self, index):
                rows = slice(index * self.batch_size, (index + 1) * self.batch_size)
                inputs = {"image": self.x["image"][rows], "query": self.x["query"][rows]}
                return inputs, {"match": self.y["match"][rows]}

        match = data.match_task()
        return MatchBatches(match.x_train, match.y_train, batch_size=50, workers=2)

    @staticmethod
    def grade(answer):
        dataset = _py_dataset(answer)
        workers = _workers(dataset)
        try:
            count = dataset.num_batches  # __len__, or a num_batches property of its own, as fit reads it.
        except (TypeError, NotImplementedError):
            raise Wrong("answer 没有长度：PyDataset 要实现 __len__，返回一轮有几批") from None
        if count is None:
            raise Wrong("num_batches 是 None，表示数据无穷无尽：本题的数据集走一遍就是一轮，__len__ 返回批数")
        if count == _TRAIN_SIZE:
            raise Wrong(f"__len__ 返回了 {count}，这是样本数：它应当返回批次数，math.ceil({_TRAIN_SIZE} / {_BATCH})")
        if count == _TRAIN_SIZE // _BATCH:
            raise Wrong(
                f"__len__ 返回了 {count}：{_TRAIN_SIZE} / {_BATCH} 向下取整，最后 {_LAST} 个样本就没有了；用 math.ceil 向上取整"
            )
        if count != _BATCHES:
            raise Wrong(f"__len__ 返回了 {count}：训练集 {_TRAIN_SIZE} 个样本、每批 {_BATCH} 个，应当是 {_BATCHES} 批")
        match = data.match_task()
        for index, size in ((0, _BATCH), (1, _BATCH), (_BATCHES - 1, _LAST)):
            inputs, targets = _batch(dataset, index)
            image = _expect_array(inputs["image"], "image", (size, 8, 8, 1), "float32", index)
            query = _expect_array(inputs["query"], "query", (size, 1), "int32", index)
            target = _expect_array(targets["match"], "match", (size, 1), "float32", index)
            rows = slice(index * _BATCH, index * _BATCH + size)
            if not np.array_equal(image, match.x_train["image"][rows]):
                raise Wrong(
                    f"第 {index} 批的图片不是训练集的第 {rows.start} 到 {rows.stop} 个：按顺序切，"
                    "第 i 批是 [i * batch_size:(i + 1) * batch_size]，用 data.match_task() 的训练集"
                )
            if not (np.array_equal(query, match.x_train["query"][rows])
                    and np.array_equal(target, match.y_train["match"][rows])):
                raise Wrong(f"第 {index} 批的 query 或 match 与图片对不上：三样东西要用同一个切片")
        if workers != 2:
            raise Wrong(
                f"workers 是 {workers!r}，不是 2：构造时传入 workers=2，"
                f"__init__ 用 **kwargs 接住它，交给 {_SUPER}"
            )
        return (f"{_BATCHES} 批，每批 ({{image, query}}, {{match}})，最后一批 {_LAST} 个样本；"
                "workers=2 经 super().__init__ 交给了基类")


_STEPS_PER_EPOCH, _EPOCHS, _BATCH_3 = 20, 4, 100
_BATCHES_3 = -(-_TRAIN_SIZE // _BATCH_3)  # 14: the last batch holds 47 samples.


class StepsWhenDataRunsOut(Exercise):
    """28-2: how many steps fit runs when steps_per_epoch asks for more batches than the dataset holds."""

    id = "28-2"
    expects = "一个整数（fit 一共训练的步数）"
    hint = (
        "数据集有 math.ceil(1347 / 100) 批；Keras 3 里数据用完，这一轮就结束（发出警告），下一轮从头再走一遍；"
        "所以每轮走 min(20, 批数) 步，再乘以轮数"
    )

    @staticmethod
    def solution():
        batches = int(np.ceil(1347 / 100))   # 14 批：最后一批 47 个样本
        per_epoch = min(20, batches)         # 数据集用完，这一轮就结束
        return per_epoch * 4

    @staticmethod
    def grade(answer):
        steps = expect_integer(answer, "一个整数（fit 一共训练的步数）")
        right = min(_STEPS_PER_EPOCH, _BATCHES_3) * _EPOCHS
        if steps == right:
            return (f"每轮只有 {_BATCHES_3} 批，数据用完这一轮就结束，下一轮重新开始："
                    f"{_BATCHES_3} × {_EPOCHS} = {right} 步，每一轮都会发出 “ran out of data” 警告")
        if steps == _STEPS_PER_EPOCH * _EPOCHS:
            raise Wrong(
                f"{steps} 是 steps_per_epoch × epochs：可数据集没有 .repeat()，一轮只有 {_BATCHES_3} 批，"
                "用完时 Keras 就结束这一轮，走不满 20 步"
            )
        if steps == _BATCHES_3:
            raise Wrong(
                f"{steps} 是 Keras 2 的行为：数据用完时整个训练停止。Keras 3 说 “interrupting training”，"
                "其实只结束这一轮，下一轮从头再走一遍数据集"
            )
        if steps in ((_TRAIN_SIZE // _BATCH_3) * _EPOCHS, _TRAIN_SIZE // _BATCH_3):
            raise Wrong(
                f"1347 / 100 要向上取整：最后一批只有 47 个样本，也是一批，一轮是 {_BATCHES_3} 批"
            )
        raise Wrong(
            f"不对：先算数据集有几批（1347 个样本，每批 100 个），每一轮最多走多少步（steps_per_epoch 和批数里小的那个），"
            f"再乘以 {_EPOCHS} 轮"
        )

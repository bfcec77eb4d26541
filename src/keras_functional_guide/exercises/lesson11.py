"""Exercises of lesson 11 (延伸：用 tf.distribute 扩展训练): global batch and steps, by arithmetic.

Posed in ``notebooks/11_distributed.ipynb``. Both answers are integers: what
``MirroredStrategy`` changes is how a batch is split, not the model, so there
is no structure to grade.
"""

import math
import numbers

from tensorflow import keras

from keras_functional_guide.exercises._grading import Exercise, Wrong

LESSON = "11_distributed.ipynb"

REPLICAS = 4
PER_REPLICA = 32
GLOBAL_BATCH = REPLICAS * PER_REPLICA  # 128
TRAIN_SAMPLES = 1347
EPOCHS = 2
STEPS = EPOCHS * math.ceil(TRAIN_SAMPLES / GLOBAL_BATCH)  # 22


def _integer(answer):
    if isinstance(answer, keras.Model):
        raise Wrong("答案应当是一个整数，不是模型：算出这个数，赋给 answer")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        raise Wrong(f"答案应当是一个整数，得到的是 {type(answer).__name__}")
    return int(answer)


def _grade_global_batch(answer):
    answer = _integer(answer)
    if answer == GLOBAL_BATCH:
        return f"fit 的 batch_size 是全局批量：{REPLICAS} 个副本 × 每个 {PER_REPLICA} 个 = {GLOBAL_BATCH}"
    if answer == PER_REPLICA:
        raise Wrong("32 是每个副本的批量；fit 的 batch_size 是全局批量，由策略平分给所有副本")
    if answer == PER_REPLICA // REPLICAS:
        raise Wrong("除反了：全局批量分给 4 个副本后每个副本 32 个，所以全局批量是 32 的 4 倍")
    raise Wrong("不对：全局批量 = 副本数 × 每个副本的批量")


def _solve_global_batch():
    return REPLICAS * PER_REPLICA


def _grade_steps(answer):
    answer = _integer(answer)
    per_epoch = math.ceil(TRAIN_SAMPLES / GLOBAL_BATCH)
    if answer == STEPS:
        return f"每轮 ⌈{TRAIN_SAMPLES} / {GLOBAL_BATCH}⌉ = {per_epoch} 步，{EPOCHS} 轮共 {STEPS} 步"
    if answer in (EPOCHS * (TRAIN_SAMPLES // GLOBAL_BATCH), EPOCHS * TRAIN_SAMPLES // GLOBAL_BATCH):
        raise Wrong("最后一个不满 128 个样本的批量也算一步：每轮的步数要向上取整")
    if answer in (STEPS * REPLICAS, per_epoch * REPLICAS):
        raise Wrong("每个全局批量只更新一步，不是每个副本一步：副本的梯度先相加，再做同一次更新")
    if answer == per_epoch:
        raise Wrong(f"{per_epoch} 是一轮的步数，本题训练了 {EPOCHS} 轮")
    raise Wrong("不对：一轮的步数是 ⌈训练样本数 / 全局批量⌉，再乘以轮数")


def _solve_steps():
    return EPOCHS * math.ceil(TRAIN_SAMPLES / GLOBAL_BATCH)


class Exercise_11_1(Exercise):
    id = '11-1'
    expects = ("一个整数")
    hint = ("fit 的 batch_size 是全局批量，策略把它平分给所有副本")
    solution = staticmethod(_solve_global_batch)
    grade = staticmethod(_grade_global_batch)


class Exercise_11_2(Exercise):
    id = '11-2'
    expects = ("一个整数")
    hint = ("每个全局批量一步；一轮 ⌈1347 / 128⌉ 步（最后一个不满的批量也算），再乘以 2 轮")
    solution = staticmethod(_solve_steps)
    grade = staticmethod(_grade_steps)

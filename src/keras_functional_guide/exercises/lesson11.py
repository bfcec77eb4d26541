"""Exercises of lesson 11 (延伸：用 tf.distribute 扩展训练), posed in ``notebooks/11_distributed.ipynb``.

Both answers are integers: what ``MirroredStrategy`` changes is how a batch is
split, not the model, so there is no structure to grade.
"""

import math

from keras_functional_guide.exercises._grading import Exercise, Wrong, expect_integer

LESSON = "11_distributed.ipynb"

_REPLICAS = 4
_PER_REPLICA = 32
_GLOBAL_BATCH = _REPLICAS * _PER_REPLICA  # 128
_TRAIN_SAMPLES = 1347
_EPOCHS = 2


class GlobalBatch(Exercise):
    """11-1: fit's batch_size for 32 samples per replica on 4 replicas."""

    id = "11-1"
    expects = "一个整数"
    hint = "fit 的 batch_size 是全局批量，策略把它平分给所有副本"

    @staticmethod
    def solution():
        replicas = 4  # MirroredStrategy() 在 4 块 GPU 上：num_replicas_in_sync == 4
        per_replica = 32
        return replicas * per_replica

    @staticmethod
    def grade(answer):
        answer = expect_integer(answer)
        if answer == _GLOBAL_BATCH:
            return f"fit 的 batch_size 是全局批量：{_REPLICAS} 个副本 × 每个 {_PER_REPLICA} 个 = {_GLOBAL_BATCH}"
        if answer == _PER_REPLICA:
            raise Wrong("32 是每个副本的批量；fit 的 batch_size 是全局批量，由策略平分给所有副本")
        if answer == _PER_REPLICA // _REPLICAS:
            raise Wrong("除反了：全局批量分给 4 个副本后每个副本 32 个，所以全局批量是 32 的 4 倍")
        raise Wrong("不对：全局批量 = 副本数 × 每个副本的批量")


class OptimizerSteps(Exercise):
    """11-2: how many optimizer steps two epochs take with a global batch of 128."""

    id = "11-2"
    expects = "一个整数"
    hint = "每个全局批量一步；一轮 ⌈1347 / 128⌉ 步（最后一个不满的批量也算），再乘以 2 轮"

    @staticmethod
    def solution():
        import math

        steps_per_epoch = math.ceil(1347 / 128)  # 10 个满批量，加 1 个 67 个样本的批量
        return 2 * steps_per_epoch

    @staticmethod
    def grade(answer):
        answer = expect_integer(answer)
        per_epoch = math.ceil(_TRAIN_SAMPLES / _GLOBAL_BATCH)
        steps = _EPOCHS * per_epoch
        if answer == steps:
            return f"每轮 ⌈{_TRAIN_SAMPLES} / {_GLOBAL_BATCH}⌉ = {per_epoch} 步，{_EPOCHS} 轮共 {steps} 步"
        if answer in (_EPOCHS * (_TRAIN_SAMPLES // _GLOBAL_BATCH), _EPOCHS * _TRAIN_SAMPLES // _GLOBAL_BATCH):
            raise Wrong("最后一个不满 128 个样本的批量也算一步：每轮的步数要向上取整")
        if answer in (steps * _REPLICAS, per_epoch * _REPLICAS):
            raise Wrong("每个全局批量只更新一步，不是每个副本一步：副本的梯度先相加，再做同一次更新")
        if answer == per_epoch:
            raise Wrong(f"{per_epoch} 是一轮的步数，本题训练了 {_EPOCHS} 轮")
        raise Wrong("不对：一轮的步数是 ⌈训练样本数 / 全局批量⌉，再乘以轮数")

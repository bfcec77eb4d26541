"""The registry of the course's examples, in tutorial order: which builder, at which
sizes, learns which digits task, with which losses and metrics.

This module only describes the examples; :mod:`keras_functional_guide.training`
trains one, :mod:`keras_functional_guide.distribution` spreads that training over
devices or processes. The command line and the tests read the registry.
"""

import dataclasses
import difflib
import importlib

from keras_functional_guide import data


def _builder(module, function, **sizes):
    """A zero-argument builder that imports its module (and TensorFlow) only when called,
    so that looking up an example, or rejecting a wrong name, stays instant."""

    def build():
        return getattr(importlib.import_module(f"keras_functional_guide.{module}"), function)(**sizes)

    build.__name__ = function
    return build


# Sizes suited to 8×8 digits: small enough to train in seconds on 2 CPU cores.
_DIGITS_VGG = {"input_shape": data.IMAGE_SHAPE, "filters": 16, "fc_units": 64}


@dataclasses.dataclass(frozen=True)
class Example:
    """One example: its builder at digits sizes, its task, and how to compile it.

    Attributes:
        name: Identifier used by the command line, e.g. ``"multi_input"``.
        section: The tutorial section it illustrates, e.g. ``"§1.1"``.
        title: The tutorial's own heading for it, in Chinese.
        topology: One line in English on the shape of its graph.
        notebook: The notebook that teaches it.
        build: Zero-argument function returning a new model at digits sizes.
        load_task: Zero-argument function returning its :class:`data.Task`.
        loss: The loss, or a dict of losses keyed by output name.
        metrics: The metrics, or a dict of metric lists keyed by output name.
        accuracy_key: Key of the headline test accuracy in ``evaluate``'s dict.
        chance: Accuracy of guessing, for comparison.
        epochs: Default number of training epochs.
        batch_size: Default global batch size for training.
    """

    name: str
    section: str
    title: str
    topology: str
    notebook: str
    build: object
    load_task: object
    loss: object
    metrics: object
    accuracy_key: str
    chance: float
    epochs: int
    batch_size: int = 32


# Epochs: the fewest that keep every example well above its test floor with
# seeds 0-2 (tests/test_training.py). Each epoch is time a learner waits for,
# and the first epoch, which traces the training step, costs the most.
EXAMPLES = (
    Example(
        "sequential_equivalent", "§1, §2", "Functional API 概述 / 示例",
        "chain: conv, conv, pool, dense, dense (the tutorial's 'VGG19')",
        "01_functional_api_overview.ipynb",
        _builder("sequential", "build_sequential_equivalent", **_DIGITS_VGG),
        data.digit_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.1, epochs=3,
    ),
    Example(
        "sequential_counterpart", "§1", "Functional API 概述",
        "the same chain as keras.Sequential",
        "01_functional_api_overview.ipynb",
        _builder("sequential", "build_sequential_counterpart", **_DIGITS_VGG),
        data.digit_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.1, epochs=3,
    ),
    Example(
        "multi_input", "§1.1", "多输入模型",
        "two inputs (image, query id) merged by Concatenate",
        "02_multi_input.ipynb",
        _builder("multi_input", "build_multi_input"), data.match_task,
        loss={"match": "binary_crossentropy"},
        metrics={"match": ["accuracy"]},
        accuracy_key="accuracy", chance=0.5, epochs=10,
    ),
    Example(
        "multi_output", "§1.1", "多输出模型",
        "one input, two heads (digit softmax, parity sigmoid)",
        "03_multi_output.ipynb",
        _builder("multi_output", "build_multi_output"), data.digit_parity_task,
        loss={"digit": "sparse_categorical_crossentropy", "parity": "binary_crossentropy"},
        metrics={"digit": ["accuracy"], "parity": ["accuracy"]},
        accuracy_key="digit_accuracy", chance=0.1, epochs=4,
    ),
    Example(
        "dag", "§1.1", "有向无环图模型",
        "inception-style branches (Concatenate) and a residual Add",
        "04_dag.ipynb",
        _builder("dag", "build_dag"), data.digit_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.1, epochs=3,
    ),
    Example(
        "shared_layers", "§1.1", "有共享权重的层",
        "siamese: two inputs through one tower of shared layers",
        "05_shared_layers.ipynb",
        _builder("shared_layers", "build_shared_layers"), data.pair_task,
        loss={"same_digit": "binary_crossentropy"},
        metrics={"same_digit": ["accuracy"]},
        accuracy_key="accuracy", chance=0.5, epochs=4,
    ),
    Example(
        "nested", "§1.2", "一个模型也可以像网络层一样调用",
        "a keras.Model (encoder) called as a layer of another",
        "06_features.ipynb",
        _builder("nested", "build_nested"), data.digit_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.1, epochs=3,
    ),
    # Trained here from scratch on the few target labels; the lesson pretrains
    # the encoder on digits 0-4 (data.transfer_task(stage="pretrain")) and passes
    # it frozen: build_transfer_classifier(encoder=..., freeze_encoder=True).
    Example(
        "transfer", "延伸", "冻结与迁移学习",
        "encoder model (conv, batch norm) under a new head; digits 5-9 from 25 images",
        "15_transfer_learning.ipynb",
        _builder("transfer", "build_transfer_classifier"), data.transfer_task,
        loss="sparse_categorical_crossentropy", metrics=["accuracy"],
        accuracy_key="accuracy", chance=0.2, epochs=20,
        # 25 images: batches of 8 give about three steps per epoch (25 = 8 + 8 + 8 + 1).
        # Under a strategy train_example keeps every global batch a multiple of the
        # replica count, so the last image is left out of that epoch (see distribute_batches).
        batch_size=8,
    ),
)

EXAMPLE_NAMES = tuple(example.name for example in EXAMPLES)


def get_example(name):
    """Returns the :class:`Example` called ``name``.

    Raises:
        ValueError: If there is no such example; the message lists the valid
            names and suggests the closest one.
    """
    for example in EXAMPLES:
        if example.name == name:
            return example
    close = difflib.get_close_matches(str(name), EXAMPLE_NAMES, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ValueError(f"name must be one of {', '.join(EXAMPLE_NAMES)}; got {name!r}.{hint}")

"""Real, offline data: scikit-learn's bundled 8×8 digits, and one task per example.

``sklearn.datasets.load_digits`` reads 1,797 images of handwritten digits that
ship inside scikit-learn, so nothing is downloaded. This module scales them to
[0, 1], shapes them as ``(8, 8, 1)`` images, splits them once with a fixed
seed, and derives the task each builder's example needs, ready for ``fit`` and
``evaluate``: plain arrays where a model has one input or output, dicts keyed by
the model's input and output names where it has several. scikit-learn is imported only when data is first loaded.
"""

import functools
from typing import NamedTuple

import numpy as np

from keras_functional_guide._validation import check_int

IMAGE_SHAPE = (8, 8, 1)
NUM_CLASSES = 10


class Task(NamedTuple):
    """A train/test split, in the structure the model takes: NumPy arrays for a
    single input or output, dicts of arrays keyed by name for several."""

    x_train: object
    y_train: object
    x_test: object
    y_test: object


def _check_split(test_fraction, seed):
    if isinstance(test_fraction, bool) or not isinstance(test_fraction, float) or not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be a float strictly between 0 and 1, got {test_fraction!r}")
    return check_int("seed", seed, minimum=0)


@functools.lru_cache(maxsize=None)
def _split(test_fraction, seed):
    from sklearn.datasets import load_digits as sklearn_load_digits
    from sklearn.model_selection import train_test_split

    digits = sklearn_load_digits()
    # Pixel values are integers 0..16; scale them to [0, 1] for the network.
    images = (digits.images / 16.0).astype("float32")[..., np.newaxis]
    labels = digits.target.astype("int64")
    images_train, images_test, labels_train, labels_test = train_test_split(
        images, labels, test_size=test_fraction, random_state=seed, stratify=labels
    )
    for array in (images_train, images_test, labels_train, labels_test):
        array.setflags(write=False)  # The cache hands out the same arrays every call.
    return (images_train, labels_train), (images_test, labels_test)


def load_digits(*, test_fraction=0.25, seed=0):
    """Loads the digits as ``(images_train, labels_train), (images_test, labels_test)``.

    Args:
        test_fraction: Share of the 1,797 images held out for testing.
        seed: Seed of the stratified split; the same seed gives the same split.

    Returns:
        Two pairs of read-only arrays: images of shape ``(n, 8, 8, 1)``,
        float32 in [0, 1], and integer labels 0..9.

    Raises:
        ValueError: If ``test_fraction`` or ``seed`` is out of range.
    """
    seed = _check_split(test_fraction, seed)
    return _split(float(test_fraction), seed)


def digit_task(*, test_fraction=0.25, seed=0):
    """Classify the digit: image → label, as plain arrays for single-input, single-output models.

    Used by the Sequential-equivalent, DAG and nested examples.
    """
    (images_train, labels_train), (images_test, labels_test) = load_digits(
        test_fraction=test_fraction, seed=seed
    )
    return Task(images_train, labels_train, images_test, labels_test)


def digit_parity_task(*, test_fraction=0.25, seed=0):
    """Two targets from one image: image → ``{"digit", "parity"}`` (parity 1 = odd).

    Used by :func:`keras_functional_guide.build_multi_output`.
    """
    (images_train, labels_train), (images_test, labels_test) = load_digits(
        test_fraction=test_fraction, seed=seed
    )

    def targets(labels):
        return {"digit": labels, "parity": (labels % 2).astype("float32")[:, np.newaxis]}

    return Task(images_train, targets(labels_train), images_test, targets(labels_test))


def _other_label(rng, labels):
    """For each label, a different label drawn uniformly from the other classes."""
    return (labels + rng.integers(1, NUM_CLASSES, size=len(labels))) % NUM_CLASSES


def match_task(*, test_fraction=0.25, seed=0):
    """Does the image show the queried digit? ``{"image", "query"}`` → ``{"match"}``.

    Each query is the image's own label with probability 0.5 and another label
    otherwise, so about half match and guessing scores about 50 %. Train and
    test queries come from their own split.
    Used by :func:`keras_functional_guide.build_multi_input`.
    """
    (images_train, labels_train), (images_test, labels_test) = load_digits(
        test_fraction=test_fraction, seed=seed
    )
    rng = np.random.default_rng(seed)

    def make(images, labels):
        match = rng.random(len(labels)) < 0.5
        query = np.where(match, labels, _other_label(rng, labels))
        return (
            {"image": images, "query": query.astype("int32")[:, np.newaxis]},
            {"match": match.astype("float32")[:, np.newaxis]},
        )

    return Task(*make(images_train, labels_train), *make(images_test, labels_test))


def pair_task(*, pairs_per_image=2, test_fraction=0.25, seed=0):
    """Do two images show the same digit? ``{"image_a", "image_b"}`` → ``{"same_digit"}``.

    Each image of a split is paired ``pairs_per_image`` times, each time with
    another image of the same digit with probability 0.5 and with one of a
    different digit otherwise, so about half the pairs match and guessing scores
    about 50 %. Pairs never cross the train/test split. Used by
    :func:`keras_functional_guide.build_shared_layers`.
    """
    pairs_per_image = check_int("pairs_per_image", pairs_per_image)
    (images_train, labels_train), (images_test, labels_test) = load_digits(
        test_fraction=test_fraction, seed=seed
    )
    rng = np.random.default_rng(seed)

    def make(images, labels):
        first = np.tile(np.arange(len(labels)), pairs_per_image)
        same = rng.random(len(first)) < 0.5
        wanted = np.where(same, labels[first], _other_label(rng, labels[first]))
        by_label = [np.flatnonzero(labels == label) for label in range(NUM_CLASSES)]
        second = np.array([rng.choice(by_label[label]) for label in wanted])
        return (
            {"image_a": images[first], "image_b": images[second]},
            {"same_digit": same.astype("float32")[:, np.newaxis]},
        )

    return Task(*make(images_train, labels_train), *make(images_test, labels_test))


TRANSFER_STAGES = ("pretrain", "target")


def transfer_task(*, stage="target", train_per_class=5, test_fraction=0.25, seed=0):
    """Digits 0–4 to pretrain on, then digits 5–9 from a few labels: image → class 0..4.

    ``stage="pretrain"``: every training image of digits 0–4, labels 0..4.
    ``stage="target"``: ``train_per_class`` training images of each digit 5–9
    (drawn with ``seed``), labels ``digit - 5``. Each stage's test set is every
    test image of its five digits, so the two never share an image. Used by
    :func:`keras_functional_guide.build_transfer_classifier` in
    ``notebooks/15_transfer_learning.ipynb``.

    Args:
        stage: ``"pretrain"`` or ``"target"``.
        train_per_class: Training images per digit for ``"target"`` (at most
            the smallest class, about 130); ignored for ``"pretrain"``.
        test_fraction: Share of the 1,797 images held out for testing.
        seed: Seed of the split and of the draw of the few target images.

    Returns:
        A :class:`Task` of plain arrays.

    Raises:
        ValueError: If an argument is out of range.
    """
    if stage not in TRANSFER_STAGES:
        raise ValueError(f"stage must be one of {', '.join(TRANSFER_STAGES)}; got {stage!r}")
    train_per_class = check_int("train_per_class", train_per_class)
    (images_train, labels_train), (images_test, labels_test) = load_digits(
        test_fraction=test_fraction, seed=seed
    )
    first = 0 if stage == "pretrain" else 5
    in_test = (labels_test >= first) & (labels_test < first + 5)
    if stage == "pretrain":
        chosen = np.flatnonzero(labels_train < 5)
    else:
        rng = np.random.default_rng(seed)
        by_digit = [np.flatnonzero(labels_train == digit) for digit in range(5, 10)]
        smallest = min(len(indices) for indices in by_digit)
        if train_per_class > smallest:
            raise ValueError(f"train_per_class must be an integer <= {smallest}, got {train_per_class!r}")
        chosen = np.sort(np.concatenate([rng.choice(indices, train_per_class, replace=False) for indices in by_digit]))
    return Task(
        images_train[chosen], labels_train[chosen] - first,
        images_test[in_test], labels_test[in_test] - first,
    )

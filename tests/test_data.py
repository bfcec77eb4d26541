"""The digits tasks: real data, fixed split, balanced derived tasks, no leak across the split."""

import numpy as np
import pytest

from keras_functional_guide import data


def test_digits_are_scaled_images_with_a_fixed_stratified_split():
    (images_train, labels_train), (images_test, labels_test) = data.load_digits()
    assert images_train.shape == (1347, 8, 8, 1) and images_test.shape == (450, 8, 8, 1)
    assert images_train.dtype == np.float32
    assert 0.0 <= images_train.min() and images_train.max() == 1.0
    assert set(np.unique(labels_test)) == set(range(10))
    # Stratified: each class has about a quarter of its images in the test split.
    assert np.bincount(labels_test).min() >= 40
    (again_train, _), _ = data.load_digits()
    np.testing.assert_array_equal(images_train, again_train)
    (other_train, _), _ = data.load_digits(seed=1)
    assert not np.array_equal(images_train, other_train)


def test_match_task_is_balanced_and_queries_are_class_ids():
    task = data.match_task()
    assert sorted(task.x_train) == ["image", "query"] and sorted(task.y_train) == ["match"]
    (_, labels_train), _ = data.load_digits()
    query, match = task.x_train["query"][:, 0], task.y_train["match"][:, 0]
    assert task.x_train["query"].dtype == np.int32
    assert 0.45 < match.mean() < 0.55
    np.testing.assert_array_equal(query == labels_train, match == 1.0)


def test_digit_parity_task_marks_odd_digits():
    task = data.digit_parity_task()
    np.testing.assert_array_equal(task.y_test["parity"][:, 0], task.y_test["digit"] % 2)
    assert task.x_test.shape == (450, 8, 8, 1)


def test_pair_task_is_balanced_and_pairs_stay_in_their_split():
    task = data.pair_task()
    (images_train, labels_train), (images_test, labels_test) = data.load_digits()
    assert task.x_train["image_a"].shape == (2 * 1347, 8, 8, 1)
    same = task.y_test["same_digit"][:, 0]
    assert 0.4 < same.mean() < 0.6

    def label_of(images, split_images, split_labels):
        flat = split_images.reshape(len(split_images), -1)
        index = {row.tobytes(): label for row, label in zip(flat, split_labels)}
        return np.array([index[row.tobytes()] for row in images.reshape(len(images), -1)])

    # Every image of a test pair is a test image (a KeyError would mean a leak).
    label_a = label_of(task.x_test["image_a"], images_test, labels_test)
    label_b = label_of(task.x_test["image_b"], images_test, labels_test)
    np.testing.assert_array_equal(label_a == label_b, same == 1.0)


@pytest.mark.parametrize("task", [data.digit_task, data.match_task, data.digit_parity_task, data.pair_task])
def test_tasks_repeat_with_the_same_seed(task):
    first, second = task(), task()
    for a, b in zip(first, second):
        if isinstance(a, dict):
            for key in a:
                np.testing.assert_array_equal(a[key], b[key])
        else:
            np.testing.assert_array_equal(a, b)

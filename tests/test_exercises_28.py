"""Lesson 28's exercises, beyond the table of wrong answers (``wrong_answers/lesson28.py``)."""

import math
import warnings

import numpy as np
import tensorflow as tf
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data
from keras_functional_guide.exercises import check, reference


def test_the_counts_the_checkers_expect_are_the_data_s():
    # Worked out by hand: 1347 training samples (75 % of 1,797, stratified), 27 batches of 50 with 47
    # left for the last (26 x 50 = 1300), 14 batches of 100 with 47 left for the last.
    match = data.match_task()
    assert len(match.y_train["match"]) == 1347
    batches = reference("28-1")
    assert len(batches) == 27 == math.ceil(1347 / 50)
    assert len(batches[26][1]["match"]) == 1347 - 26 * 50 == 47
    assert reference("28-2") == 14 * 4 == 56


def test_a_num_batches_property_instead_of_len_passes_28_1(capsys):
    # PyDataset also reads its length from a num_batches property, as fit does.
    match = data.match_task()

    class ByProperty(keras.utils.PyDataset):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)

        @property
        def num_batches(self):
            return math.ceil(1347 / 50)

        def __getitem__(self, index):
            rows = slice(index * 50, (index + 1) * 50)
            return ({"image": match.x_train["image"][rows], "query": match.x_train["query"][rows]},
                    {"match": match.y_train["match"][rows]})

    assert check("28-1", ByProperty(workers=2))
    assert capsys.readouterr().out.startswith("✓ 28-1 ")


def test_the_28_2_answer_is_what_keras_does():
    # The exercise's number, counted on a real fit: 14 batches an epoch, a warning each epoch, 4 epochs.
    match = data.match_task()
    dataset = tf.data.Dataset.from_tensor_slices((match.x_train, match.y_train)).batch(100)
    model = kfg.build_multi_input()
    model.compile(optimizer="adam", loss={"match": "binary_crossentropy"})

    class Count(keras.callbacks.Callback):
        batches = 0

        def on_train_batch_end(self, batch, logs=None):
            Count.batches += 1

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        history = model.fit(dataset, epochs=4, steps_per_epoch=20, shuffle=False, callbacks=[Count()], verbose=0)
    assert Count.batches == reference("28-2") == 56
    assert len(history.history["loss"]) == 4
    assert sum("ran out of data" in str(warning.message) for warning in caught) == 4
    assert np.isfinite(history.history["loss"]).all()

"""Lesson 19's exercises, beyond the table of wrong answers (``wrong_answers/lesson19.py``)."""

import numpy as np
import tensorflow as tf

import keras_functional_guide as kfg
from keras_functional_guide import data
from keras_functional_guide.exercises import check, reference
from wrong_answers.lesson19 import sample_weights


def test_a_shuffled_dataset_passes_19_2_too(capsys):
    # Shuffling keeps each image with its own targets and weights, so the weights still match.
    task = data.digit_parity_task()
    dataset = tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train, sample_weights(task)))
    assert check("19-2", dataset.shuffle(2000).batch(64))
    assert capsys.readouterr().out.startswith("✓ 19-2 ")


def test_the_19_1_reference_is_what_fit_takes():
    # The checker's structure is the one Keras accepts: one real training step on the reference.
    model = kfg.build_multi_input()
    model.compile(optimizer="adam", loss={"match": "binary_crossentropy"})
    history = model.fit(reference("19-1").take(2), epochs=1, verbose=0, shuffle=False)
    assert np.isfinite(history.history["loss"][0])

"""Lesson 24's exercises, beyond the table of wrong answers (``wrong_answers/lesson24.py``)."""

import tensorflow as tf
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide import data
from keras_functional_guide.exercises import check, reference
from wrong_answers.lesson24 import Step


def test_apply_gradients_passes_24_1(capsys):
    # Keras 2's optimizer call still works in Keras 3: the checker looks at the weights, not the spelling.
    class ApplyGradients(Step):
        def train_step(self, data):
            x, y, sample_weight = keras.utils.unpack_x_y_sample_weight(data)
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight)
            grads = tape.gradient(loss, self.trainable_weights)
            self.optimizer.apply_gradients(zip(grads, self.trainable_weights))
            for metric in self.metrics:
                if metric.name == "loss":
                    metric.update_state(loss)
            logs = self.compute_metrics(x, y, y_pred, sample_weight=sample_weight)
            logs["grad_norm"] = tf.linalg.global_norm(grads)
            return logs

    network = kfg.build_multi_input()
    model = ApplyGradients(inputs=network.input, outputs=network.output)
    model.compile(optimizer="sgd", loss={"match": "binary_crossentropy"}, metrics={"match": ["accuracy"]})
    assert check("24-1", model)
    assert capsys.readouterr().out.startswith("✓ 24-1 ")


def test_the_24_1_reference_trains_under_fit_and_reports_grad_norm_every_epoch():
    # What the checker runs once, fit runs for every batch: the history has the step's own key.
    model = reference("24-1")
    match = data.match_task()
    x = {name: values[:96] for name, values in match.x_train.items()}
    y = {name: values[:96] for name, values in match.y_train.items()}
    history = model.fit(x, y, epochs=2, batch_size=32, verbose=0)
    assert sorted(history.history) == ["accuracy", "grad_norm", "loss"]
    assert all(value > 0 for value in history.history["grad_norm"] + history.history["loss"])


def _lesson_loop():
    """Lesson 24's section 2: the model, optimizer, losses, loop step and train_ds."""
    task = data.digit_parity_task()
    model = kfg.build_multi_output()
    optimizer = keras.optimizers.Adam(learning_rate=2e-3)
    digit_loss_fn, parity_loss_fn = keras.losses.SparseCategoricalCrossentropy(), keras.losses.BinaryCrossentropy()

    def train_step(x, y):
        with tf.GradientTape() as tape:
            y_pred = model(x, training=True)
            loss = digit_loss_fn(y["digit"], y_pred["digit"]) + parity_loss_fn(y["parity"], y_pred["parity"])
        grads = tape.gradient(loss, model.trainable_weights)
        optimizer.apply(grads, model.trainable_weights)

    train_ds = tf.data.Dataset.from_tensor_slices((task.x_train, task.y_train)).shuffle(1024, seed=0).batch(32)
    assert len(train_ds) == 43 and 1347 - 42 * 32 == 3
    return train_step, train_ds


def _traces(step, train_ds, epochs=4):
    step = tf.function(step)
    for _ in range(epochs):
        for x, y in train_ds:
            step(x, y)
    return step.experimental_get_tracing_count()


def test_the_24_2_answer_is_what_tensorflow_does():
    # As the lesson runs it: a few eager steps first (the optimizer builds its variables), then the
    # step wrapped without an input_signature for 4 epochs. TensorFlow's own count is the answer.
    train_step, train_ds = _lesson_loop()
    x, y = next(iter(train_ds))
    train_step(x, y)
    assert _traces(train_step, train_ds) == reference("24-2") == 2


def test_the_24_2_wrong_answer_3_is_a_fresh_optimizer():
    # The checker's reason for 3: with no variables yet, the first call traces once more to create them.
    train_step, train_ds = _lesson_loop()
    assert _traces(train_step, train_ds) == 3

"""Shared fixtures. The environment is set before anything imports TensorFlow."""

from keras_functional_guide.notebook_tools import apply_kernel_env

# The same settings as the notebooks: quiet TensorFlow, oneDNN off.
apply_kernel_env()

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def fresh_keras_state():
    """Resets Keras's name counters and seeds, so each test starts alike."""
    from tensorflow import keras

    keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    yield

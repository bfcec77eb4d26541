"""Refuse to run under Keras 2, before TensorFlow is imported.

The check reads installed package metadata instead of importing TensorFlow, so
that ``import keras_functional_guide`` stays as cheap as possible.
"""

import os
from importlib import metadata

MIN_TENSORFLOW = (2, 16)
MIN_KERAS = (3, 14)


def _version_tuple(text):
    """Turns '2.21.0rc1' into (2, 21); unknown parts become 0."""
    numbers = []
    for part in text.split(".")[:2]:
        digits = ""
        for character in part:
            if not character.isdigit():
                break
            digits += character
        numbers.append(int(digits) if digits else 0)
    while len(numbers) < 2:
        numbers.append(0)
    return tuple(numbers)


def check_versions(tensorflow_version, keras_version, legacy_keras_flag):
    """Raises ImportError unless the versions give Keras 3 through tf.keras.

    Args:
        tensorflow_version: The installed TensorFlow version string, or None.
        keras_version: The installed Keras version string, or None.
        legacy_keras_flag: The value of the ``TF_USE_LEGACY_KERAS`` variable, or None.

    Raises:
        ImportError: If TensorFlow is missing or older than 2.16, if Keras is older
            than 3.14, or if ``TF_USE_LEGACY_KERAS`` asks for Keras 2.
    """
    needs = (
        "keras_functional_guide needs Keras 3: tensorflow >= 2.16 and keras >= 3.14 "
        "(pip install 'tensorflow>=2.16' 'keras>=3.14')"
    )
    if tensorflow_version is None:
        raise ImportError(f"{needs}; tensorflow is not installed.")
    if _version_tuple(tensorflow_version) < MIN_TENSORFLOW:
        raise ImportError(f"{needs}; found tensorflow {tensorflow_version}, whose tf.keras is Keras 2.")
    if keras_version is None or _version_tuple(keras_version) < MIN_KERAS:
        raise ImportError(f"{needs}; found keras {keras_version}.")
    if legacy_keras_flag is not None and legacy_keras_flag.strip().lower() in ("1", "true", "yes"):
        raise ImportError(
            f"{needs}; TF_USE_LEGACY_KERAS={legacy_keras_flag} makes tf.keras Keras 2. "
            "Unset TF_USE_LEGACY_KERAS to use this package."
        )


def _installed(distribution):
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def check_environment():
    """Runs :func:`check_versions` on this interpreter's installed packages."""
    tensorflow_version = _installed("tensorflow") or _installed("tensorflow-cpu")
    check_versions(tensorflow_version, _installed("keras"), os.environ.get("TF_USE_LEGACY_KERAS"))

"""Refuse to run under Keras 2 or below the versions the package declares, before TensorFlow is imported.

The floors are not written here: they are the package's own requirements on
``tensorflow`` and ``keras`` (``pyproject.toml``, read back from the installed
package's metadata), so the check and the declaration cannot disagree. The
installed versions come from package metadata too, so that
``import keras_functional_guide`` stays as cheap as possible.
"""

import functools
import os
from importlib import metadata

from packaging.requirements import Requirement
from packaging.version import InvalidVersion, Version

DISTRIBUTION = "keras-functional-guide"
CHECKED = ("tensorflow", "keras")


@functools.lru_cache(maxsize=None)
def declared_requirements():
    """``{"tensorflow": Requirement, "keras": Requirement}`` as the installed package declares them.

    Empty when the package runs from a source tree that was never installed.
    """
    try:
        requires = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return {}
    found = {}
    for text in requires:
        requirement = Requirement(text)
        if requirement.name in CHECKED and (requirement.marker is None or requirement.marker.evaluate()):
            found[requirement.name] = requirement
    return found


def _installed(distribution):
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _satisfies(requirement, version):
    try:
        return requirement.specifier.contains(Version(version), prereleases=True)
    except InvalidVersion:
        return False


def _keras_2(tensorflow_version):
    """True for a TensorFlow whose tf.keras is Keras 2 (before 2.16)."""
    try:
        return Version(tensorflow_version) < Version("2.16")
    except InvalidVersion:
        return False


def check_environment():
    """Raises ImportError unless the installed TensorFlow and Keras give Keras 3 through tf.keras
    at the versions the package requires.

    Raises:
        ImportError: If TensorFlow or Keras is missing or below its declared floor,
            or if ``TF_USE_LEGACY_KERAS`` asks for Keras 2.
    """
    requirements = declared_requirements()
    wanted = " and ".join(str(requirements[name]) for name in CHECKED if name in requirements) or "Keras 3"
    needs = f"keras_functional_guide needs Keras 3: {wanted} (pip install {' '.join(repr(str(r)) for r in requirements.values())})"
    versions = {"tensorflow": _installed("tensorflow") or _installed("tensorflow-cpu"), "keras": _installed("keras")}
    for name in CHECKED:
        if versions[name] is None:
            raise ImportError(f"{needs}; {name} is not installed.")
        if name in requirements and not _satisfies(requirements[name], versions[name]):
            keras2 = ", whose tf.keras is Keras 2" if name == "tensorflow" and _keras_2(versions[name]) else ""
            raise ImportError(f"{needs}; found {name} {versions[name]}{keras2}.")
    flag = os.environ.get("TF_USE_LEGACY_KERAS")
    if flag is not None and flag.strip().lower() in ("1", "true", "yes"):
        raise ImportError(
            f"{needs}; TF_USE_LEGACY_KERAS={flag} makes tf.keras Keras 2. Unset TF_USE_LEGACY_KERAS to use this package."
        )

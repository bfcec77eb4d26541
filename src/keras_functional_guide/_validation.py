"""Argument checks shared by the builders.

Every builder calls these before it creates a single layer, so a bad argument
gives one clear ``ValueError`` instead of a traceback from deep inside Keras.
"""

import numbers


def _is_integer(value):
    # bool is a subclass of int, but True is never a sensible layer size.
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def check_int(name, value, *, minimum=1):
    """Checks that ``value`` is an integer >= ``minimum`` and returns it as int."""
    if not _is_integer(value) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def check_shape(name, value, *, rank):
    """Checks that ``value`` is a tuple or list of ``rank`` positive integers."""
    described = "an image shape (height, width, channels)" if rank == 3 else "a shape"
    accepted = f"{described}: a tuple of {rank} integers >= 1"
    if not isinstance(value, (tuple, list)) or len(value) != rank:
        raise ValueError(f"{name} must be {accepted}, got {value!r}")
    if not all(_is_integer(size) and size >= 1 for size in value):
        raise ValueError(f"{name} must be {accepted}, got {value!r}")
    return tuple(int(size) for size in value)


def check_name(name, value):
    """Checks that ``value`` is a non-empty string without '/' (Keras forbids it)."""
    if not isinstance(value, str) or not value or "/" in value:
        raise ValueError(f"{name} must be a non-empty string without '/', got {value!r}")
    return value


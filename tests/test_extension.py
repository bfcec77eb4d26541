"""The package in a real Jupyter kernel: importing it changes nothing; the extension's one
line turns the lessons' conveniences on, and unloading it gives back what it changed.

One kernel, started as JupyterLab starts one, goes through the whole sequence: a
learner's own exception handler first, then the import, the load, an error, a
warning, another %xmode, the unload.
"""

import re

import pytest

from kernel import start_kernel

# Every piece of kernel state the package could touch, as plain values.
STATE = r"""
def _kfg_state():
    import gc, logging, os, warnings
    shell = get_ipython()
    fd2 = os.fstat(2)
    return {
        "environ": sorted(os.environ.items()),
        "fd 2": (fd2.st_dev, fd2.st_ino),
        "custom exceptions": repr(shell.custom_exceptions),
        "custom handler": id(shell.CustomTB),
        "%xmode": shell.InteractiveTB.mode,
        "formatwarning": f"{warnings.formatwarning.__module__}.{warnings.formatwarning.__qualname__}",
        "tensorflow logger level": logging.getLogger("tensorflow").level,
        "gc frozen objects": gc.get_freeze_count(),
        "gc": (gc.isenabled(), gc.get_threshold()),
    }
"""

# A learner's (or another extension's) own handler, installed before anything of ours.
USER_HANDLER = r"""
def _users_handler(shell, etype, value, tb, tb_offset=None):
    print("the learner's handler saw", etype.__name__)
    return []
get_ipython().set_custom_exc((ZeroDivisionError,), _users_handler)
"""


@pytest.fixture(scope="module")
def kernel():
    with start_kernel() as running:
        assert running.run(STATE).error is None
        yield running


@pytest.fixture(scope="module")
def tensorflows_own():
    """What importing TensorFlow (and loading Keras) changes by itself in such a kernel: the
    variables it sets in os.environ, and its logger's level (INFO in an interactive shell)."""
    with start_kernel() as plain:
        assert plain.run(STATE).error is None
        before = plain.value("_kfg_state()")
        plain.run("import tensorflow as tf\nfrom tensorflow import keras\nkeras.layers.Layer")
        after = plain.value("_kfg_state()")
    added = sorted(set(after["environ"]) - set(before["environ"]))
    assert {name for name, _ in added} >= {"TF2_BEHAVIOR"}, added
    return {"environ": added, "tensorflow logger level": after["tensorflow logger level"]}


@pytest.fixture(scope="module")
def states(kernel):
    """The kernel's state at each step, and what the steps showed."""
    states, shown = {}, {}
    assert kernel.run(USER_HANDLER).error is None
    states["before"] = kernel.value("_kfg_state()")
    shown["import"] = kernel.run("import keras_functional_guide as kfg")
    states["after import"] = kernel.value("_kfg_state()")
    shown["load"] = kernel.run("%load_ext keras_functional_guide")
    assert shown["load"].error is None, shown["load"]
    states["after load"] = kernel.value("_kfg_state()")
    states["tensorflow imported"] = kernel.value("'tensorflow' in __import__('sys').modules")
    shown["error"] = kernel.run(
        "from tensorflow import keras\n"
        "x = keras.Input(shape=(3,), name='x')\n"
        "keras.Model(\n"
        "    input=x,\n"
        "    output=x,\n"
        ")"
    )
    shown["warning"] = kernel.run("import warnings\nwarnings.warn('watch out')")
    shown["zero"] = kernel.run("1 / 0")
    shown["context"] = kernel.run("%xmode Context\nkeras.Model(input=x, output=x)")
    kernel.run("%xmode Plain")
    shown["unload"] = kernel.run("%unload_ext keras_functional_guide")
    states["after unload"] = kernel.value("_kfg_state()")
    shown["zero after unload"] = kernel.run("1 / 0")
    return states, shown


def test_importing_the_package_changes_nothing(states):
    states, shown = states
    assert shown["import"].error is None and not shown["import"].stderr
    assert states["after import"] == states["before"]


def test_loading_changes_only_what_it_says_and_imports_tensorflow_without_noise(states, tensorflows_own):
    states, shown = states
    before, loaded = states["before"], states["after load"]
    changed = {key for key in before if before[key] != loaded[key]}
    assert changed == {"custom handler", "custom exceptions", "%xmode", "formatwarning",
                       "tensorflow logger level", "gc frozen objects", "environ"}
    # In os.environ (what a subprocess inherits) only what importing TensorFlow sets by itself:
    # no TF_CPP_MIN_LOG_LEVEL. The kernel's stderr is where it was.
    assert sorted(set(loaded["environ"]) - set(before["environ"])) == tensorflows_own["environ"]
    assert set(before["environ"]) <= set(loaded["environ"])
    assert loaded["fd 2"] == before["fd 2"]
    assert loaded["%xmode"] == "Plain" and loaded["tensorflow logger level"] == 30
    assert loaded["gc frozen objects"] > 100_000
    assert states["tensorflow imported"] is True
    assert shown["load"].stderr == "" and shown["load"].stdout == "" and shown["load"].error is None


def test_an_error_shows_the_learners_whole_statement_and_the_whole_message(states):
    _, shown = states
    name, value, traceback = shown["error"].error
    assert name == "ValueError"
    assert value.startswith("Unrecognized keyword arguments passed to Model: {'input'")
    text = "\n".join(traceback)
    first, *statement = text.splitlines()[:5]
    import IPython

    if IPython.version_info >= (8,):
        assert re.fullmatch(r"Cell In\[\d+\], line 3:", first), text
    else:  # IPython 7 under ipykernel >= 6 keeps no cell numbers: the cell's file, as IPython 7 shows it.
        assert re.fullmatch(r"File \S+ipykernel_\d+/\d+\.py, line 3:", first), text
    assert statement == ["    keras.Model(", "        input=x,", "        output=x,", "    )"], text
    assert text.splitlines()[-1].startswith("ValueError: Unrecognized keyword arguments passed to Model")
    assert "site-packages" not in text and "keras/src" not in text


def test_a_warning_shows_on_one_line(states):
    _, shown = states
    assert shown["warning"].stderr == "UserWarning: watch out\n"


def test_the_learners_own_handler_still_handles_its_exceptions(states):
    _, shown = states
    # Loaded after the learner's handler, ours handles every Exception; the learner's
    # comes back with the unload.
    assert "the learner's handler saw" not in shown["zero"].stdout
    assert shown["zero after unload"].stdout == "the learner's handler saw ZeroDivisionError\n"


def test_another_xmode_chosen_after_loading_is_honoured(states):
    _, shown = states
    text = "\n".join(shown["context"].error[2])
    assert "keras/src/" in text or "site-packages" in text  # IPython's full traceback, library frames and all


def test_unloading_gives_back_exactly_what_loading_changed(states, tensorflows_own):
    states, shown = states
    assert shown["unload"].error is None and not shown["unload"].stderr
    # TensorFlow stays imported (Python cannot unimport it): what it set itself stays too.
    expected = {**states["before"], "environ": states["after load"]["environ"],
                "tensorflow logger level": tensorflows_own["tensorflow logger level"]}
    assert states["after unload"] == expected

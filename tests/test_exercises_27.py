"""Lesson 27's exercises, beyond the table of wrong answers (``wrong_answers/lesson27.py``).

The checkers work their answers out from the builders' layers; these tests check
them against real files written by ``save_weights`` and read with ``h5py`` and
``load_weights``.
"""

import warnings

import h5py
import numpy as np
import pytest
from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide.exercises import check, reference
from keras_functional_guide.exercises.lesson27 import weights_file_paths


def file_paths(path):
    """``{layer name: "layers/<path>"}`` as written in a ``.weights.h5`` file (the ``name`` attribute)."""
    with h5py.File(path, "r") as file:
        return {group["vars"].attrs["name"]: f"layers/{key}" for key, group in file["layers"].items()}


@pytest.mark.parametrize("build", [kfg.build_multi_output, kfg.build_dag, kfg.build_nested, kfg.build_shared_layers],
                         ids=["multi_output", "dag", "nested", "shared_layers"])
def test_the_path_rule_is_what_save_weights_writes(build, tmp_path):
    model = build()
    model.save_weights(tmp_path / "model.weights.h5")
    assert weights_file_paths(model) == file_paths(tmp_path / "model.weights.h5")


def test_the_27_3_answer_is_what_the_file_says(tmp_path):
    model = kfg.build_dag()
    model.save_weights(tmp_path / "dag.weights.h5")
    written = file_paths(tmp_path / "dag.weights.h5")
    assert reference("27-3") == {name: written[name] for name in reference("27-3")}


def test_the_27_2_answer_is_what_load_weights_does(tmp_path):
    keras.utils.set_random_seed(0)
    old = kfg.build_multi_output()
    old.save_weights(tmp_path / "old.weights.h5")
    keras.utils.set_random_seed(1)
    new = kfg.build_multi_output(filters=8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # The skip_mismatch warning: what it says is the lesson's subject.
        new.load_weights(tmp_path / "old.weights.h5", skip_mismatch=True)
    loaded = [name for name in ("conv", "hidden", "digit", "parity")
              if all(np.array_equal(a, b) for a, b in zip(new.get_layer(name).get_weights(),
                                                           old.get_layer(name).get_weights()))]
    assert loaded == reference("27-2")


def test_the_27_1_parameters_counted_by_hand():
    # conv 3*3*1*16 + 16; hidden 1024*64 + 64 (8*8*16 = 1024 after Flatten); parity 64 + 1; two_class 64*2 + 2.
    assert int(reference("27-1").count_params()) == 160 + 65_600 + 65 + 130 == 65_955


def test_the_27_1_answer_shares_the_loaded_layers(tmp_path, capsys):
    # The lesson's way, with the weights really loaded: the answer's layers are base's own.
    keras.utils.set_random_seed(0)
    kfg.build_multi_output().save_weights(tmp_path / "old.weights.h5")
    base = kfg.build_multi_output()
    base.load_weights(tmp_path / "old.weights.h5")
    hidden = base.get_layer("hidden").output
    model = keras.Model(base.input, {"parity": base.get_layer("parity").output,
                                     "two_class": layers.Dense(2, activation="softmax", name="two_class")(hidden)})
    assert check("27-1", model)
    assert capsys.readouterr().out.startswith("✓ 27-1 ")
    assert model.get_layer("hidden") is base.get_layer("hidden")


def test_27_1_calling_the_loaded_layers_again_passes(capsys):
    # Another right spelling: call base's layers on a new Input instead of taking their outputs.
    base = kfg.build_multi_output()
    image = keras.Input(shape=(8, 8, 1), name="image")
    hidden = base.get_layer("hidden")(base.get_layer("flatten")(base.get_layer("conv")(image)))
    model = keras.Model(image, {"two_class": layers.Dense(2, activation="softmax", name="two_class")(hidden),
                                "parity": base.get_layer("parity")(hidden)})
    assert check("27-1", model)
    assert capsys.readouterr().out.startswith("✓ 27-1 ")


@pytest.mark.parametrize("answer", [("parity", "digit"), {"digit", "parity"}, ["parity", "digit"]],
                         ids=["tuple", "set", "other order"])
def test_other_spellings_of_the_27_2_answer_pass(answer, capsys):
    assert check("27-2", answer)
    assert capsys.readouterr().out.startswith("✓ 27-2 ")


def test_27_3_paths_with_a_leading_slash_pass(capsys):
    assert check("27-3", {name: f"/{path}" for name, path in reference("27-3").items()})
    assert capsys.readouterr().out.startswith("✓ 27-3 ")

"""Lesson 23's exercises, beyond the table of wrong answers (``wrong_answers/lesson23.py``)."""

import os

import numpy as np
import pytest
import tensorflow as tf
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide.exercises import check, reference
from wrong_answers.lesson23 import RIGHT_INPUTS, exported_path, temporary_folder


@pytest.mark.parametrize("inputs, outputs", [
    ({"image": tf.float32, "query": tf.int32}, ["match"]),
    ({"query": np.dtype("int32"), "image": np.float32}, ("match",)),
    (RIGHT_INPUTS, {"match": "float32"}),
], ids=["tf dtypes", "numpy dtypes, a tuple", "outputs as a dict"])
def test_other_spellings_of_the_23_1_answer_pass(inputs, outputs, capsys):
    assert check("23-1", {"inputs": inputs, "outputs": outputs})
    assert capsys.readouterr().out.startswith("✓ 23-1 ")


def test_the_23_1_answer_is_what_the_export_says():
    # The expected keys and dtypes are read from a real export, not only worked out by hand.
    path = os.path.join(temporary_folder(), "multi_input")
    kfg.build_multi_input().export(path, verbose=False)
    signature = tf.saved_model.load(path).signatures["serve"]
    answer = reference("23-1")
    inputs = signature.structured_input_signature[1]
    assert {name: spec.dtype.name for name, spec in inputs.items()} == answer["inputs"]
    assert sorted(signature.structured_outputs) == sorted(answer["outputs"])


def test_the_serving_default_endpoint_and_a_keyword_scale_pass_23_2(capsys):
    pixels = keras.Input(shape=(8, 8, 1), name="pixels")
    scaled = keras.layers.Rescaling(scale=0.0625)(pixels)
    served = keras.layers.TFSMLayer(exported_path(), call_endpoint="serving_default")
    model = keras.Model(pixels, {"digit": served(scaled)["digit"]})
    assert check("23-2", model)
    assert capsys.readouterr().out.startswith("✓ 23-2 ")


def test_the_23_2_reference_on_raw_pixels_matches_the_export_on_images():
    # What the checker accepts is what the lesson claims: raw pixels in, the exported model's digit out.
    model = reference("23-2")
    served = model.get_layer("served")
    raw = np.random.default_rng(0).integers(0, 17, size=(4, 8, 8, 1)).astype("float32")
    expected = served(raw / 16)["digit"]
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(model(raw)["digit"]), keras.ops.convert_to_numpy(expected))


def test_track_and_add_endpoint_for_serve_passes_23_3(capsys):
    # The other way to add the serve endpoint: track the model and call it, in one step.
    model = kfg.build_multi_output()
    archive = keras.export.ExportArchive()
    archive.track_and_add_endpoint(
        "serve", model, input_signature=[keras.InputSpec(shape=(None, 8, 8, 1), dtype="float32", name="image")])
    archive.add_endpoint(
        name="digit_from_pixels", fn=lambda pixels: {"digit": model(pixels / 16.0)["digit"]},
        input_signature=[keras.InputSpec(shape=(None, 8, 8, 1), dtype="float32", name="pixels")])
    path = os.path.join(temporary_folder(), "track_and_add")
    archive.write_out(path, verbose=False)
    assert check("23-3", tf.saved_model.load(path))
    assert capsys.readouterr().out.startswith("✓ 23-3 ")

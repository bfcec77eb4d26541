"""Lesson 23's realistic wrong answers (see ``__init__``)."""

import functools
import os
import tempfile

import tensorflow as tf
from tensorflow import keras

import keras_functional_guide as kfg

_FOLDERS = []  # Kept alive for the test process: the exports below are read from them.


def temporary_folder():
    """A new temporary folder that lives as long as the test process."""
    folder = tempfile.TemporaryDirectory()
    _FOLDERS.append(folder)
    return folder.name


@functools.lru_cache(maxsize=None)
def exported_path():
    """One export of an (untrained) two-output model, shared by the 23-2 answers."""
    path = os.path.join(temporary_folder(), "digits_export")
    kfg.build_multi_output().export(path, verbose=False)
    return path


def pixels_model(*, scale=1 / 16, rescale=True, outputs="digit dict", input_name="pixels", use_tfsm=True):
    """The 23-2 model, with one realistic mistake chosen by an argument."""
    pixels = keras.Input(shape=(8, 8, 1), name=input_name)
    scaled = keras.layers.Rescaling(scale, name="scale")(pixels) if rescale else pixels
    if use_tfsm:
        served = keras.layers.TFSMLayer(exported_path(), call_endpoint="serve", name="served")
    else:
        served = kfg.build_multi_output()
    both = served(scaled)
    if outputs == "both":
        return keras.Model(pixels, both)
    if outputs == "digit tensor":
        return keras.Model(pixels, both["digit"])
    return keras.Model(pixels, {"digit": both["digit"]})


RIGHT_INPUTS = {"image": "float32", "query": "int32"}

_IMAGE = keras.InputSpec(shape=(None, 8, 8, 1), dtype="float32", name="image")
_PIXELS = keras.InputSpec(shape=(None, 8, 8, 1), dtype="float32", name="pixels")


def archive(*, endpoints=("serve", "digit_from_pixels"), divide=True, as_dict=True, write=True):
    """The 23-3 answer: an ExportArchive written out and read back, with one mistake chosen by an argument."""
    model = kfg.build_multi_output()
    export_archive = keras.export.ExportArchive()
    export_archive.track(model)

    def digit_from_pixels(pixels):
        digit = model(pixels / 16.0 if divide else pixels)["digit"]
        return {"digit": digit} if as_dict else digit

    for endpoint in endpoints:
        if endpoint == "serve":
            export_archive.add_endpoint(name="serve", fn=model, input_signature=[_IMAGE])
        else:
            export_archive.add_endpoint(name="digit_from_pixels", fn=digit_from_pixels, input_signature=[_PIXELS])
    if not write:
        return export_archive
    path = os.path.join(temporary_folder(), "two_endpoints")
    export_archive.write_out(path, verbose=False)
    return tf.saved_model.load(path)


def exported_by_model_export():
    """What model.export writes, read back: only the serve endpoint."""
    path = os.path.join(temporary_folder(), "plain_export")
    kfg.build_multi_output().export(path, verbose=False)
    return tf.saved_model.load(path)


WRONG = [
    ("23-1", "every input float32", lambda: {"inputs": {"image": "float32", "query": "float32"}, "outputs": ["match"]},
     "输入 'query' 的 dtype 应当是 'int32'"),
    ("23-1", "numbered outputs", lambda: {"inputs": RIGHT_INPUTS, "outputs": ["output_0"]},
     "output_0 这样的编号只给单个张量或列表的输出"),
    ("23-1", "inputs as a list of names", lambda: {"inputs": ["image", "query"], "outputs": ["match"]},
     "签名的输入是一个列表，不是字典"),
    ("23-1", "positional argument name", lambda: {"inputs": {"args_0": "float32", "query": "int32"}, "outputs": ["match"]},
     "签名的输入的键多出 ['args_0']、缺少 ['image']"),
    ("23-1", "outputs forgotten", lambda: {"inputs": RIGHT_INPUTS},
     "答案字典的键应当正好是 'inputs' 和 'outputs'"),
    ("23-1", "one output as a string", lambda: {"inputs": RIGHT_INPUTS, "outputs": "match"},
     "\"outputs\" 应当是输出键的列表"),
    ("23-2", "no rescaling", lambda: pixels_model(rescale=False), "应当正好有一个 Rescaling 层，实际有 0 个"),
    ("23-2", "multiplies by 16", lambda: pixels_model(scale=16), "乘以 1/16，不是乘以 16"),
    ("23-2", "both heads", lambda: pixels_model(outputs="both"), "模型的输出的键多出 ['parity']"),
    ("23-2", "bare digit tensor", lambda: pixels_model(outputs="digit tensor"), "模型的输出应当是以名字为键的字典"),
    ("23-2", "input named image", lambda: pixels_model(input_name="image"), "实际有 1 个 ['image']"),
    ("23-2", "the Keras model, not a TFSMLayer", lambda: pixels_model(use_tfsm=False),
     "应当正好有一个 TFSMLayer，实际有 0 个"),
    ("23-3", "serve forgotten", lambda: archive(endpoints=("digit_from_pixels",)), "没有端点 'serve'"),
    ("23-3", "pixels not divided", lambda: archive(divide=False), "端点的函数里先把像素除以 16"),
    ("23-3", "bare tensor returned", lambda: archive(as_dict=False),
     "端点 'digit_from_pixels' 的输出键是 ['output_0']"),
    ("23-3", "digit_from_pixels added first", lambda: archive(endpoints=("digit_from_pixels", "serve")),
     "serving_default 是第一个加入的端点的别名"),
    ("23-3", "archive not written out", lambda: archive(write=False), "还没写出的 ExportArchive"),
    ("23-3", "the path instead of the object", lambda: "two_endpoints", "答案是一个路径"),
    ("23-3", "model.export's artifact", exported_by_model_export, "没有端点 'digit_from_pixels'"),
]

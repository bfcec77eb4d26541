"""Exercises of lesson 23 (延伸：导出与部署：离开 Keras), posed in ``notebooks/23_export_serving.ipynb``."""

from collections.abc import Mapping

import numpy as np
import tensorflow as tf
from tensorflow import keras

import keras_functional_guide as kfg
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    describe,
    expect_dict,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    functional_model,
    layers_of_class,
)

LESSON = "23_export_serving.ipynb"


def _dtype_name(value, key):
    """The name of a dtype given as a string, a ``tf.DType`` or a NumPy dtype; :class:`Wrong` otherwise."""
    if isinstance(value, str):
        return value
    name = getattr(value, "name", None)  # tf.DType and np.dtype both have .name ("float32").
    if isinstance(name, str) and not isinstance(value, type):
        return name
    if isinstance(value, type) and issubclass(value, np.generic):  # np.float32 itself.
        return np.dtype(value).name
    raise Wrong(f"输入 {key!r} 的 dtype 要写成名字，如 \"float32\"，得到的是 {describe(value)}")


class SignatureKeys(Exercise):
    """23-1: the serve signature of the two-input model: input keys with dtypes, output keys."""

    id = "23-1"
    expects = "一个字典 {\"inputs\": {输入键: dtype 的名字}, \"outputs\": [输出键, ...]}"
    hint = ("签名的输入键是 keras.Input 的名字，dtype 是 Input 的 dtype（第 02 课的 query 是 int32）；"
            "输出是字典的模型，输出键就是字典的键")

    @staticmethod
    def solution():
        # kfg.build_multi_input(): keras.Input(..., name="image") 与 keras.Input(shape=(1,), dtype="int32", name="query")，
        # 输出 {"match": ...}。想验证：导出它，再看 tf.saved_model.load(path).signatures["serve"]。
        return {"inputs": {"image": "float32", "query": "int32"}, "outputs": ["match"]}

    @staticmethod
    def grade(answer):
        if not isinstance(answer, Mapping):
            raise Wrong(f"答案应当是一个字典 {{\"inputs\": {{...}}, \"outputs\": [...]}}，得到的是 {describe(answer)}")
        if set(answer) != {"inputs", "outputs"}:
            raise Wrong(f"答案字典的键应当正好是 'inputs' 和 'outputs'，实际是 {sorted(str(key) for key in answer)}")
        inputs = answer["inputs"]
        expect_dict(inputs, ["image", "query"], "签名的输入",
                    why="签名按名字收输入，每个名字有自己的 dtype")
        for key, expected in (("image", "float32"), ("query", "int32")):
            got = _dtype_name(inputs[key], key)
            if got != expected:
                raise Wrong(
                    f"输入 {key!r} 的 dtype 应当是 {expected!r}，实际写的是 {got!r}：签名的 dtype 来自 keras.Input 的 dtype"
                    "（不写就是 float32；第 02 课的 query 是 keras.Input(shape=(1,), dtype=\"int32\")）"
                )
        outputs = answer["outputs"]
        if isinstance(outputs, str) or not isinstance(outputs, (list, tuple, set, frozenset, Mapping)):
            raise Wrong(f"\"outputs\" 应当是输出键的列表，如 [\"...\"]，得到的是 {describe(outputs)}")
        names = sorted(str(name) for name in outputs)
        if names != ["match"]:
            if any(name.startswith("output_") for name in names):
                raise Wrong(
                    f"输出键写成了 {names}：output_0 这样的编号只给单个张量或列表的输出；"
                    "这个模型的输出是以名字为键的字典，签名的输出键就是字典的键"
                )
            raise Wrong(f"输出键应当是 ['match']，实际写的是 {names}：看 kfg.build_multi_input() 的输出字典有哪些键")
        return "签名的输入是 image (float32) 与 query (int32)，输出是 match：键就是 Input 和输出字典的名字"


class PixelsThroughTFSMLayer(Exercise):
    """23-2: a functional model of raw pixels around an exported model read back as a TFSMLayer."""

    id = "23-2"
    hint = ("pixels = keras.Input(...)；scaled = keras.layers.Rescaling(1 / 16)(pixels)；"
            "digit = keras.layers.TFSMLayer(path, call_endpoint=\"serve\")(scaled)[\"digit\"]；"
            "keras.Model(pixels, {\"digit\": digit})")

    @staticmethod
    def solution():
        import os
        import tempfile

        exported_model = kfg.build_multi_output()  # 在本课里，换成训练好的 model
        with tempfile.TemporaryDirectory() as folder:  # 文件夹用完即删：TFSMLayer 已把端点和权重读进内存
            exported_model.export(os.path.join(folder, "digits_export"), verbose=False)
            served = keras.layers.TFSMLayer(os.path.join(folder, "digits_export"), call_endpoint="serve", name="served")

        pixels = keras.Input(shape=(8, 8, 1), name="pixels")
        scaled = keras.layers.Rescaling(1 / 16, name="scale")(pixels)
        digit = served(scaled)["digit"]
        return keras.Model(inputs=pixels, outputs={"digit": digit}, name="pixels_to_digit")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"pixels": (8, 8, 1)})
        served = layers_of_class(model, keras.layers.TFSMLayer)
        if len(served) != 1:
            raise Wrong(
                f"模型里应当正好有一个 TFSMLayer，实际有 {len(served)} 个："
                "用 keras.layers.TFSMLayer(导出的路径, call_endpoint=\"serve\") 把导出的模型读成一个层，再在张量上调用它"
            )
        served = served[0]
        if served.call_endpoint not in ("serve", "serving_default"):
            raise Wrong(
                f"TFSMLayer 用的端点是 {served.call_endpoint!r}：要用 model.export 导出的 \"serve\"（或它的别名 \"serving_default\"）"
            )
        scales = layers_of_class(model, keras.layers.Rescaling)
        if len(scales) != 1:
            raise Wrong(
                f"模型里应当正好有一个 Rescaling 层，实际有 {len(scales)} 个："
                "在 pixels 后面接 keras.layers.Rescaling(1 / 16)，把 0..16 的原始像素变成 0..1"
            )
        scale = scales[0]
        if not (np.isclose(float(scale.scale), 1 / 16) and np.isclose(float(scale.offset), 0.0)):
            raise Wrong(
                f"Rescaling 的 scale 是 {scale.scale!r}、offset 是 {scale.offset!r}：要把 0..16 变成 0..1，"
                "写 keras.layers.Rescaling(1 / 16)（乘以 1/16，不是乘以 16）"
            )
        expect_inbound(model, scale.name, [model.inputs[0].name])
        expect_inbound(model, served.name, [scale.name])
        expect_dict(model.output, ["digit"], "模型的输出",
                    why="导出或接入服务时，输出的名字就是字典的键")
        expect_outputs(model, {served.name: (10,)})
        return "pixels → Rescaling(1/16) → TFSMLayer(serve) → {\"digit\"}：吃原始像素，只输出数字"


_SPECS = {
    "serve": ({"image": (None, 8, 8, 1)}, {"digit": (None, 10), "parity": (None, 1)}),
    "digit_from_pixels": ({"pixels": (None, 8, 8, 1)}, {"digit": (None, 10)}),
}


def _signatures(answer):
    """The signatures of an object read back with ``tf.saved_model.load``; :class:`Wrong` for anything else."""
    if isinstance(answer, (str, bytes)) or hasattr(answer, "__fspath__"):
        raise Wrong("答案是一个路径：用 tf.saved_model.load(路径) 把写出的 SavedModel 读回来，把读回来的对象赋给 answer")
    if isinstance(answer, keras.layers.TFSMLayer):
        raise Wrong("答案是一个 TFSMLayer：本题要的是 tf.saved_model.load(路径) 读回来的对象，它带着全部端点")
    if isinstance(answer, keras.Model):
        raise Wrong("答案是一个 Keras 模型：先用 ExportArchive 写出 SavedModel（write_out），再用 tf.saved_model.load 读回来")
    if "ExportArchive" in type(answer).__name__:
        raise Wrong("答案是还没写出的 ExportArchive：先 archive.write_out(路径)，再用 tf.saved_model.load(路径) 读回来")
    signatures = getattr(answer, "signatures", None)
    if not isinstance(signatures, Mapping):
        raise Wrong(f"答案应当是 tf.saved_model.load 读回来的对象（它有 .signatures），得到的是 {describe(answer)}")
    return signatures


def _expect_signature(signatures, endpoint):
    inputs_expected, outputs_expected = _SPECS[endpoint]
    signature = signatures[endpoint]
    inputs = signature.structured_input_signature[1]
    if sorted(inputs) != sorted(inputs_expected):
        raise Wrong(
            f"端点 {endpoint!r} 的输入键是 {sorted(inputs)}，应当是 {sorted(inputs_expected)}："
            "在 keras.InputSpec(..., name=...) 里写上输入名"
        )
    for key, shape in inputs_expected.items():
        spec = inputs[key]
        if spec.dtype.name != "float32" or tuple(spec.shape.as_list()) != shape:
            raise Wrong(
                f"端点 {endpoint!r} 的输入 {key!r} 是 {tuple(spec.shape.as_list())} {spec.dtype.name}，"
                f"应当是 {shape} float32：keras.InputSpec(shape=(None, 8, 8, 1), dtype=\"float32\", ...)，批量维度写 None"
            )
    outputs = signature.structured_outputs
    if not isinstance(outputs, Mapping) or sorted(outputs) != sorted(outputs_expected):
        got = sorted(outputs) if isinstance(outputs, Mapping) else type(outputs).__name__
        raise Wrong(
            f"端点 {endpoint!r} 的输出键是 {got}，应当是 {sorted(outputs_expected)}："
            "让端点的函数返回以名字为键的字典（直接返回张量，键就成了 output_0）"
        )
    for key, shape in outputs_expected.items():
        if tuple(outputs[key].shape.as_list()) != shape:
            raise Wrong(f"端点 {endpoint!r} 的输出 {key!r} 的形状是 {tuple(outputs[key].shape.as_list())}，应当是 {shape}")
    return signature


class TwoEndpoints(Exercise):
    """23-3: an ExportArchive with a ``serve`` endpoint and a raw-pixel ``digit_from_pixels`` endpoint."""

    id = "23-3"
    expects = "tf.saved_model.load 读回来的 SavedModel 对象"
    hint = ("archive = keras.export.ExportArchive()；archive.track(model)；先 add_endpoint(name=\"serve\", ...)，"
            "再 add_endpoint(name=\"digit_from_pixels\", fn=..., input_signature=[keras.InputSpec(..., name=\"pixels\")])；"
            "write_out，再 tf.saved_model.load")

    @staticmethod
    def solution():
        import os
        import tempfile

        exported_model = kfg.build_multi_output()  # 在本课里，换成训练好的 model
        archive = keras.export.ExportArchive()
        archive.track(exported_model)
        archive.add_endpoint(
            name="serve",
            fn=exported_model,
            input_signature=[keras.InputSpec(shape=(None, 8, 8, 1), dtype="float32", name="image")],
        )

        def digit_from_pixels(pixels):
            return {"digit": exported_model(pixels / 16.0)["digit"]}

        archive.add_endpoint(
            name="digit_from_pixels",
            fn=digit_from_pixels,
            input_signature=[keras.InputSpec(shape=(None, 8, 8, 1), dtype="float32", name="pixels")],
        )
        with tempfile.TemporaryDirectory() as folder:
            archive.write_out(os.path.join(folder, "two_endpoints"), verbose=False)
            reloaded = tf.saved_model.load(os.path.join(folder, "two_endpoints"))
        return reloaded

    @staticmethod
    def grade(answer):
        signatures = _signatures(answer)
        for endpoint in ("serve", "digit_from_pixels"):
            if endpoint not in signatures:
                raise Wrong(
                    f"读回来的 SavedModel 里没有端点 {endpoint!r}（现有：{sorted(signatures)}）："
                    f"用 archive.add_endpoint(name={endpoint!r}, ...) 加上它"
                )
        serve = _expect_signature(signatures, "serve")
        pixels = _expect_signature(signatures, "digit_from_pixels")
        default = signatures.get("serving_default")
        if default is None or sorted(default.structured_input_signature[1]) != ["image"]:
            raise Wrong("serving_default 是第一个加入的端点的别名，应当指向 serve：先 add_endpoint 加 serve，再加 digit_from_pixels")
        # Raw pixels k (0..16) and images k/16 are the same digits, exactly, in float32.
        raw = np.random.default_rng(0).integers(0, 17, size=(4, 8, 8, 1)).astype("float32")
        from_images = serve(image=tf.constant(raw / 16))["digit"].numpy()
        from_pixels = pixels(pixels=tf.constant(raw))["digit"].numpy()
        if not np.allclose(from_images, from_pixels, atol=1e-5):
            raise Wrong(
                "digit_from_pixels 收到原始像素（0..16）时给出的 digit，与 serve 收到同样的图片（0..1）时不同："
                "端点的函数里先把像素除以 16，再调用模型"
            )
        return "两个端点：serve（image → digit, parity，也是 serving_default）与 digit_from_pixels（pixels 除以 16 → digit）"

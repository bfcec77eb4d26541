"""Exercises of lesson 27 (延伸：模型改了之后的权重与文件), posed in ``notebooks/27_weights_across_changes.ipynb``.

27-1 wants a functional model: the loaded two-head model's layers under a new
two-class head. 27-2 wants the names of the layers whose weights
``load_weights(..., skip_mismatch=True)`` really loads; 27-3 the path of each
weighted layer of ``kfg.build_dag()`` inside a ``.weights.h5`` file. The
checkers work the expected answers out from the builders' layers (never from a
file, never by training); ``tests/test_exercises_27.py`` checks them against
real files.
"""

import re
from collections.abc import Mapping

from tensorflow import keras
from tensorflow.keras import layers

import keras_functional_guide as kfg
from keras_functional_guide.exercises._grading import (
    Exercise,
    Wrong,
    describe,
    expect_dense,
    expect_dict,
    expect_inbound,
    expect_inputs,
    expect_outputs,
    functional_model,
    layer,
)

LESSON = "27_weights_across_changes.ipynb"


def _snake_case(class_name):
    """``Conv2D`` → ``conv2d``, ``BatchNormalization`` → ``batch_normalization``: Keras 3.15's rule
    (``keras/src/utils/naming.py``, ``to_snake_case``), written out here, not imported from ``keras.src``."""
    name = re.sub(r"\W+", "", class_name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def weights_file_paths(model):
    """Where ``model.save_weights`` puts each layer of ``model``: ``{layer name: "layers/<path>"}``.

    Keras 3.15 (``keras/src/saving/saving_lib.py``, ``_save_container_state``) names
    each of a functional model's layers by its class in snake_case, numbered
    ``_1``, ``_2``, ... among the layers of the same class, in the order of
    ``model.layers``; the layer's own name is not part of the path.
    """
    counts = {}
    paths = {}
    for each in model.layers:
        base = _snake_case(type(each).__name__)
        if base in counts:
            counts[base] += 1
            path = f"{base}_{counts[base]}"
        else:
            counts[base] = 0
            path = base
        paths[each.name] = f"layers/{path}"
    return paths


def _names(answer, what):
    """The layer names in an answer given as a list, tuple or set of strings; :class:`Wrong` otherwise."""
    if isinstance(answer, str):
        raise Wrong(f"答案是一个字符串：把{what}写成列表，如 [\"conv\", \"hidden\"]，每个名字是一个字符串")
    if isinstance(answer, Mapping) or not isinstance(answer, (list, tuple, set, frozenset)):
        raise Wrong(f"答案应当是{what}的列表，如 [\"conv\", \"hidden\"]，得到的是 {describe(answer)}")
    if not all(isinstance(name, str) for name in answer):
        raise Wrong(f"列表里应当都是层名（字符串），得到的是 {[describe(name) for name in answer]}")
    return list(answer)


class NewHeadOnLoadedLayers(Exercise):
    """27-1: the loaded two-head model's trunk and parity head under a new two-class head."""

    id = "27-1"
    hint = ("base = kfg.build_multi_output()，base.load_weights(...)；"
            "hidden = base.get_layer(\"hidden\").output；新的头 layers.Dense(2, activation=\"softmax\", name=\"two_class\")(hidden)；"
            "keras.Model(base.input, {\"two_class\": ..., \"parity\": base.get_layer(\"parity\").output})")

    @staticmethod
    def solution():
        base = kfg.build_multi_output()  # 结构与权重文件相同
        # base.load_weights("…/multi_output.weights.h5")  # 在本课里：读入旧的权重，全部对得上
        hidden = base.get_layer("hidden").output
        two_class = layers.Dense(2, activation="softmax", name="two_class")(hidden)
        parity = base.get_layer("parity").output
        return keras.Model(inputs=base.input, outputs={"two_class": two_class, "parity": parity}, name="two_class_model")

    @staticmethod
    def grade(answer):
        model = functional_model(answer)
        expect_inputs(model, {"image": (8, 8, 1)})
        names = [each.name for each in model.layers]
        if "digit" in names:
            raise Wrong(
                "模型里还有旧的 10 类输出头 digit：新模型只接新的 two_class 头（和 parity），"
                "不要把 base.output 或 base.get_layer(\"digit\").output 放进 outputs"
            )
        expect_dict(model.output, ["parity", "two_class"], "模型的输出",
                    why="两个输出头，按名字取才不会配错")
        expect_outputs(model, {"two_class": (2,), "parity": (1,)})
        expect_dense(model, "two_class", 2, "softmax")
        for name, units in (("conv", None), ("hidden", 64), ("parity", 1)):
            found = layer(model, name)
            if units is not None and getattr(found, "units", None) != units:
                raise Wrong(f"层 {name!r} 应当是 kfg.build_multi_output() 原来的层（{units} 个单元）：从 base.get_layer({name!r}) 取")
        conv = layer(model, "conv", keras.layers.Conv2D)
        if conv.filters != 16:
            raise Wrong("层 'conv' 应当是 kfg.build_multi_output() 原来的卷积层（16 个卷积核）：用 base 的层，不要另搭")
        expect_inbound(model, "two_class", ["hidden"])
        expect_inbound(model, "parity", ["hidden"])
        params = int(model.count_params())
        if params != 65_955:
            raise Wrong(
                f"模型共有 {params:,} 个参数，应当是 65,955（conv 160 + hidden 65,600 + parity 65 + two_class 130）："
                "只用 base 的 conv、flatten、hidden、parity，再加一个 Dense(2)"
            )
        return "新模型用 base 的 conv → flatten → hidden（带着读进来的权重），输出 two_class（2 类，新）与 parity（原来的）"


_OLD = {"conv": (3, 3, 1, 16), "hidden": (1024, 64), "digit": (64, 10), "parity": (64, 1)}


def _loaded_with_filters_8():
    """The layers of ``kfg.build_multi_output(filters=8)`` whose weights have the old file's shapes."""
    model = kfg.build_multi_output(filters=8)
    return [name for name, shape in _OLD.items() if tuple(model.get_layer(name).kernel.shape) == shape]


class LayersThatLoad(Exercise):
    """27-2: which layers of ``build_multi_output(filters=8)`` get the old file's weights."""

    id = "27-2"
    expects = "层名的列表，如 [\"conv\", \"hidden\"]"
    hint = ("文件按位置和类名对号入座：逐层比较新模型每个权重的形状与文件里同一位置的形状；"
            "filters 变了，conv 的卷积核变了，Flatten 之后的长度也跟着变")

    @staticmethod
    def solution():
        # conv 的卷积核 (3, 3, 1, 8) ≠ (3, 3, 1, 16)；Flatten 之后是 8×8×8 = 512，hidden 的核 (512, 64) ≠ (1024, 64)；
        # digit (64, 10) 与 parity (64, 1) 只看 hidden 的 64 个单元，形状没变。想验证：存、读、用 np.array_equal 比较。
        return ["digit", "parity"]

    @staticmethod
    def grade(answer):
        names = _names(answer, "读进了权重的层名")
        expected = _loaded_with_filters_8()
        weightless = sorted(name for name in set(names) if name in ("image", "flatten"))
        if weightless:
            raise Wrong(f"{weightless} 没有权重，谈不上读进来：只列 conv、hidden、digit、parity 里读进了权重的")
        unknown = sorted(name for name in set(names) if name not in _OLD)
        if unknown:
            raise Wrong(f"kfg.build_multi_output() 里没有名为 {unknown} 的层：层名是 conv、flatten、hidden、digit、parity")
        if len(set(names)) != len(names):
            raise Wrong(f"列表里有重复的层名：{names}")
        if not names:
            raise Wrong(
                "一个也没读进来？skip_mismatch=True 只跳过形状对不上的层，别的层照样读入："
                "看看 digit 和 parity 的权重形状变了没有"
            )
        if "conv" in names:
            raise Wrong("conv 读不进来：filters=8 时它的卷积核是 (3, 3, 1, 8)，文件里是 (3, 3, 1, 16)")
        if "hidden" in names:
            raise Wrong(
                "hidden 读不进来：它本身还是 64 个单元，可它的输入变了，Flatten 之后是 8×8×8 = 512 个数，"
                "核是 (512, 64)，文件里是 (1024, 64)"
            )
        if sorted(names) != sorted(expected):
            raise Wrong(
                f"还漏了 {sorted(set(expected) - set(names))}：它的权重形状只取决于 hidden 的 64 个单元，没有变，"
                "所以照样读进来（哪怕前面的层都换了）"
            )
        return "只有 digit 和 parity 读进了权重：按位置对号入座，形状对得上就读，不管前面的层是不是换了"


def _dag_weighted_paths():
    model = kfg.build_dag()
    paths = weights_file_paths(model)
    return {each.name: paths[each.name] for each in model.layers if each.weights}


class DagWeightPaths(Exercise):
    """27-3: the path of each weighted layer of ``kfg.build_dag()`` in a ``.weights.h5`` file."""

    id = "27-3"
    expects = "一个字典 {层名: \"layers/...\"}"
    hint = ("看 model.layers 的顺序：每个层的路径是它的类名（小写加下划线，如 conv2d）；"
            "同一类的第 2 个、第 3 个……依次加 _1、_2……；层名不算")

    @staticmethod
    def solution():
        # kfg.build_dag().layers 的顺序：image, stem, branch_pool, branch_1x1, branch_3x3, branch_pool_1x1,
        # mixed, project, residual, residual_relu, flatten, digit。带权重的是 5 个 Conv2D 和 1 个 Dense。
        # 想验证：model.save_weights("dag.weights.h5")，再用 h5py 列出 file["layers"] 的键和 vars 的 name 属性。
        return {
            "stem": "layers/conv2d",
            "branch_1x1": "layers/conv2d_1",
            "branch_3x3": "layers/conv2d_2",
            "branch_pool_1x1": "layers/conv2d_3",
            "project": "layers/conv2d_4",
            "digit": "layers/dense",
        }

    @staticmethod
    def grade(answer):
        if not isinstance(answer, Mapping):
            raise Wrong(f"答案应当是一个字典 {{层名: \"layers/...\"}}，得到的是 {describe(answer)}")
        expected = _dag_weighted_paths()
        got = {key: value for key, value in answer.items()}
        weightless = sorted(str(key) for key in got if key not in expected and key in {
            each.name for each in kfg.build_dag().layers})
        if weightless:
            raise Wrong(f"{weightless} 没有权重：只写带权重的层（5 个 Conv2D 和 1 个 Dense）")
        extra = sorted(str(key) for key in got if key not in expected)
        missing = [name for name in expected if name not in got]
        if extra or missing:
            raise Wrong(
                f"字典的键应当正好是 kfg.build_dag() 里带权重的 6 个层名 {sorted(expected)}"
                + (f"；多出 {extra}" if extra else "") + (f"；缺少 {missing}" if missing else "")
            )
        for name, path in got.items():
            if not isinstance(path, str):
                raise Wrong(f"{name!r} 的路径应当是字符串，如 \"layers/conv2d\"，得到的是 {describe(path)}")
        normalized = {name: path.strip("/") for name, path in got.items()}
        if any(not path.startswith("layers/") for path in normalized.values()):
            if all(f"layers/{path}" == expected[name] for name, path in normalized.items()):
                raise Wrong("路径要从文件的根写起：函数式模型的层都在 layers/ 下面，写成 \"layers/conv2d\" 这样")
        uses_names = [name for name, path in normalized.items() if path.split("/")[-1].startswith(name)]
        if len(uses_names) >= 3:
            raise Wrong(
                f"{uses_names} 的路径用了层名：.weights.h5 里的路径不看层名，看的是类名（conv2d、dense）"
                "和它在同类层里的次序"
            )
        wrong = [name for name, path in normalized.items() if path != expected[name]]
        if wrong:
            name = wrong[0]
            raise Wrong(
                f"{name!r} 的路径不是 {got[name]!r}：按 model.layers 的顺序数，它是同类层里的第几个？"
                "第一个不加编号，第二个加 _1"
            )
        return "6 个带权重的层：5 个 Conv2D 是 conv2d、conv2d_1 … conv2d_4（按 model.layers 的顺序），Dense 是 dense"


"""What the exercises' checkers share: the Exercise record and structural checks.

A checker inspects the learner's answer (usually a model) and either returns a
one-line confirmation in Chinese or raises :class:`Wrong` with a one-line
message that names the first thing wrong and how to fix it. It never trains.
"""

import inspect
import re
import sys

from tensorflow import keras

from keras_functional_guide import _keras_internals as internals
from keras_functional_guide import graph


class Wrong(Exception):
    """The answer is wrong; the message (Chinese, one line) says what and how to fix it."""


MODEL = "一个用函数式 API 搭建的 keras.Model"

# Every exercise of every lesson module loaded so far, by id (filled as the classes are declared).
REGISTRY = {}


class Exercise:
    """One exercise (练习), declared as a subclass, the same way in every lesson module::

        class DictModel(Exercise):
            id = "16-1"
            hint = "keras.Model(inputs={...}, outputs={...})，键与层名相同"

            @staticmethod
            def solution():
                image = keras.Input(shape=(8, 8, 1), name="image")
                ...
                return keras.Model(inputs=image, outputs=digit)

            @staticmethod
            def grade(answer):
                model = functional_model(answer)
                ...
                return "what was confirmed"

    The statement and title live in the lesson's Markdown (their one home); the
    rest lives here: the hint, the reference answer and the checker.

    Attributes:
        id: Stable id ``"NN-k"``: lesson number and position, e.g. ``"16-1"``.
        hint: A Chinese hint toward the usual way to solve it.
        expects: What kind of answer the exercise wants, in Chinese, for the
            messages that say an answer is of the wrong kind (most want a model).
        lesson: The notebook that poses it (the module's ``LESSON``).
        solution: ``solution() -> answer``: builds a reference answer. Its body is
            the code a learner would type, ending in ``return <answer>``:
            ``keras_functional_guide.exercises.solution(id)`` shows that body.
        grade: ``grade(answer) -> str``: returns what was confirmed, or raises
            :class:`Wrong` with what is wrong and how to fix it.
    """

    id = None
    hint = None
    expects = MODEL
    lesson = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        module = sys.modules[cls.__module__]
        if not (isinstance(cls.id, str) and re.fullmatch(r"\d\d-\d", cls.id)):
            raise TypeError(f"{cls.__qualname__}.id must be a string 'NN-k', got {cls.id!r}")
        if not cls.id.startswith(module.__name__[-2:]):
            raise TypeError(f"exercise {cls.id} is declared in {module.__name__}, not in its lesson's module")
        if not (isinstance(cls.hint, str) and cls.hint):
            raise TypeError(f"exercise {cls.id} has no hint")
        for member in ("solution", "grade"):
            if not isinstance(cls.__dict__.get(member), staticmethod):
                raise TypeError(f"exercise {cls.id} must define {member}() as a @staticmethod")
        if cls.id in REGISTRY and REGISTRY[cls.id].__qualname__ != cls.__qualname__:
            raise TypeError(f"two exercises share the id {cls.id}")
        cls.lesson = module.LESSON
        REGISTRY[cls.id] = cls

    def __init__(self):
        raise TypeError("an exercise is its class: use it without making an instance")


def describe(answer):
    """Names what the learner passed, in Chinese, for a message: ``"float"``, ``"函数 build"``, ``"类 Dense"``."""
    if inspect.isclass(answer):
        return f"类 {answer.__name__}"
    if inspect.isroutine(answer):
        return f"函数 {getattr(answer, '__name__', type(answer).__name__)}"
    return type(answer).__name__


def expect_kind(answer, expects):
    """The type checks every checker shares, run before it: a class or a function is never an answer.

    Raises:
        Wrong: If ``answer`` is a class (not an instance of it) or a function
            (not what calling it returns), saying what the exercise ``expects``.
    """
    if inspect.isclass(answer):
        raise Wrong(
            f"答案是{describe(answer)}本身，不是它的实例：本题要的是{expects}；"
            "类要先调用（加括号）才得到对象"
        )
    if inspect.isroutine(answer):
        raise Wrong(
            f"答案是{describe(answer)}本身：本题要的是{expects}；"
            "是不是忘了调用它（加括号），把返回值赋给 answer？"
        )


def unforeseen(answer, expects, error):
    """The message for an answer that made a checker fail unexpectedly: what came, what is wanted.

    The error's class is kept in the message, so that a learner's report shows
    a checker bug if there is one.
    """
    return (
        f"这个答案不是本题要的：得到的是 {describe(answer)}，本题要的是{expects}"
        f"（检查时出错：{type(error).__name__}）"
    )


def functional_model(answer, *, allow_sequential=False):
    """Returns ``answer`` if it is a functional ``keras.Model``; raises :class:`Wrong` otherwise."""
    if isinstance(answer, str):
        raise Wrong("答案是一个字符串，不是模型：把搭好的 keras.Model 本身赋给 answer，不要加引号")
    if isinstance(answer, keras.KerasTensor):
        raise Wrong("答案是一个符号张量 (KerasTensor)，不是模型：用 keras.Model(inputs=..., outputs=...) 把输入和输出包成模型")
    if isinstance(answer, keras.layers.Layer) and not isinstance(answer, keras.Model):
        raise Wrong(
            f"答案是一个层 ({type(answer).__name__})，不是模型：先在张量上调用层，"
            "再用 keras.Model(inputs=..., outputs=...) 把输入和输出包成模型"
        )
    if not isinstance(answer, keras.Model):
        raise Wrong(f"答案应当是一个 keras.Model，得到的是 {type(answer).__name__}")
    if isinstance(answer, keras.Sequential):
        if allow_sequential:
            return answer
        raise Wrong("答案是一个 Sequential 模型：本题要用函数式 API 搭建（keras.Input → 调用层 → keras.Model）")
    if not internals.is_functional(answer):
        raise Wrong(
            f"答案是一个子类化模型 ({type(answer).__name__})：本题要用函数式 API 搭建"
            "（keras.Input → 调用层 → keras.Model）"
        )
    return answer


def _shape(tensor):
    return tuple(tensor.shape)


def expect_inputs(model, expected):
    """Checks the model's inputs: ``expected`` maps each input name to its shape without the batch."""
    got = {tensor.name: _shape(tensor)[1:] for tensor in model.inputs}
    missing = [name for name in expected if name not in got]
    if len(got) != len(expected) or missing:
        raise Wrong(
            f"模型应当有 {len(expected)} 个输入 {sorted(expected)}，实际有 {len(got)} 个 {sorted(got)}："
            "给每个 keras.Input 起好名字（name=...），并把它们都传给 keras.Model 的 inputs"
        )
    for name, shape in expected.items():
        if got[name] != tuple(shape):
            raise Wrong(f"输入 {name!r} 的形状应当是 {tuple(shape)}（不含批量维度），实际是 {got[name]}")


def output_names(model):
    """The names of the model's outputs (the layers that produce them)."""
    return [internals.producer_name(tensor) for tensor in model.outputs]


def expect_outputs(model, expected):
    """Checks the model's outputs: ``expected`` maps each output layer's name to its shape without the batch."""
    got = {internals.producer_name(tensor): _shape(tensor)[1:] for tensor in model.outputs}
    missing = [name for name in expected if name not in got]
    if len(got) != len(expected) or missing:
        raise Wrong(
            f"模型应当有 {len(expected)} 个输出 {sorted(expected)}，实际有 {len(got)} 个 {sorted(got)}："
            "给输出层起好名字（name=...），并把它们都传给 keras.Model 的 outputs"
        )
    for name, shape in expected.items():
        if got[name] != tuple(shape):
            raise Wrong(f"输出 {name!r} 的形状应当是 {tuple(shape)}（不含批量维度），实际是 {got[name]}")


def layer(model, name, layer_class=None):
    """Returns the model's layer called ``name``, of ``layer_class`` if given; raises :class:`Wrong` otherwise."""
    names = [each.name for each in model.layers]
    if name not in names:
        raise Wrong(f"模型里找不到名为 {name!r} 的层（现有的层：{', '.join(names)}）：检查层的 name=... 参数")
    found = model.get_layer(name)
    if layer_class is not None and not isinstance(found, layer_class):
        raise Wrong(f"层 {name!r} 应当是 {layer_class.__name__}，实际是 {type(found).__name__}")
    return found


def activation_name(found):
    """The name of a layer's activation function, e.g. ``"relu"``."""
    return getattr(found.activation, "__name__", str(found.activation))


def expect_dense(model, name, units, activation):
    """Returns the model's ``Dense`` layer ``name`` after checking its units and activation."""
    found = layer(model, name, keras.layers.Dense)
    if found.units != units:
        raise Wrong(f"层 {name!r} 应当有 {units} 个单元，实际有 {found.units} 个：检查 layers.Dense 的第一个参数 (units)")
    if activation_name(found) != activation:
        raise Wrong(
            f"层 {name!r} 的激活函数应当是 {activation!r}，实际是 {activation_name(found)!r}："
            f"写 activation={activation!r}"
        )
    return found


def loss_name(value):
    """The canonical snake_case name of a loss given as a string, a function or a ``keras.losses`` object,
    e.g. ``"bce"`` and ``keras.losses.BinaryCrossentropy()`` both give ``"binary_crossentropy"``.

    Raises:
        Wrong: For a string Keras does not know, or a loss class instead of a loss.
    """
    if isinstance(value, str):
        try:
            value = keras.losses.get(value)
        except (ValueError, TypeError):
            raise Wrong(f"{value!r} 不是 Keras 认识的损失名：例如写 \"binary_crossentropy\"") from None
    if isinstance(value, type) and issubclass(value, keras.losses.Loss):
        raise Wrong(f"{value.__name__} 是损失的类，不是损失：写 keras.losses.{value.__name__}()（带括号），或者写字符串名")
    if isinstance(value, keras.losses.Loss):
        if getattr(value, "from_logits", False):
            raise Wrong(
                f"{type(value).__name__}(from_logits=True) 把输出当作还没经过 softmax/sigmoid 的 logits，"
                "可这个头的输出已经经过了激活函数：去掉 from_logits=True"
            )
        return value.name
    # The type, not the repr: an array's repr is many lines long.
    return getattr(value, "__name__", type(value).__name__)


def expect_dict(structure, keys, what, why="Keras 会按位置（或按名字的字母顺序）配对，容易配错"):
    """Checks that ``structure`` is a dict whose keys are exactly ``keys``.

    Args:
        structure: What the learner made (a model's ``input``/``output``, a dataset element's part, ...).
        keys: The names it must be keyed by.
        what: What it is, in Chinese, for the message (``"输入"``, ``"目标"``).
        why: Why a list or tuple is not good enough here, in Chinese.
    """
    wanted = ", ".join(f"{key!r}: ..." for key in keys)
    if isinstance(structure, (tuple, list)):
        kind = "元组" if isinstance(structure, tuple) else "列表"
        raise Wrong(f"{what}是一个{kind}，不是字典：{why}；写成以名字为键的字典 {{{wanted}}}")
    if not isinstance(structure, dict):
        raise Wrong(f"{what}应当是以名字为键的字典 {{{wanted}}}，实际是 {type(structure).__name__}")
    extra = sorted((key for key in structure if key not in keys), key=str)
    missing = [key for key in keys if key not in structure]
    if extra or missing:
        found = "、".join(part for part in (f"多出 {extra}" if extra else "", f"缺少 {missing}" if missing else "") if part)
        raise Wrong(f"{what}的键{found}：键要正好是 {sorted(keys)}，与模型的输入名或输出名相同")


def expect_integer(answer, what="一个整数"):
    """Returns ``answer`` as an int if it is an integer (a NumPy integer too); raises
    :class:`Wrong` otherwise, saying that ``what`` (in Chinese) was wanted."""
    import numbers

    if isinstance(answer, keras.Model):
        raise Wrong(f"答案应当是{what}，不是模型：算出这个数，赋给 answer")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        raise Wrong(f"答案应当是{what}，得到的是 {type(answer).__name__}")
    return int(answer)


def expect_integer_input(model, name, why):
    """Checks that the model's input ``name`` takes integers (``dtype="int32"``, or another integer
    dtype); ``why`` says in Chinese why it must (what the integers are)."""
    got = next(str(tensor.dtype) for tensor in model.inputs if tensor.name == name)
    if not got.startswith(("int", "uint")):
        raise Wrong(
            f"输入 {name!r} 的 dtype 应当是 int32（{why}），实际是 {got}：写 keras.Input(..., dtype=\"int32\", name=\"{name}\")"
        )


def expect_embedding(model, name, input_dim, output_dim):
    """Returns the model's ``Embedding`` layer ``name`` after checking its table's size."""
    found = layer(model, name, keras.layers.Embedding)
    if (found.input_dim, found.output_dim) != (input_dim, output_dim):
        raise Wrong(
            f"层 {name!r} 应当是 layers.Embedding({input_dim}, {output_dim})（{input_dim} 个编号，每个编号 {output_dim} 维），"
            f"实际是 Embedding({found.input_dim}, {found.output_dim})"
        )
    return found


def expect_call_sources(model, name, sources):
    """Checks that the calls of the shared layer ``name`` take their inputs from ``sources``,
    one call each, in any order."""
    got = [graph.inbound_layers(model, name, call=call)[0] for call in range(graph.call_count(model, name))]
    if sorted(got) != sorted(sources):
        raise Wrong(
            f"{name} 的各次调用分别用在了 {got} 上，应当是 {sorted(sources)}：检查每次调用传进去的是哪个张量"
        )


def expect_keys_are_names(model):
    """Checks that a model whose inputs or outputs are dicts keys each by its own name: an input by
    the ``Input``'s name, an output by the name of the layer that makes it."""
    for what, structure, name_of in (("输入", model.input, lambda tensor: tensor.name),
                                     ("输出", model.output, internals.producer_name)):
        if not isinstance(structure, dict):
            continue
        for key, tensor in structure.items():
            if key != name_of(tensor):
                raise Wrong(
                    f"{what}字典的键 {key!r} 对应的是名为 {name_of(tensor)!r} 的{what}{'层' if what == '输出' else ''}："
                    f"键要与{what}的名字相同"
                )


def expect_reused(found, advice):
    """Checks that the layer ``found`` is an existing model's layer called again, not a new one
    made in its place: a reused layer has a call in its own model besides this one. ``advice``
    says in Chinese where to take the original from."""
    if internals.call_count(found) < 2:
        raise Wrong(f"{found.name} 层只被调用过一次：它是新建的层，没有原来那个层（训练好）的权重；{advice}")


def layers_of_class(model, layer_class):
    """The model's layers that are instances of ``layer_class``, in order."""
    return [each for each in model.layers if isinstance(each, layer_class)]


def expect_inbound(model, name, expected, *, call=0):
    """Checks that layer ``name``'s ``call``-th call takes its inputs from the layers ``expected`` (names, in order)."""
    layer(model, name)
    got = graph.inbound_layers(model, name, call=min(call, graph.call_count(model, name) - 1))
    if sorted(got) != sorted(expected):
        raise Wrong(f"层 {name!r} 的输入应当来自 {list(expected)}，实际来自 {got}：检查是在哪个张量上调用了它")


def expect_calls(model, name, count):
    """Checks that layer ``name`` is called ``count`` times in the model (a shared layer: more than once)."""
    layer(model, name)
    got = graph.call_count(model, name)
    if got != count:
        raise Wrong(
            f"层 {name!r} 应当在模型里被调用 {count} 次，实际 {got} 次："
            "共享一个层，就是把同一个层实例在几个张量上各调用一次，而不是新建几个层"
        )


def expect_params(model, count):
    """Checks the model's total parameter count."""
    got = int(model.count_params())
    if got != count:
        raise Wrong(f"参数总数应当是 {count:,}，实际是 {got:,}：检查各层的大小（units、filters 等）")

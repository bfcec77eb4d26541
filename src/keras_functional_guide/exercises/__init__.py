"""The course's exercises (练习), graded by the package.

Each lesson ends with two to four exercises. A notebook poses one in a Markdown
cell (the statement's one home), gives an empty scaffold that grades it with one
call, and offers the reference answer folded::

    from keras_functional_guide.exercises import check, hint, solution

    answer = None  # 在这里写你的代码，把结果赋给 answer
    check("02-1", answer)

    solution("02-1")  # the reference answer's code, folded until clicked

:func:`check` inspects the answer's structure (input and output names and
shapes, layer classes, which layer feeds which, how often a shared layer is
called, parameter counts), never trains it, prints one line in Chinese and
returns a :class:`Result`: correct, incorrect, or not attempted (``None``). A
wrong answer of any type never raises.

The exercises of lesson ``NN`` are classes in the module ``lessonNN`` of this
package (see :class:`Exercise`), loaded when one of them is first used;
:data:`EXERCISES` loads them all, in course order.
"""

import ast
import html
import importlib
import inspect
import pkgutil
import re
import textwrap

__all__ = ["EXERCISES", "Exercise", "Result", "Solution", "check", "get_exercise", "hint", "reference", "solution",
           "solution_code"]

NOT_ANSWERED = "还没有作答：在上面写好代码，把结果赋给 answer，再运行这个单元格"

# Lesson number -> its module's name, read from the folder without importing anything.
_MODULES = {
    info.name[-2:]: info.name
    for info in pkgutil.iter_modules(__path__)
    if re.fullmatch(r"lesson\d\d", info.name)
}


def _grading_module():
    # Imports TensorFlow: only when an exercise is first used, not with the package.
    from keras_functional_guide.exercises import _grading

    return _grading


def _load_all():
    for module in _MODULES.values():
        importlib.import_module(f"{__name__}.{module}")
    return _grading_module().REGISTRY


def __getattr__(name):
    if name == "EXERCISES":
        registry = _load_all()
        return tuple(registry[key] for key in sorted(registry))
    if name in ("Exercise", "Wrong"):
        return getattr(_grading_module(), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def get_exercise(exercise_id):
    """Returns the exercise with this id (a class: see :class:`Exercise`), loading its lesson's module.

    Raises:
        ValueError: If there is no such exercise; the message lists the valid ids.
    """
    module = _MODULES.get(exercise_id[:2]) if isinstance(exercise_id, str) else None
    if module is not None:
        importlib.import_module(f"{__name__}.{module}")
        found = _grading_module().REGISTRY.get(exercise_id)
        if found is not None:
            return found
    valid = ", ".join(sorted(_load_all()))
    raise ValueError(f"exercise_id must be one of {valid}; got {exercise_id!r}")


class Result:
    """What :func:`check` returns: its :attr:`outcome`, and true only if the answer is right.

    ``bool(result)``, ``result == True`` and ``if check(...):`` work as with a
    bool, and ``repr`` is ``True`` or ``False``. In IPython it displays nothing
    (``_ipython_display_``): the line :func:`check` printed already says
    everything, and a bare ``False`` under "还没有作答" would only confuse.

    Attributes:
        outcome: ``Result.CORRECT``, ``Result.INCORRECT`` or ``Result.NOT_ATTEMPTED``.
    """

    CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "not attempted"
    __slots__ = ("outcome",)

    def __init__(self, outcome):
        if outcome not in (self.CORRECT, self.INCORRECT, self.NOT_ATTEMPTED):
            raise ValueError(f"outcome must be one of 'correct', 'incorrect', 'not attempted'; got {outcome!r}")
        self.outcome = outcome

    def __bool__(self):
        return self.outcome == self.CORRECT

    def __eq__(self, other):
        if isinstance(other, (bool, Result)):
            return bool(self) == bool(other)
        return NotImplemented

    def __hash__(self):
        return hash(bool(self))

    def __repr__(self):
        return repr(bool(self))

    def _ipython_display_(self):
        pass


def check(exercise_id, answer):
    """Grades ``answer`` to exercise ``exercise_id`` and prints one line in Chinese.

    Prints ``✓`` and what was confirmed, or ``✗``, what is wrong and a hint
    toward the fix. ``None`` (the scaffold's value) means "not answered yet".

    Args:
        exercise_id: An exercise id, e.g. ``"02-1"``.
        answer: The learner's answer, usually a ``keras.Model``.

    Returns:
        A :class:`Result`: true if the answer is right, else false; its
        ``outcome`` tells a wrong answer from none. A wrong answer never raises.

    Raises:
        ValueError: If ``exercise_id`` is unknown.
    """
    exercise = get_exercise(exercise_id)
    if answer is None:
        print(f"… {exercise.id} {NOT_ANSWERED}")
        return Result(Result.NOT_ATTEMPTED)
    grading = _grading_module()
    try:
        grading.expect_kind(answer, exercise.expects)
        confirmed = exercise.grade(answer)
    except grading.Wrong as wrong:
        _say("✗", exercise, wrong)
        return Result(Result.INCORRECT)
    except Exception as error:  # An answer of a shape no checker foresaw: what is wanted, not a traceback.
        _say("✗", exercise, f"{grading.unforeseen(answer, exercise.expects, error)}。提示：{exercise.hint}")
        return Result(Result.INCORRECT)
    _say("✓", exercise, confirmed)
    return Result(Result.CORRECT)


def _say(mark, exercise, message):
    # One line, whatever the message quotes (a learner's layer name or string may hold a newline).
    print(f"{mark} {exercise.id} {' '.join(str(message).split())}")


def hint(exercise_id):
    """Prints the exercise's hint.

    Raises:
        ValueError: If ``exercise_id`` is unknown.
    """
    print(f"提示 {exercise_id}：{get_exercise(exercise_id).hint}")


def reference(exercise_id):
    """Returns a new reference answer to the exercise (usually a model), for code that wants the object.

    Raises:
        ValueError: If ``exercise_id`` is unknown.
    """
    return get_exercise(exercise_id).solution()


class Solution:
    """A reference answer's code, as :func:`solution` shows it.

    In a notebook (JupyterLab, Notebook, Colab, the site) it is an HTML
    ``<details>`` element, folded until the learner opens it; elsewhere, the
    code as text. ``code`` is the body of the exercise's ``solution()`` as a
    learner would type it in the scaffold, its final ``return`` turned into
    ``answer = ...``.
    """

    def __init__(self, exercise):
        self.exercise_id = exercise.id
        self.code = solution_code(exercise.solution)

    def __repr__(self):
        return f"参考答案 {self.exercise_id}：\n{self.code}"

    def _repr_html_(self):
        return (f'<details class="kfg-solution"><summary>参考答案 {self.exercise_id}（点开查看）</summary>\n'
                f'<pre><code class="language-python">{html.escape(self.code, quote=False)}</code></pre>\n</details>')


def solution_code(function):
    """The body of a reference ``solution()`` function as a learner would type it: dedented, without
    its ``def`` line or docstring, and with its final ``return <answer>`` written ``answer = <answer>``."""
    source = textwrap.dedent(inspect.getsource(function))
    tree = ast.parse(source)
    (definition,) = tree.body
    body = definition.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]  # A docstring is for maintainers, not part of the answer.
    last = body[-1]
    if not isinstance(last, ast.Return) or last.value is None:
        raise ValueError(f"{function.__qualname__} must end with `return <answer>`")
    lines = source.splitlines()
    # A decorated first statement (a custom layer's class) starts at its first decorator.
    start = min([body[0].lineno, *(d.lineno for d in getattr(body[0], "decorator_list", []))]) - 1
    # Comments right above the first statement belong to the answer too.
    while start > definition.lineno and lines[start - 1].strip().startswith("#"):
        start -= 1
    code = textwrap.dedent("\n".join(lines[start:last.end_lineno])).splitlines()
    offset = (last.lineno - 1) - start
    code[offset] = re.sub(r"^return ", "answer = ", code[offset], count=1)
    return "\n".join(code)


def solution(exercise_id):
    """Shows the reference answer to the exercise: its code, folded in a notebook until opened.

    Returns:
        A :class:`Solution` (displayed as the folded code; ``.code`` is the text).

    Raises:
        ValueError: If ``exercise_id`` is unknown.
    """
    return Solution(get_exercise(exercise_id))

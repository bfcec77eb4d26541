"""The course's exercises (练习), graded by the package.

Each lesson ends with two or three exercises. A notebook poses one in a
Markdown cell, gives an empty scaffold, and grades it with one call::

    from keras_functional_guide.exercises import check, hint, solution

    answer = None  # 在这里写你的代码，把结果赋给 answer
    check("02-1", answer)

:func:`check` inspects the answer's structure (input and output names and
shapes, layer classes, which layer feeds which, how often a shared layer is
called, parameter counts), never trains it, prints one line in Chinese and
returns a :class:`Result`, true if the answer is right. A wrong answer of any
type never raises. In a notebook the result shows nothing of its own, so a
cell that ends with ``check(...)`` shows just the printed line.

The exercises of lesson ``NN`` live in the module ``lessonNN`` of this package;
:data:`EXERCISES` lists them all in course order.
"""

import importlib
import pkgutil

from keras_functional_guide.exercises._grading import Exercise, Wrong, expect_kind, unforeseen

__all__ = ["EXERCISES", "Exercise", "Result", "Wrong", "check", "get_exercise", "hint", "solution"]

NOT_ANSWERED = "还没有作答：在上面写好代码，把结果赋给 answer，再运行这个单元格"


def _collect():
    modules = sorted(
        info.name for info in pkgutil.iter_modules(__path__) if info.name.startswith("lesson")
    )
    collected = []
    for module_name in modules:
        module = importlib.import_module(f"{__name__}.{module_name}")
        collected.extend(module.EXERCISES)
    return tuple(collected)


EXERCISES = _collect()
"""Every exercise, in course order (lesson, then position)."""

_BY_ID = {exercise.id: exercise for exercise in EXERCISES}
if len(_BY_ID) != len(EXERCISES):  # pragma: no cover - a packaging mistake, caught by the tests
    raise RuntimeError("two exercises share an id")


class Result:
    """What :func:`check` returns: true if the answer is right, false otherwise.

    ``bool(result)``, ``result == True`` and ``if check(...):`` work as with a
    bool, and ``repr`` is ``True`` or ``False``. In IPython it displays nothing
    (``_ipython_display_``): the line :func:`check` printed already says
    everything, and a bare ``False`` under "还没有作答" would only confuse.
    """

    __slots__ = ("passed",)

    def __init__(self, passed):
        self.passed = bool(passed)

    def __bool__(self):
        return self.passed

    def __eq__(self, other):
        if isinstance(other, (bool, Result)):
            return self.passed == bool(other)
        return NotImplemented

    def __hash__(self):
        return hash(self.passed)

    def __repr__(self):
        return repr(self.passed)

    def _ipython_display_(self):
        pass


def get_exercise(exercise_id):
    """Returns the :class:`Exercise` with this id.

    Raises:
        ValueError: If there is no such exercise; the message lists the valid ids.
    """
    try:
        return _BY_ID[exercise_id]
    except (KeyError, TypeError):
        raise ValueError(
            f"exercise_id must be one of {', '.join(_BY_ID)}; got {exercise_id!r}"
        ) from None


def check(exercise_id, answer):
    """Grades ``answer`` to exercise ``exercise_id`` and prints one line in Chinese.

    Prints ``✓`` and what was confirmed, or ``✗``, what is wrong and a hint
    toward the fix. ``None`` (the scaffold's value) means "not answered yet".

    Args:
        exercise_id: An id from :data:`EXERCISES`, e.g. ``"02-1"``.
        answer: The learner's answer, usually a ``keras.Model``.

    Returns:
        A :class:`Result`: true if the answer is right, else false. A wrong
        answer never raises.

    Raises:
        ValueError: If ``exercise_id`` is unknown.
    """
    exercise = get_exercise(exercise_id)
    if answer is None:
        print(f"… {exercise.id} {NOT_ANSWERED}")
        return Result(False)
    try:
        expect_kind(answer, exercise.expects)
        confirmed = exercise.grade(answer)
    except Wrong as wrong:
        _say("✗", exercise, wrong)
        return Result(False)
    except Exception as error:  # An answer of a shape no checker foresaw: what is wanted, not a traceback.
        _say("✗", exercise, f"{unforeseen(answer, exercise.expects, error)}。提示：{exercise.hint}")
        return Result(False)
    _say("✓", exercise, confirmed)
    return Result(True)


def _say(mark, exercise, message):
    # One line, whatever the message quotes (a learner's layer name or string may hold a newline).
    print(f"{mark} {exercise.id} {' '.join(str(message).split())}")


def hint(exercise_id):
    """Prints the exercise's hint.

    Raises:
        ValueError: If ``exercise_id`` is unknown.
    """
    print(f"提示 {exercise_id}：{get_exercise(exercise_id).hint}")


def solution(exercise_id):
    """Returns a new reference answer to the exercise (usually a model).

    Raises:
        ValueError: If ``exercise_id`` is unknown.
    """
    return get_exercise(exercise_id).solution()

"""What every exercise must do, whatever its lesson, and every lesson's table of realistic
wrong answers (``wrong_answers/lessonNN.py``), each failing with the hint meant for it.

Wrong types (strings, numbers, layers, tensors, Sequential and foreign models, and ~40
more) are graded as a table, every id x every answer, in tests/test_exercises_any_answer.py.
"""

import ast
import importlib
import json
import pathlib
import pkgutil
import re
import subprocess
import sys

import pytest

import wrong_answers
from keras_functional_guide import exercises
from keras_functional_guide.exercises import EXERCISES, Result, check, get_exercise, hint, reference, solution

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"
IDS = [exercise.id for exercise in EXERCISES]
LESSONS = sorted(path.name for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))

WRONG = [
    row
    for info in sorted(pkgutil.iter_modules(wrong_answers.__path__), key=lambda info: info.name)
    for row in importlib.import_module(f"wrong_answers.{info.name}").WRONG
]


def test_ids_are_stable_and_in_course_order():
    assert IDS, "no exercises"
    assert all(re.fullmatch(r"\d\d-\d", exercise_id) for exercise_id in IDS), IDS
    assert IDS == sorted(IDS)
    for exercise in EXERCISES:
        assert exercise.lesson.startswith(exercise.id[:3].replace("-", "_")), exercise


def test_every_lesson_has_two_to_four_exercises():
    for lesson in LESSONS:
        count = sum(exercise.lesson == lesson for exercise in EXERCISES)
        assert 2 <= count <= 4, f"{lesson} has {count} exercises"


def test_every_exercise_is_declared_the_same_way():
    base = exercises.Exercise
    for exercise in EXERCISES:
        assert issubclass(exercise, base) and exercise is not base
        own = {name for name in vars(exercise) if not name.startswith("__")}
        assert own <= {"id", "hint", "expects", "lesson", "solution", "grade"}, (exercise.id, own)
        assert {"id", "hint", "solution", "grade"} <= own, exercise.id


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_solution_passes(exercise_id, capsys):
    assert check(exercise_id, reference(exercise_id)).outcome == Result.CORRECT
    assert capsys.readouterr().out.startswith(f"✓ {exercise_id} ")


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_shown_solution_is_the_code_that_passes(exercise_id, capsys):
    # What solution() shows a learner, pasted into the lesson's namespace and graded.
    shown = solution(exercise_id)
    code = shown.code
    last = ast.parse(code).body[-1]
    assert isinstance(last, ast.Assign) and [target.id for target in last.targets] == ["answer"], code
    assert "clear_session" not in code  # A reference answer must not reset the learner's session.
    namespace = {}
    exec(compile("import keras_functional_guide as kfg\nfrom keras_functional_guide import data\n"
                 "import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\n"
                 "from tensorflow.keras import layers\n", "<setup>", "exec"), namespace)
    exec(compile(code, f"<solution {exercise_id}>", "exec"), namespace)
    assert check(exercise_id, namespace["answer"])
    assert capsys.readouterr().out.startswith(f"✓ {exercise_id} ")


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_solution_is_folded_in_a_notebook(exercise_id):
    from IPython.core.formatters import DisplayFormatter

    data, _ = DisplayFormatter().format(solution(exercise_id))
    assert data["text/html"].startswith('<details class="kfg-solution"><summary>参考答案 ')
    assert "<details" not in data["text/html"][1:]
    summary = re.search(r"<summary>(.*?)</summary>", data["text/html"]).group(1)
    assert summary == f"参考答案 {exercise_id}（点开查看）"  # Nothing of the answer shows while folded.
    assert data["text/plain"].startswith(f"参考答案 {exercise_id}：\n")


@pytest.mark.parametrize("exercise_id", IDS)
def test_unanswered_says_so(exercise_id, capsys):
    result = check(exercise_id, None)
    assert not result and result.outcome == Result.NOT_ATTEMPTED
    assert "还没有作答" in capsys.readouterr().out


@pytest.mark.parametrize(
    "exercise_id, build, expected", [(e, b, x) for e, _, b, x in WRONG], ids=[f"{e} {why}" for e, why, _, _ in WRONG]
)
def test_realistic_wrong_answers_fail_with_their_hint(exercise_id, build, expected, rejected):
    line = rejected(exercise_id, build())
    assert line.count("\n") == 1, line
    assert expected in line, line


def test_every_exercise_has_realistic_wrong_answers():
    covered = {row[0] for row in WRONG}
    assert covered == set(IDS), sorted(set(IDS) - covered)


def test_unknown_id_is_a_value_error_listing_the_valid_ids():
    with pytest.raises(ValueError, match=r"exercise_id must be one of 01-1, .*; got '99-9'"):
        check("99-9", None)
    with pytest.raises(ValueError, match="exercise_id"):
        solution(None)
    with pytest.raises(ValueError, match=r"got '16-9'"):
        hint("16-9")


def test_hint_prints_one_line(capsys):
    hint(IDS[0])
    out = capsys.readouterr().out
    assert out.startswith(f"提示 {IDS[0]}：") and out.count("\n") == 1


def test_public_api():
    assert set(exercises.__all__) >= {"EXERCISES", "check", "solution", "hint", "reference"}


def test_a_lessons_module_is_loaded_when_one_of_its_exercises_is_first_used():
    code = ("import sys\nfrom keras_functional_guide.exercises import check\n"
            "loaded = lambda: sorted(m.rsplit('.', 1)[1] for m in sys.modules if '.exercises.lesson' in m)\n"
            "print(loaded())\ncheck('16-1', None)\nprint(loaded())")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "[]"
    assert result.stdout.splitlines()[-1] == "['lesson16']"


def test_a_result_tells_right_from_wrong_from_not_attempted_and_shows_nothing(capsys):
    from IPython.core.formatters import DisplayFormatter

    right, wrong, none = Result(Result.CORRECT), Result(Result.INCORRECT), Result(Result.NOT_ATTEMPTED)
    assert right and not wrong and not none and right == True and wrong == False  # noqa: E712 - the point
    assert wrong.outcome != none.outcome
    assert repr(right) == "True" and repr(wrong) == "False"
    assert len({right, True}) == 1
    # What IPython's displayhook would send for a cell ending in check(...): no data, so no Out[] line.
    assert DisplayFormatter().format(wrong) == ({}, {})
    assert check("02-1", "not a model").outcome == Result.INCORRECT
    capsys.readouterr()


def test_same_answer_same_verdict_in_every_lesson(capsys):
    # Lessons 03 and 16 both ask for a loss dict: a class instead of a loss, or a loss's alias,
    # gets the same verdict in both (one shared loss-name helper).
    from tensorflow import keras

    three = {"digit": keras.losses.SparseCategoricalCrossentropy, "parity": "binary_crossentropy",
             "big": "binary_crossentropy"}
    two = {"digit": keras.losses.SparseCategoricalCrossentropy, "parity": "binary_crossentropy"}
    assert not check("03-2", three) and not check("16-2", two)
    first, second = capsys.readouterr().out.splitlines()
    assert first.split(" ", 2)[2] == second.split(" ", 2)[2]


def test_solution_code_is_the_body_as_a_learner_types_it():
    from keras_functional_guide.exercises import solution_code

    def solution():
        """Not part of the answer."""
        # 先搭两层
        @staticmethod
        def first():
            return 1
        return first() + (
            1
        )

    assert solution_code(solution) == (
        "# 先搭两层\n@staticmethod\ndef first():\n    return 1\nanswer = first() + (\n    1\n)")
    tree = ast.parse(solution_code(solution))
    assert isinstance(tree.body[-1], ast.Assign)


def test_lesson_modules_and_notebooks_match():
    modules = {info.name[-2:] for info in pkgutil.iter_modules(exercises.__path__) if info.name.startswith("lesson")}
    assert modules == {lesson[:2] for lesson in LESSONS}
    for exercise in EXERCISES:
        notebook = json.loads((NOTEBOOKS / exercise.lesson).read_text(encoding="utf-8"))
        sources = ["".join(cell["source"]) for cell in notebook["cells"]]
        assert any(f'check("{exercise.id}", answer)' in source for source in sources), exercise.id
        assert f'solution("{exercise.id}")' in sources, exercise.id
        assert any(source.startswith(f"### 练习 {exercise.id}：") for source in sources), exercise.id
    assert get_exercise(IDS[0]) is EXERCISES[0]

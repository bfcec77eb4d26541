"""What every exercise must do, whatever its lesson.

Each lesson's own wrong answers are in tests/test_exercises_NN.py.
"""

import json
import pathlib
import re

import pytest
from keras_functional_guide import exercises
from keras_functional_guide.exercises import EXERCISES, check, hint, solution

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"
IDS = [exercise.id for exercise in EXERCISES]


def markdown_of(lesson):
    notebook = json.loads((NOTEBOOKS / lesson).read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")


def test_ids_are_stable_and_in_course_order():
    assert IDS, "no exercises"
    assert all(re.fullmatch(r"\d\d-\d", exercise_id) for exercise_id in IDS), IDS
    assert IDS == sorted(IDS)
    for exercise in EXERCISES:
        assert exercise.lesson.startswith(exercise.id[:3].replace("-", "_")), exercise


def test_every_lesson_has_two_to_four_exercises():
    lessons = sorted(path.name for path in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    for lesson in lessons:
        count = sum(exercise.lesson == lesson for exercise in EXERCISES)
        assert 2 <= count <= 4, f"{lesson} has {count} exercises"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_statement_and_title_are_in_the_notebook(exercise):
    text = markdown_of(exercise.lesson)
    assert f"### 练习 {exercise.id}：{exercise.title}" in text
    assert exercise.statement.strip() in text


@pytest.mark.parametrize("exercise_id", IDS)
def test_reference_solution_passes(exercise_id, capsys):
    assert check(exercise_id, solution(exercise_id))
    assert capsys.readouterr().out.startswith(f"✓ {exercise_id} ")


@pytest.mark.parametrize("exercise_id", IDS)
def test_unanswered_says_so(exercise_id, capsys):
    assert not check(exercise_id, None)
    assert "还没有作答" in capsys.readouterr().out


# Wrong types (strings, numbers, layers, tensors, Sequential and foreign models, and ~40 more)
# are graded as a table, every id x every answer, in tests/test_exercises_any_answer.py.


def test_unknown_id_is_a_value_error_listing_the_valid_ids():
    with pytest.raises(ValueError, match=r"exercise_id must be one of 01-1, .*; got '99-9'"):
        check("99-9", None)
    with pytest.raises(ValueError, match="exercise_id"):
        solution(None)


def test_hint_prints_one_line(capsys):
    hint(IDS[0])
    out = capsys.readouterr().out
    assert out.startswith(f"提示 {IDS[0]}：") and out.count("\n") == 1


def test_public_api():
    assert set(exercises.__all__) >= {"EXERCISES", "check", "solution", "hint"}


def test_a_result_is_a_truth_value_that_shows_nothing_in_a_notebook(capsys):
    from IPython.core.formatters import DisplayFormatter

    from keras_functional_guide.exercises import Result

    right, wrong = Result(True), Result(False)
    assert right and not wrong and right == True and wrong == False  # noqa: E712 - the point of the test
    assert repr(right) == "True" and repr(wrong) == "False"
    assert len({right, True}) == 1
    # What IPython's displayhook would send for a cell ending in check(...): no data, so no Out[] line.
    assert DisplayFormatter().format(wrong) == ({}, {})
    assert not check("02-1", None)
    assert capsys.readouterr().out.startswith("… 02-1 还没有作答")

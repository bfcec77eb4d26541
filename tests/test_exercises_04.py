"""Lesson 04's exercises, beyond the table of wrong answers (``wrong_answers/lesson04.py``)."""

import json
import pathlib

import pytest

from keras_functional_guide.exercises import check, get_exercise, reference
from wrong_answers.lesson04 import dag

NOTEBOOK = pathlib.Path(__file__).resolve().parents[1] / "notebooks" / "04_dag.ipynb"


def test_the_right_variants_pass(capsys):
    """The table's own builder, asked for the right answer, passes: the wrong cases differ in one thing only."""
    assert check("04-1", dag(project_filters=32, shortcut=32, add=("shortcut", "project")))
    assert check("04-2", dag(branch_5x5=16))
    assert capsys.readouterr().out.count("✓") == 2


@pytest.mark.parametrize(("exercise_id", "params"), [
    # stem 160, branch_1x1 272, branch_3x3 2,320, branch_pool_1x1 272, project 48·32+32 = 1,568,
    # shortcut 16·32+32 = 544, digit 8·8·32·10+10 = 20,490.
    ("04-1", 160 + 272 + 2_320 + 272 + 1_568 + 544 + 20_490),
    # The lesson's 14,058, plus branch_5x5 5·5·16·16+16 = 6,416, plus project's 16 new input channels 16·16 = 256.
    ("04-2", 14_058 + 6_416 + 256),
])
def test_confirmation_states_the_parameter_count_worked_out_by_hand(exercise_id, params, capsys):
    model = reference(exercise_id)
    assert model.count_params() == params
    check(exercise_id, model)
    assert f"{params:,}" in capsys.readouterr().out


def test_the_exercises_say_residual_connection_as_the_lesson_does():
    """Lesson 04 introduces one term, 残差连接, before its exercises use it; 捷径 is not a second name for it."""
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    sources = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"]
    statements = {
        exercise_id: next(source for source in sources if source.startswith(f"### 练习 {exercise_id}："))
        for exercise_id in ("04-1", "04-2")
    }
    assert statements["04-1"].startswith("### 练习 04-1：把恒等残差连接换成投影残差连接\n")
    assert "投影残差连接" in statements["04-1"]
    for exercise_id, statement in statements.items():
        for text in (statement, get_exercise(exercise_id).hint):
            assert "捷径" not in text and "跳跃连接" not in text, text

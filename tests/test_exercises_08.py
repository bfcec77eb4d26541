"""Lesson 08's exercises, beyond the table of wrong answers (``wrong_answers/lesson08.py``)."""

from keras_functional_guide.exercises import check
from wrong_answers.lesson08 import features_from, scorer


def test_08_1_accepts_the_positional_fix(capsys):
    assert check("08-1", scorer())  # keras.Model(features, score, name="scorer")
    assert capsys.readouterr().out.startswith("✓ 08-1 ")


def test_08_3_parameters_worked_out_by_hand(capsys):
    model = features_from("flatten")
    # conv1: 3×3×1×4 + 4; conv2: 3×3×4×4 + 4; pooling and flatten have none.
    assert model.count_params() == (3 * 3 * 1 * 4 + 4) + (3 * 3 * 4 * 4 + 4)
    assert check("08-3", model)
    assert capsys.readouterr().out.startswith("✓ 08-3 ")

"""Lesson 10's exercises, beyond the table of wrong answers (``wrong_answers/lesson10.py``)."""

import pytest

from keras_functional_guide.exercises import check


@pytest.mark.parametrize("answer", [("parity", "digit"), {"digit", "parity"}, ["digit", "parity", "digit"]],
                         ids=["tuple in another order", "set", "list with a repeat"])
def test_10_2_order_and_container_do_not_matter(answer, capsys):
    assert check("10-2", answer)
    assert capsys.readouterr().out.startswith("✓ 10-2 ")

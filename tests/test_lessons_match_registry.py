"""Lessons type their Keras calls; those calls must agree with the example registry.

A lesson shows `model.compile(loss=..., metrics=...)` and `model.fit(epochs=...,
batch_size=...)` with literal arguments, because the call is what it teaches.
The registry (`kfg.EXAMPLES`) is what the tests and the command line train. This
reads the lessons' code and checks that each example's lesson compiles and
trains its model the way the registry does.
"""

import ast
import json
import pathlib

import pytest

from keras_functional_guide.examples import EXAMPLES

NOTEBOOKS = pathlib.Path(__file__).resolve().parents[1] / "notebooks"


def calls(notebook, method):
    """The literal keyword arguments of every `<something>.<method>(...)` call in the lesson's code."""
    found = []
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        code = "".join(cell["source"])
        try:
            tree = ast.parse("\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!"))))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method:
                literal = {}
                for keyword in node.keywords:
                    try:
                        literal[keyword.arg] = ast.literal_eval(keyword.value)
                    except ValueError:
                        literal[keyword.arg] = ast.unparse(keyword.value)
                found.append(literal)
    return found


def normalise(value):
    """Lists and tuples alike: `metrics=["accuracy"]` and `("accuracy",)` say the same."""
    if isinstance(value, dict):
        return {key: normalise(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalise(item) for item in value]
    return value


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_the_lesson_compiles_like_the_registry(example):
    compiled = calls(example.notebook, "compile")
    wanted = {"loss": normalise(example.loss), "metrics": normalise(example.metrics)}
    matches = [call for call in compiled if {key: normalise(call.get(key)) for key in wanted} == wanted]
    assert matches, f"{example.notebook} has no compile(loss=..., metrics=...) like {wanted}; it has {compiled}"
    assert all("learning_rate=0.002" in str(call.get("optimizer")).replace("2e-3", "0.002") for call in matches), (
        "the registry trains with Adam(learning_rate=2e-3)")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.name)
def test_the_lesson_trains_like_the_registry(example):
    fits = calls(example.notebook, "fit")
    assert any(call.get("epochs") == example.epochs and call.get("batch_size", 32) == example.batch_size
               for call in fits), (
        f"{example.notebook} has no fit(epochs={example.epochs}, batch_size={example.batch_size}); it has {fits}")


def test_no_lesson_hides_a_keras_call_behind_a_course_wrapper():
    wrappers = ("get_example(", "compile_example(", "train_example(", "mirrored_strategy(")
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code")
        for wrapper in wrappers:
            assert wrapper not in code, f"{path.name} calls {wrapper}...): type the Keras call instead"

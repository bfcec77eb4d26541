"""Bad input: a clear ValueError naming the argument, raised before Keras builds anything."""

import pathlib
import re

import pytest

import keras_functional_guide as kfg
from keras_functional_guide import data
from keras_functional_guide.examples import get_example
from keras_functional_guide.training import train_example

CASES = [
    # (builder, keyword arguments, text the message must contain)
    (kfg.build_sequential_equivalent, {"num_classes": 1}, "num_classes must be an integer >= 2, got 1"),
    (kfg.build_sequential_equivalent, {"num_classes": 10.0}, "num_classes must be an integer >= 2, got 10.0"),
    (kfg.build_sequential_equivalent, {"num_classes": "10"}, "num_classes must be an integer >= 2, got '10'"),
    (kfg.build_sequential_equivalent, {"input_shape": (0, 8, 1)}, "input_shape must be an image shape"),
    (kfg.build_sequential_equivalent, {"input_shape": (8, 8)}, "got (8, 8)"),
    (kfg.build_sequential_equivalent, {"input_shape": "8x8x1"}, "input_shape must be an image shape"),
    (kfg.build_sequential_equivalent, {"input_shape": (8.0, 8, 1)}, "got (8.0, 8, 1)"),
    (kfg.build_sequential_equivalent, {"input_shape": (None, 8, 1)}, "got (None, 8, 1)"),
    (kfg.build_sequential_equivalent, {"filters": 0}, "filters must be an integer >= 1, got 0"),
    (kfg.build_sequential_equivalent, {"filters": True}, "filters must be an integer >= 1, got True"),
    (kfg.build_sequential_equivalent, {"fc_units": -5}, "fc_units must be an integer >= 1, got -5"),
    (kfg.build_sequential_equivalent, {"name": ""}, "name must be a non-empty string"),
    (kfg.build_sequential_counterpart, {"fc_units": 2.5}, "fc_units must be an integer >= 1, got 2.5"),
    (kfg.build_sequential_counterpart, {"input_shape": (8, 8, 1, 1)}, "input_shape must be an image shape"),
    (kfg.build_multi_input, {"image_shape": (8, 8)}, "image_shape must be an image shape"),
    (kfg.build_multi_input, {"num_classes": 1}, "num_classes must be an integer >= 2, got 1"),
    (kfg.build_multi_input, {"embedding_dim": 0}, "embedding_dim must be an integer >= 1, got 0"),
    (kfg.build_multi_input, {"hidden_units": "64"}, "hidden_units must be an integer >= 1, got '64'"),
    (kfg.build_multi_output, {"num_classes": 0}, "num_classes must be an integer >= 2, got 0"),
    (kfg.build_multi_output, {"filters": -1}, "filters must be an integer >= 1, got -1"),
    (kfg.build_multi_output, {"name": "a/b"}, "name must be a non-empty string without '/'"),
    (kfg.build_dag, {"image_shape": (8, 0, 1)}, "image_shape must be an image shape"),
    (kfg.build_dag, {"filters": 16.0}, "filters must be an integer >= 1, got 16.0"),
    (kfg.build_shared_layers, {"embedding_dim": -3}, "embedding_dim must be an integer >= 1, got -3"),
    (kfg.build_shared_layers, {"image_shape": [8, 8]}, "image_shape must be an image shape"),
    (kfg.build_encoder, {"feature_units": 0}, "feature_units must be an integer >= 1, got 0"),
    (kfg.build_nested, {"num_classes": 1}, "num_classes must be an integer >= 2, got 1"),
    (kfg.build_nested, {"filters": 0}, "filters must be an integer >= 1, got 0"),
    (kfg.build_nested, {"name": "encoder"}, "name must differ from the inner model's name"),
    (data.load_digits, {"test_fraction": 1.5}, "test_fraction must be a float strictly between 0 and 1, got 1.5"),
    (data.load_digits, {"seed": -1}, "seed must be an integer >= 0, got -1"),
    (data.pair_task, {"pairs_per_image": 0}, "pairs_per_image must be an integer >= 1, got 0"),
    (get_example, {"name": "multi_inptu"}, "Did you mean 'multi_input'?"),
    (train_example, {"name": "dag", "epochs": 0}, "epochs must be an integer >= 1, got 0"),
    (kfg.plot, {"model": None, "to_file": "model.pdf"}, "to_file must end in .png or .svg"),
]

PACKAGE = pathlib.Path(kfg.__file__).parent


@pytest.mark.parametrize(
    "function, arguments, message",
    CASES,
    ids=[f"{function.__name__}-{'-'.join(f'{k}={v!r}' for k, v in arguments.items())}" for function, arguments, _ in CASES],
)
def test_bad_input_raises_a_clear_value_error(function, arguments, message):
    with pytest.raises(ValueError, match=re.escape(message)) as raised:
        function(**arguments)
    # The error comes from the package's own checks, not from inside Keras.
    origin = pathlib.Path(str(raised.traceback[-1].path))
    assert origin.parent == PACKAGE, origin


@pytest.mark.parametrize("builder", [kfg.build_dag, kfg.build_multi_input, kfg.build_sequential_equivalent])
def test_unknown_keyword_is_a_type_error(builder):
    with pytest.raises(TypeError, match="unexpected keyword argument 'num_class'"):
        builder(num_class=10)


def test_sizes_are_keyword_only():
    with pytest.raises(TypeError):
        kfg.build_dag((8, 8, 1))

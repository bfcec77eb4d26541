"""plot(): a real Graphviz drawing, or one line on how to install it."""

import os
import shutil

import pytest

import keras_functional_guide as kfg
from keras_functional_guide.plotting import INSTALL_HINT

# CI installs Graphviz and sets this, so a missing `dot` fails there instead of skipping.
needs_graphviz = pytest.mark.skipif(
    shutil.which("dot") is None and not os.environ.get("KFG_REQUIRE_GRAPHVIZ"),
    reason="Graphviz's dot is not installed",
)


@needs_graphviz
def test_plot_returns_a_png_and_writes_nothing_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    image = kfg.plot(kfg.build_dag())
    assert image.data.startswith(b"\x89PNG")
    assert list(tmp_path.iterdir()) == []


@needs_graphviz
def test_plot_writes_svg_with_layer_names_and_shapes(tmp_path):
    path = tmp_path / "siamese.svg"
    kfg.plot(kfg.build_shared_layers(), to_file=path)
    svg = path.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for name in ("image_a", "image_b", "shared_conv", "same_digit"):
        assert name in svg
    assert "(None, 8, 8, 1)" in svg


def test_plot_without_graphviz_prints_one_line_and_returns_none(monkeypatch, capsys):
    monkeypatch.setenv("PATH", "/nonexistent")
    assert kfg.plot(kfg.build_dag()) is None
    assert capsys.readouterr().out == INSTALL_HINT + "\n"

"""kfg.short_errors in a real IPython shell: the learner's lines and the message, nothing else."""

import pytest

IPython = pytest.importorskip("IPython")

import keras_functional_guide as kfg  # noqa: E402


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shown = []
    original = shell._showtraceback
    shell._showtraceback = lambda etype, value, stb: shown.append((etype, value, stb))
    yield shell, shown
    shell._showtraceback = original
    kfg.short_errors(False)


def test_library_frames_are_dropped_and_the_cell_line_kept(shell):
    shell, shown = shell
    kfg.short_errors()
    shell.run_cell("import json\ndef parse():\n    return json.loads('{')\nparse()")
    ((etype, value, stb),) = shown
    assert etype.__name__ == "JSONDecodeError"
    assert not any("json/decoder.py" in line or "json/__init__.py" in line for line in stb), stb
    assert any("parse()" in line for line in stb) and any("json.loads('{')" in line for line in stb)
    assert stb[-1].startswith("json.decoder.JSONDecodeError: Expecting property name")


def test_long_messages_are_kept_whole(shell):
    # Keras's long messages end with the fix: stack frames go, message lines never do.
    shell, shown = shell
    kfg.short_errors()
    shell.run_cell("raise ValueError('\\n'.join(str(i) for i in range(40)))")
    stb = shown[-1][2]
    assert stb[-40:] == ["ValueError: 0", *(str(i) for i in range(1, 40))]
    assert len(stb) == 2 + 40  # the cell's label and line, then every message line


def test_warnings_show_category_and_message_without_library_paths(shell):
    import warnings

    shell, shown = shell
    original = warnings.formatwarning
    kfg.short_errors()
    text = warnings.formatwarning("The structure of `inputs` doesn't match", UserWarning,
                                  "/some/site-packages/keras/src/models/functional.py", 238, "warnings.warn(msg)")
    assert text == "UserWarning: The structure of `inputs` doesn't match\n"
    kfg.short_errors(False)
    assert warnings.formatwarning is original


def test_disabling_restores_ipython_tracebacks(shell):
    shell, shown = shell
    kfg.short_errors()
    kfg.short_errors(False)
    shell.run_cell("import json\njson.loads('{')")
    stb = "\n".join(shown[-1][2])
    assert "decoder.py" in stb  # IPython's own, full traceback
    assert shell.InteractiveTB.mode == "Context"  # and its own %xmode back


def test_the_full_traceback_is_kept_in_plain_style_for_tb(shell):
    # IPython 9 formats the full traceback of every error for its history; in
    # plain style it does not parse each library file (seconds for TensorFlow).
    shell, shown = shell
    kfg.short_errors()
    assert shell.InteractiveTB.mode == "Plain"
    count = shell.execution_count
    shell.run_cell("import json\njson.loads('{')", store_history=True)
    stored = getattr(shell.history_manager, "exceptions", None)  # IPython >= 9 only
    if stored is not None:
        assert "json/decoder.py" in "\n".join(stored[count]["traceback"])
    shell.run_line_magic("tb", "")
    full = "\n".join(shown[-1][2])
    assert "json/decoder.py" in full and "self.scan_once(s, idx)" in full


def test_outside_ipython_it_does_nothing():
    assert kfg.short_errors() is None

"""errors.ShortErrors and one_line_warning in a real IPython shell: the learner's lines and the
message, nothing else. (The extension that installs them, in real kernels: tests/test_extension.py.)"""

import warnings

import pytest

IPython = pytest.importorskip("IPython")

from keras_functional_guide import errors  # noqa: E402


@pytest.fixture
def shell():
    """An IPython shell with the handler installed as the extension installs it, and every
    change given back afterwards."""
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shown = []
    original = shell._showtraceback, shell.InteractiveTB.mode, shell.custom_exceptions, shell.CustomTB
    shell._showtraceback = lambda etype, value, stb: shown.append((etype, value, stb))
    shell.InteractiveTB.set_mode("Plain")
    shell.set_custom_exc((Exception,), errors.ShortErrors("Plain"))
    yield shell, shown
    shell._showtraceback = original[0]
    shell.InteractiveTB.set_mode(original[1])
    shell.custom_exceptions, shell.CustomTB = original[2], original[3]


def test_library_frames_are_dropped_and_the_cell_line_kept(shell):
    shell, shown = shell
    shell.run_cell("import json\ndef parse():\n    return json.loads('{')\nparse()")
    ((etype, value, stb),) = shown
    assert etype.__name__ == "JSONDecodeError"
    assert not any("json/decoder.py" in line or "json/__init__.py" in line for line in stb), stb
    assert any("parse()" in line for line in stb) and any("json.loads('{')" in line for line in stb)
    assert stb[-1].startswith("json.decoder.JSONDecodeError: Expecting property name")


def test_a_statement_over_several_lines_is_shown_whole(shell):
    shell, shown = shell
    shell.run_cell("import json\njson.loads(\n    '{',\n)")
    stb = shown[-1][2]
    assert stb[1:4] == ["    json.loads(", "        '{',", "    )"], stb


def test_long_messages_are_kept_whole(shell):
    # Keras's long messages end with the fix: stack frames go, message lines never do.
    shell, shown = shell
    shell.run_cell("raise ValueError('\\n'.join(str(i) for i in range(40)))")
    stb = shown[-1][2]
    assert stb[-40:] == ["ValueError: 0", *(str(i) for i in range(1, 40))]
    assert len(stb) == 2 + 40  # the cell's label and line, then every message line


def test_warnings_show_category_and_message_without_library_paths():
    text = errors.one_line_warning("The structure of `inputs` doesn't match", UserWarning,
                                   "/some/site-packages/keras/src/models/functional.py", 238, "warnings.warn(msg)")
    assert text == "UserWarning: The structure of `inputs` doesn't match\n"
    assert warnings.formatwarning is not errors.one_line_warning  # importing installs nothing


def test_another_xmode_gives_ipythons_own_traceback(shell):
    shell, shown = shell
    shell.InteractiveTB.set_mode("Context")
    shell.run_cell("import json\njson.loads('{')")
    stb = "\n".join(shown[-1][2])
    assert "decoder.py" in stb  # IPython's own, full traceback


def test_the_full_traceback_is_kept_for_tb(shell):
    shell, shown = shell
    shell.run_cell("import json\njson.loads('{')", store_history=True)
    assert "decoder.py" not in "\n".join(shown[-1][2])
    shell.run_line_magic("tb", "")
    full = "\n".join(shown[-1][2])
    assert "json/decoder.py" in full and "self.scan_once(s, idx)" in full

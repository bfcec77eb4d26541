"""A Jupyter kernel for tests, started the way JupyterLab starts one, and what it shows.

Not a test module: the tests that need a real kernel (the extension, the quiet
import) share it. The kernel's environment is the one the lessons run in
(``learner_kernel_env`` of ``tools/lessons.py``, also used by nbval's kernels).
"""

import contextlib
import dataclasses
import importlib.util
import pathlib
import queue

ROOT = pathlib.Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("kfg_tools_lessons", ROOT / "tools" / "lessons.py")
lessons = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lessons)


@dataclasses.dataclass
class Shown:
    """What one cell showed: its streams, its error (name, value, traceback lines) and its result."""

    stdout: str = ""
    stderr: str = ""
    error: tuple = None
    result: str = None


class Kernel:
    """A running kernel: ``kernel.run(code)`` executes a cell and returns what it showed."""

    def __init__(self, manager, client):
        self.manager, self.client = manager, client

    def run(self, code, timeout=120):
        shown = Shown()

        def collect(message):
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                setattr(shown, content["name"], getattr(shown, content["name"]) + content["text"])
            elif kind == "error":
                shown.error = (content["ename"], content["evalue"], content["traceback"])
            elif kind == "execute_result":
                shown.result = content["data"].get("text/plain")

        self.client.execute_interactive(code, timeout=timeout, output_hook=collect)
        return shown

    def value(self, expression):
        """The value of a Python literal ``expression`` in the kernel (through its repr)."""
        import ast

        shown = self.run(f"print(repr({expression}))")
        assert shown.error is None, shown.error
        return ast.literal_eval(shown.stdout)

    def alive(self):
        return self.manager.is_alive()


@contextlib.contextmanager
def start_kernel(env=None, stderr=None, cwd=None):
    """Starts a python3 kernel with the learner's environment (plus ``env``); yields a :class:`Kernel`.

    ``stderr``: a file for the kernel process's own stderr, the terminal of whoever
    started it (JupyterLab's log).
    """
    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(env={**lessons.learner_kernel_env(), **(env or {})}, stderr=stderr,
                         cwd=str(cwd) if cwd else None)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        yield Kernel(manager, client)
    finally:
        client.stop_channels()
        with contextlib.suppress(Exception):
            manager.shutdown_kernel(now=True)


def drain(client):
    """Drops messages still queued on the kernel's iopub channel."""
    with contextlib.suppress(queue.Empty):
        while True:
            client.get_iopub_msg(timeout=0.2)

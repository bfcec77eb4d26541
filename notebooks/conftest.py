"""nbval runs each lesson in a kernel started the way JupyterLab starts one.

So that what the tests compare is what a learner sees:

- the kernel's environment is ``learner_kernel_env()`` (``tools/lessons.py``,
  which makes the stored outputs the same way): none of the maintainer's
  TensorFlow switches or terminal width;
- without pytest's marker PYTEST_CURRENT_TEST, which otherwise makes ipykernel
  stop forwarding what C++ code writes to file descriptors 1 and 2, so
  TensorFlow's start-up lines would reach a learner's notebook and never the
  tests;
- stderr is compared like any other output: a warning is part of a lesson, and
  a stray TensorFlow log line is a failure.
"""

import importlib.util
import pathlib

import nbval.kernel

# tools/ is a folder of maintainer scripts, not a package: load the one we share by path.
_spec = importlib.util.spec_from_file_location(
    "kfg_tools_lessons", pathlib.Path(__file__).resolve().parents[1] / "tools" / "lessons.py")
lessons = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lessons)

_start_new_kernel = nbval.kernel.start_new_kernel


def _start_like_jupyter(*args, **kwargs):
    # nbval's RunningKernel calls this module function; jupyter_client's
    # KernelManager.start_kernel takes the kernel's environment as `env`.
    return _start_new_kernel(*args, env=lessons.learner_kernel_env(), **kwargs)


nbval.kernel.start_new_kernel = _start_like_jupyter

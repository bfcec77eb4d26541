"""nbval settings for the notebooks: the same environment the outputs were made in."""

from keras_functional_guide.notebook_tools import apply_kernel_env

# Kernels inherit this process's environment, so set it before any starts.
apply_kernel_env()


def pytest_collectstart(collector):
    # TensorFlow writes log lines and Python warnings (with per-run temporary
    # paths) to stderr; they are not part of any lesson. nbval's documented hook.
    if collector.fspath and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("stderr",)

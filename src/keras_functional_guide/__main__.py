"""``python -m keras_functional_guide``: the same as the ``keras-functional-guide`` command."""

import sys

from keras_functional_guide.cli import main

sys.exit(main())

"""``python -m wusong.kernels.assignment INSTANCE.json``: see :mod:`wusong.kernels.assignment.cli`."""

import sys

from wusong.kernels.assignment.cli import main

sys.exit(main())

"""``python -m iku_helpers`` is the same as ``iku-report``."""

import sys

from .cli import main

sys.exit(main())

"""``python -m cnnref``: the same as the ``cnnref`` command."""

import sys

from cnnref.cli import main

sys.exit(main())

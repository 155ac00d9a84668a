"""``python -m pyimgur``: the command line (see :mod:`pyimgur.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())

"""PyInstaller entry point of the `inventra` executable (the command line)."""

import sys

from inventra_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())

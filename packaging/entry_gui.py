"""PyInstaller entry point of the `inventra-desktop` executable (the GUI)."""

import sys

from inventra_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())

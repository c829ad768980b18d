"""The app's translation catalogs, shipped inside the package so that they are there after a
non-editable install and in the PyInstaller bundle.

inventra_<lang>.ts is the source catalog (edited in Qt Linguist or by hand); inventra_<lang>.qm is
compiled from it by scripts/update-translations.sh and is what ships. No Qt here:
ui/translations.py loads them.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent

"""The app icon, shipped inside the package so that it is there after a non-editable install and
in the PyInstaller bundle. Generated from resources/icons/inventra.svg by packaging/make_icons.py.
No Qt here: app.py turns these files into a QIcon."""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
SVG = FOLDER / "inventra.svg"
PNG_256 = FOLDER / "inventra-256.png"  # for a Qt without the SVG icon engine


def icon_files() -> list[Path]:
    """The icon files that exist, best first (the SVG scales to every size)."""
    return [path for path in (SVG, PNG_256) if path.is_file()]

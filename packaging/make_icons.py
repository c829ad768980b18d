"""Renders the app icon from its one source, resources/icons/inventra.svg, into every file that
ships it. The outputs are committed; run this again after changing the SVG:

    .venv/bin/python packaging/make_icons.py

- resources/icons/hicolor/<N>x<N>/apps/inventra-desktop.png   freedesktop icon theme layout
- resources/icons/hicolor/scalable/apps/inventra-desktop.svg  (the SVG under the theme name)
- resources/icons/inventra.ico                                Windows (exe icon, installer)
- inventra_desktop/icons/inventra.svg, inventra-256.png       the runtime copy inside the package,
                                                              read by app.py via inventra_desktop.icons

Qt renders (QtSvg, offscreen: no display needed); Pillow (installed with reportlab) writes the ICO.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "inventra.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
ICO = ROOT / "resources" / "icons" / "inventra.ico"
PACKAGE_ICONS = ROOT / "inventra_desktop" / "icons"
APP_ID = "inventra-desktop"  # the Icon= name in the .desktop file
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO frame may be


def render(svg: Path, size: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: Qt cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (keeps Qt alive)
    written: list[Path] = []
    frames: dict[int, Path] = {}
    for size in PNG_SIZES:
        target = HICOLOR / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(SOURCE, size).save(str(target), "PNG"):
            raise SystemExit(f"make_icons: could not write {target}")
        frames[size] = target
        written.append(target)

    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    written.append(scalable)

    images = [Image.open(frames[size]).convert("RGBA") for size in ICO_SIZES]
    largest = images[-1]
    largest.save(ICO, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    written.append(ICO)

    PACKAGE_ICONS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, PACKAGE_ICONS / "inventra.svg")
    shutil.copyfile(frames[256], PACKAGE_ICONS / "inventra-256.png")
    written += [PACKAGE_ICONS / "inventra.svg", PACKAGE_ICONS / "inventra-256.png"]

    for path in written:
        print(f"make_icons: {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

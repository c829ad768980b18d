"""Renders the counter dialog to PNG offscreen, normal and kiosk size, light and dark.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_counter.py [OUT_DIR]

Writes counter.png (normal, light), counter_kiosk.png (kiosk, light), and
counter_dark.png, counter_kiosk_dark.png, counter_blind_done.png, counter_many_areas.png.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from inventra_desktop.ui.counter_dialog import CounterDialog, CounterView  # noqa: E402
from inventra_desktop.ui.theme import Theme, apply_palette  # noqa: E402

NORMAL_SIZE = (1024, 720)
KIOSK_SIZE = (1280, 800)


def sample_view() -> CounterView:
    return CounterView(
        variant_id="gid://shopify/ProductVariant/4410",
        title="Organic Cotton Crew-Neck T-Shirt",
        variant_title="Forest green / M",
        sku="TS-ORG-GRN-M",
        barcode="4006381333931",
        areas=[("floor", "Shop floor"), ("stockroom", "Stockroom"), ("garage", "Garage")],
        qty={"floor": 4, "stockroom": 12, "garage": 0},
        counted={"floor": True, "stockroom": False, "garage": False},
        status="in_progress",
        baseline=18,
        position="3 of 120",
        saved_state="waiting",
        message=None,
    )


def render(app: QApplication, path: Path, *, kiosk: bool, dark: bool, view: CounterView,
           size: tuple[int, int], area: str | None = None, typed: str = "") -> None:
    apply_palette(app, dark=dark)
    dialog = CounterDialog(theme=Theme(kiosk=kiosk))
    dialog.show_view(view)
    if area:
        dialog.set_current_area(area)
    dialog.resize(*size)
    dialog.show()
    dialog.plus_one_button.setFocus()
    for digit in typed:
        dialog.digit_buttons[int(digit)].click()
    app.processEvents()
    hint = dialog.minimumSizeHint()
    if hint.width() > size[0] or hint.height() > size[1]:
        print(f"warning: {path.name} needs {hint.width()}x{hint.height()}, more than {size}")
    dialog.grab().save(str(path))
    print(f"{path}  ({dialog.width()}x{dialog.height()}, minimum {hint.width()}x{hint.height()})")
    dialog.close()
    dialog.deleteLater()
    app.processEvents()


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    view = sample_view()
    render(app, out / "counter.png", kiosk=False, dark=False, view=view, size=NORMAL_SIZE, area="stockroom")
    render(app, out / "counter_kiosk.png", kiosk=True, dark=False, view=view, size=KIOSK_SIZE, area="stockroom")
    render(app, out / "counter_dark.png", kiosk=False, dark=True, view=view, size=NORMAL_SIZE, area="stockroom",
           typed="24")
    render(app, out / "counter_kiosk_dark.png", kiosk=True, dark=True, view=view, size=KIOSK_SIZE,
           area="stockroom")
    blind_done = replace(view, status="done", baseline=None, saved_state="offline",
                         counted={"floor": True, "stockroom": True, "garage": True},
                         message="The shop rejected this count: the variant is no longer tracked. "
                                 "Ask a manager to check the product in Shopify.")
    render(app, out / "counter_blind_done.png", kiosk=True, dark=False, view=blind_done, size=KIOSK_SIZE,
           area="garage")
    many = replace(view, areas=[(f"a{i}", name) for i, name in enumerate(
        ["Shop floor", "Stockroom", "Garage", "Back office", "Window display", "Van 1", "Van 2",
         "Warehouse (upstairs)"])], qty={"a0": 3, "a1": 120, "a4": 1}, counted={"a1": True},
        title="Handmade Ceramic Pour-Over Coffee Dripper with Bamboo Stand and Spare Filters",
        variant_title="", sku="CER-DRIP-01", barcode="", baseline=None, saved_state="saved")
    render(app, out / "counter_many_areas.png", kiosk=False, dark=False, view=many, size=NORMAL_SIZE, area="a1")


if __name__ == "__main__":
    main()

"""The grid's columns on the screen it has: the title stays readable on a narrow window (a 1024×600
kiosk), the less needed columns step aside, and they come back when the window is wider."""

from __future__ import annotations

from typing import Any

from test_grid_model import AREAS, make_rows

from inventra_desktop.ui.grid_model import COL_BARCODE, COL_TITLE
from inventra_desktop.ui.main_window import MainWindow


def test_a_narrow_window_keeps_the_title_readable_and_a_wide_one_shows_every_column(qtbot: Any) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.model.set_rows(make_rows(40), AREAS, blind=False)
    window.resize(1900, 800)
    window.show()
    window.size_columns()
    model, header = window.model, window.grid.horizontalHeader()
    optional = (model.last_counted_column, model.last_variance_column, model.variance_column, COL_BARCODE)
    qtbot.waitUntil(lambda: not any(window.grid.isColumnHidden(c) for c in optional), timeout=5_000)

    window.resize(760, 600)
    qtbot.waitUntil(lambda: window.grid.isColumnHidden(model.last_counted_column), timeout=5_000)
    assert window.grid.isColumnHidden(model.last_variance_column)
    assert header.sectionSize(COL_TITLE) >= window._title_room > 100  # not "Cab…"
    assert not window.grid.isColumnHidden(model.status_column) and not window.grid.isColumnHidden(model.total_column)

    window.resize(1900, 800)  # wider again: every column is back
    qtbot.waitUntil(lambda: not any(window.grid.isColumnHidden(c) for c in optional), timeout=5_000)
    assert header.sectionSize(COL_TITLE) >= window._title_room

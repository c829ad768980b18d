"""The grid's columns on the screen it has: the title stays readable on a narrow window (a 1024×600
kiosk), the less needed columns step aside, and they come back when the window is wider."""

from __future__ import annotations

from typing import Any

from test_grid_model import AREAS, make_rows

from PySide6.QtWidgets import QSplitter

from inventra_desktop.ui.grid_model import COL_BARCODE, COL_SKU, COL_TITLE
from inventra_desktop.ui.main_window import MainWindow


def shown(qtbot: Any, width: int, height: int) -> MainWindow:
    """The main window with forty rows over three areas, at this size."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.model.set_rows(make_rows(40), AREAS, blind=False)
    window.resize(width, height)
    window.show()
    window.size_columns()
    return window


def test_a_narrow_window_keeps_the_title_readable_and_a_wide_one_shows_every_column(qtbot: Any) -> None:
    window = shown(qtbot, 1900, 800)
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


def _in_view(window: MainWindow, column: int) -> bool:
    """Shown whole in the grid as it is, without scrolling sideways."""
    header = window.grid.horizontalHeader()
    left = header.sectionViewportPosition(column)
    return (not window.grid.isColumnHidden(column) and left >= 0
            and left + header.sectionSize(column) <= window.grid.viewport().width())


def test_the_total_and_the_status_stay_in_view_when_the_panel_beside_the_grid_widens(qtbot: Any) -> None:
    """The grid narrows with no resize of the window (the sessions panel takes its width once the
    sessions are listed, or a user drags the divider): the columns make room all the same."""
    window = shown(qtbot, 1300, 700)
    model = window.model
    qtbot.waitUntil(lambda: _in_view(window, model.status_column) and not window.grid.isColumnHidden(COL_SKU),
                    timeout=5_000)
    split = window.findChild(QSplitter)
    assert split is not None
    width = sum(split.sizes())
    split.setSizes([width - 560, 560])  # the grid loses half its width; the window keeps its size
    qtbot.waitUntil(lambda: window.grid.isColumnHidden(COL_SKU), timeout=5_000)
    assert _in_view(window, model.total_column) and _in_view(window, model.status_column)
    assert window.grid.horizontalHeader().sectionSize(COL_TITLE) >= window._title_room

    split.setSizes([width - 1000, 1000])  # and back: the SKU shows again
    qtbot.waitUntil(lambda: not window.grid.isColumnHidden(COL_SKU), timeout=5_000)


def test_the_divider_cannot_squeeze_the_total_and_the_status_out_of_view(qtbot: Any) -> None:
    window = shown(qtbot, 1024, 600)
    model = window.model
    split = window.findChild(QSplitter)
    assert split is not None
    width = sum(split.sizes())
    split.setSizes([width - 100, 100])  # the divider dragged far to the right
    qtbot.waitUntil(lambda: window.grid.isColumnHidden(COL_SKU), timeout=5_000)
    qtbot.wait(50)
    assert _in_view(window, model.total_column) and _in_view(window, model.status_column)

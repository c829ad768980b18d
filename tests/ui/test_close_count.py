"""Closing a count in the GUI, against the simulator: finalize, results, apply with a choice per
line, revert, exports, and the progress charts."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from inventra_desktop.simulator.embedded import EmbeddedShop
from inventra_desktop.stocktake.models import OpKind, SessionState
from inventra_desktop.services.setup import open_session_record
from inventra_desktop.ui.finalize_tables import ApplyLinesModel

from helpers import run


def on_hand(shop: EmbeddedShop, sku: str) -> int:
    variant = next(v for v in shop.state.variants.values() if v.sku == sku)
    return shop.state.level(variant.inventory_item_id, min(shop.state.locations)).quantity("on_hand")


def sell(shop: EmbeddedShop, sku: str, units: int) -> None:
    variant = next(v for v in shop.state.variants.values() if v.sku == sku)
    shop.state.level(variant.inventory_item_id, min(shop.state.locations)).quantities["available"] -= units


def count(controller: Any, qtbot: Any, sku: str, qty: int, area: str = "showroom") -> str:
    variant = next(v.id for v in controller.desk.records.values() if v.sku == sku)
    controller.tap(variant, OpKind.SET, area, qty)
    controller.tap(variant, OpKind.DONE)
    qtbot.waitUntil(lambda: controller.desk.view(variant).status is not None
                    and controller.desk.view(variant).status.value == "done")
    return variant


def finalized(window: Any, controller: Any, qtbot: Any) -> Any:
    """Finalize from the dialog (the rest counted as 0), confirmed; the results open by themselves."""
    window.finalize.click()
    dialog = controller.close_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.finalize_tab.zero.setChecked(True)
    dialog.finalize_tab.go.click()
    qtbot.waitUntil(lambda: dialog.confirm is not None and dialog.confirm.isVisible())
    assert "cannot be undone" in dialog.confirm.irreversible.text()
    dialog.confirm.confirm.click()
    qtbot.waitUntil(lambda: controller.close_dialog is not dialog and controller.close_dialog is not None,
                    timeout=30_000)
    results = controller.close_dialog
    qtbot.waitUntil(lambda: results.apply_tab.plan is not None, timeout=20_000)
    return results


def test_finalize_then_results_show_variances_moved_stock_and_alerts(ready: Any, qtbot: Any,
                                                                     shop: EmbeddedShop) -> None:
    window, controller = ready
    before = on_hand(shop, "NB-TNT2-SND")
    count(controller, qtbot, "NB-TNT2-SND", before + 3)
    count(controller, qtbot, "NB-TNT2-GRN", 2, area="garage")  # a non-standard area: an alert
    sell(shop, "NB-TNT2-SND", 1)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0, timeout=15_000)
    results = finalized(window, controller, qtbot)
    assert controller.desk.session.state is SessionState.FINALIZED
    assert window.finalize.text() == "Results and apply…"
    assert results.tabs.currentWidget() is results.alerts_tab
    rows = {row[1]: row for row in results.variances.rows}
    assert rows["NB-TNT2-SND"][4] == "+3"
    moved = {row[1]: row for row in results.moved.rows}
    assert moved["NB-TNT2-SND"][3] == "−1"
    alerts = [row for row in results.alerts.rows if row[0] == "Alert"]
    assert any("Garage" in row[2] for row in alerts)
    assert "Alerts and exceptions (" in results.tabs.tabText(results.tabs.indexOf(results.alerts_tab))


def test_apply_with_a_choice_per_line_then_revert(ready: Any, qtbot: Any, shop: EmbeddedShop) -> None:
    window, controller = ready
    tent, sand = on_hand(shop, "NB-TNT2-GRN"), on_hand(shop, "NB-TNT2-SND")
    count(controller, qtbot, "NB-TNT2-GRN", tent + 2)
    count(controller, qtbot, "NB-TNT2-SND", sand + 5)
    sell(shop, "NB-TNT2-GRN", 1)
    sell(shop, "NB-TNT2-SND", 1)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0, timeout=15_000)
    results = finalized(window, controller, qtbot)
    results.show_tab("apply")
    page = results.apply_tab
    model: ApplyLinesModel = page.lines_model
    row = next(i for i, line in enumerate(model.lines) if line.sku == "NB-TNT2-SND")
    cell = model.index(row, model.KEEP)
    view = page.lines_view
    # On this small screen the line's choice and its change show without scrolling sideways.
    qtbot.waitUntil(lambda: all(_in_view(view, c) for c in (model.KEEP, model.columnCount() - 1)), timeout=5_000)
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole) == model.lines[row].title  # the name whole
    view.scrollTo(cell)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(cell).topRight() - QPoint(12, -8))
    assert model.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked  # a tap anywhere in the cell
    view.setCurrentIndex(cell)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Space)  # and Space from the keyboard, back and forth
    assert model.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert model.data(cell, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "1 line keeps the other way" in page.summary.text()
    page.apply_button.click()
    qtbot.waitUntil(lambda: page.confirm is not None and page.confirm.isVisible())
    page.confirm.confirm.click()
    qtbot.waitUntil(lambda: "Applied" in results.message.text(), timeout=30_000)
    assert on_hand(shop, "NB-TNT2-GRN") == tent + 2 - 1  # keep the difference: the sale stays sold
    assert on_hand(shop, "NB-TNT2-SND") == sand + 5  # keep counted: exactly the count
    qtbot.waitUntil(page.revert_button.isVisible, timeout=10_000)
    page.revert_button.click()
    qtbot.waitUntil(lambda: page.confirm.isVisible())
    page.confirm.confirm.click()
    qtbot.waitUntil(lambda: "Reverted" in results.message.text(), timeout=30_000)
    assert on_hand(shop, "NB-TNT2-GRN") == tent - 1 and on_hand(shop, "NB-TNT2-SND") == sand - 1
    qtbot.waitUntil(lambda: page.apply_button.isEnabled(), timeout=10_000)


def _in_view(view: Any, column: int) -> bool:
    header = view.horizontalHeader()
    left = header.sectionViewportPosition(column)
    return not view.isColumnHidden(column) and left >= 0 and left + header.sectionSize(column) <= view.viewport().width()


def test_exports_write_the_report_and_the_count_sheet(ready: Any, qtbot: Any, tmp_path: Path) -> None:
    window, controller = ready
    count(controller, qtbot, "NB-TNT2-GRN", 4)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0, timeout=15_000)
    window.finalize.click()
    dialog = controller.close_dialog
    for kind in ("csv", "xlsx", "pdf"):
        run(None, qtbot, dialog.export_to(kind, tmp_path / f"out.{kind}"))  # type: ignore[arg-type]
        assert (tmp_path / f"out.{kind}").stat().st_size > 500
    assert "Saved" in dialog.message.text()
    with open(tmp_path / "out.csv", newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert any(r.get("SKU") == "NB-TNT2-GRN" and r.get("Total") == "4" for r in rows)
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_the_progress_view_follows_the_count(ready: Any, qtbot: Any) -> None:
    window, controller = ready
    window.progress_button.click()
    view = controller.progress_dialog
    qtbot.waitUntil(view.isVisible)
    total = sum(1 for v in controller.desk.records.values() if v.takes_part("UI"))
    assert view.summary.text() == f"0 of {total} variants done (0 %)"
    count(controller, qtbot, "NB-TNT2-GRN", 4)
    qtbot.waitUntil(lambda: view.summary.text().startswith("1 of"), timeout=5_000)
    showroom = next(values for label, values in view.areas.rows if label == "Showroom")
    assert showroom == [1, total - 1]
    assert sum(n for _, n, _ in view.variances.bins) == 1 and view.variances.isVisible()
    assert "1 Done" in view.statuses.accessibleDescription()  # the same status words as the grid


def test_review_sends_a_doubtful_line_back_and_accepts_the_rest(ready: Any, qtbot: Any, shop: EmbeddedShop) -> None:
    window, controller = ready
    sand = count(controller, qtbot, "NB-TNT2-SND", on_hand(shop, "NB-TNT2-SND") + 12)
    count(controller, qtbot, "NB-TNT2-GRN", on_hand(shop, "NB-TNT2-GRN") + 9)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0, timeout=15_000)
    window.finalize.click()
    dialog = controller.close_dialog
    qtbot.waitUntil(lambda: dialog.accept_variances.isEnabled(), timeout=20_000)
    assert "2 variances above the review threshold (5 units" in dialog.review_note.text()
    dialog.show_tab("variances")
    row = dialog.variance_ids.index(sand)
    dialog.tables[id(dialog.variances)].selectRow(row)
    dialog.recount.click()
    qtbot.waitUntil(lambda: "went back for a recount" in dialog.message.text(), timeout=15_000)
    assert shop.state.metafield(sand, "inventra", "status").value == "in_progress"
    qtbot.waitUntil(lambda: controller.desk.view(sand).status.value == "in_progress", timeout=5_000)
    dialog.accept_variances.click()
    qtbot.waitUntil(lambda: "accepted" in dialog.message.text(), timeout=15_000)
    record = run(None, qtbot, open_session_record(controller.shop, "UI"))
    notes = [e.note for e in record.events if e.what == "review"]
    assert any("recount: NB-TNT2-SND" in (n or "") for n in notes) and any("accepted 2" in (n or "") for n in notes)


def test_untracked_items_are_shown_first_and_tracked_on_purpose(ready: Any, qtbot: Any, shop: EmbeddedShop) -> None:
    window, controller = ready
    variant = next(v for v in shop.state.variants.values() if v.sku == "NB-TNT2-SND")
    with shop.state.lock:
        shop.state.items[variant.inventory_item_id].tracked = False  # someone turned tracking off mid-count
    count(controller, qtbot, "NB-TNT2-SND", 3)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0, timeout=15_000)
    results = finalized(window, controller, qtbot)
    results.show_tab("apply")
    page = results.apply_tab
    model = page.lines_model
    first = model.lines[0]
    assert first.sku == "NB-TNT2-SND" and first.problem and "track" in first.problem
    assert model.index(0, model.columnCount() - 1).data() == "not written"
    assert page.fix.isVisible() and "cannot be written" in page.summary.text()
    page.fix.click()
    qtbot.waitUntil(lambda: "now tracked" in results.message.text(), timeout=15_000)
    assert shop.state.items[variant.inventory_item_id].tracked
    qtbot.waitUntil(lambda: not page.fix.isVisible(), timeout=10_000)
    line = next(line for line in page.plan.lines if line.sku == "NB-TNT2-SND")
    assert line.problem is None and line in page.plan.writable

"""Closing the count safely, in the GUI against the simulator: the confirmations state the
consequence in numbers, blind counts stay blind, and after apply and release the screen is current."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from helpers import counting_session, run, shop_session

from inventra_desktop.simulator.embedded import EmbeddedShop
from inventra_desktop.stocktake.models import OpKind, SessionState


def on_hand(shop: EmbeddedShop, sku: str) -> int:
    """On hand at the location the session's showroom maps to (the first one)."""
    variant = next(v for v in shop.state.variants.values() if v.sku == sku)
    return shop.state.level(variant.inventory_item_id, min(shop.state.locations)).quantity("on_hand")


def count_done(controller: Any, qtbot: Any, sku: str, qty: int) -> None:
    variant = next(v.id for v in controller.desk.records.values() if v.sku == sku)
    controller.tap(variant, OpKind.SET, "showroom", qty)
    controller.tap(variant, OpKind.DONE)
    qtbot.waitUntil(lambda: controller.desk.view(variant).status is not None
                    and controller.desk.view(variant).status.value == "done")


def test_finalize_and_apply_confirmations_say_what_they_will_do_in_numbers(ready: Any, qtbot: Any,
                                                                          shop: EmbeddedShop) -> None:
    window, controller = ready
    count_done(controller, qtbot, "NB-TNT2-GRN", on_hand(shop, "NB-TNT2-GRN") + 1)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0, timeout=15_000)
    taking = [v for v in controller.desk.records.values() if v.takes_part("UI")]
    untouched = [v for v in taking if v.sku != "NB-TNT2-GRN"]
    stock = sum(sum(v.counts.baseline.values()) for v in untouched)
    window.finalize.click()
    dialog = controller.close_dialog
    qtbot.waitUntil(dialog.isVisible)
    gate = dialog.finalize_tab
    gate.zero.setChecked(True)
    gate.go.click()
    confirm = dialog.confirm
    qtbot.waitUntil(confirm.isVisible)
    said = confirm.consequences.text()
    never = sum(1 for v in untouched if sum(v.counts.baseline.values()) > 0)
    assert f"{len(untouched)} variants not done count as 0" in said
    assert f"{never} of them were never counted at all: {stock} units would go out" in said
    assert "Finalize cannot be undone" in confirm.irreversible.text()
    assert confirm.confirm.text() == "Finalize the count" and confirm.confirm.height() >= 48
    confirm.confirm.click()
    qtbot.waitUntil(lambda: controller.close_dialog is not dialog and controller.close_dialog is not None
                    and controller.close_dialog.apply_tab is not None
                    and controller.close_dialog.apply_tab.plan is not None, timeout=30_000)
    controller.close_dialog.show_tab("apply")
    page = controller.close_dialog.apply_tab
    page.apply_button.click()
    qtbot.waitUntil(lambda: page.confirm is not None and page.confirm.isVisible())
    said = page.confirm.consequences.text()
    assert f"{never} of {len(taking)} variants were counted as 0" in said and f"{stock} units out" in said
    assert re.search(r"\b\d+ units? in \(", said) and "at cost" in said  # "1 unit in", "2 units in"
    assert "changes at once for every sales channel" in page.confirm.irreversible.text()
    page.confirm.reject()
    assert controller.desk.session.state is SessionState.FINALIZED  # cancelled: nothing written


def test_apply_and_release_leave_the_screen_current_and_the_session_in_the_history(ready: Any, qtbot: Any,
                                                                                   shop: EmbeddedShop,
                                                                                   tmp_path: Path) -> None:
    window, controller = ready
    count_done(controller, qtbot, "NB-TNT2-GRN", on_hand(shop, "NB-TNT2-GRN") + 2)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0, timeout=15_000)
    window.finalize.click()
    dialog = controller.close_dialog
    dialog.finalize_tab.zero.setChecked(True)
    dialog.finalize_tab.go.click()
    dialog.confirm.confirm.click()
    qtbot.waitUntil(lambda: controller.close_dialog is not dialog and controller.close_dialog is not None
                    and controller.close_dialog.apply_tab.plan is not None, timeout=30_000)
    results = controller.close_dialog
    results.show_tab("apply")
    page = results.apply_tab
    page.apply_button.click()
    page.confirm.confirm.click()
    qtbot.waitUntil(lambda: "Applied" in page.summary.text() and page.revert_button.isVisible(), timeout=30_000)
    assert "()" not in page.summary.text() and "by kiosk-ui" in page.summary.text()
    assert "applied" in results.heading.text().lower()
    run(None, qtbot, results.export_to("csv", tmp_path / "after.csv"))
    with open(tmp_path / "after.csv", newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    line = next(r for r in rows if "NB-TNT2-GRN" in r)
    assert line[header.index("Applied")] == "2"  # the export made in the same dialog knows the apply
    assert any(r[:4] == ["Session", "UI", "State", "applied"] for r in rows)
    results.close()
    qtbot.waitUntil(lambda: window.release.isEnabled(), timeout=10_000)
    window.release.click()
    confirm = controller.actions.confirm
    qtbot.waitUntil(confirm.isVisible)
    assert "cannot be undone" in confirm.irreversible.text() and "variants go back to 0" in confirm.consequences.text()
    confirm.confirm.click()
    qtbot.waitUntil(lambda: controller.desk is None and window.model.rowCount() == 0, timeout=20_000)
    texts = [window.sessions.item(i).text() for i in range(window.sessions.count())]
    assert texts[0].startswith("No session being counted") and "History" in texts and "UI\nReleased" in texts
    assert not window.finalize.isEnabled() and not window.release.isEnabled()
    released = next(i for i in range(window.sessions.count()) if window.sessions.item(i).text() == "UI\nReleased")
    window.sessions.setCurrentRow(released)  # the history stays reachable, read-only
    qtbot.waitUntil(lambda: getattr(controller.actions, "history_dialog", None) is not None
                    and controller.actions.history_dialog.isVisible(), timeout=10_000)
    words = " ".join(label.text() for label in controller.actions.history_dialog.findChildren(type(window.error)))
    assert "applied by kiosk-ui" in words and "released by kiosk-ui" in words


def test_a_blind_count_stays_blind_while_counting(shop: EmbeddedShop, aio: Any, qtbot: Any, tmp_path: Path) -> None:
    from inventra_desktop.ui.controller import MainController
    from inventra_desktop.ui.main_window import MainWindow

    session = shop_session(shop, tmp_path, "back-office")
    run(aio, qtbot, counting_session(session, "BLIND", "vendor:'Northbound Gear'", blind=True))
    window = MainWindow()
    qtbot.addWidget(window)
    controller = MainController(window, session)
    window.show()
    run(aio, qtbot, controller.start())
    assert window.grid.isColumnHidden(4)  # Baseline
    window.finalize.click()
    dialog = controller.close_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert not any(t.startswith(("Variances", "Moved")) for t in tabs), tabs
    assert "Blind count" in dialog.heading.text()
    assert not dialog.export_buttons["csv"].isEnabled() and not dialog.export_buttons["xlsx"].isEnabled()
    try:
        run(aio, qtbot, dialog.export_to("csv", tmp_path / "blind.csv"))
    except Exception as exc:  # noqa: BLE001 (the service refuses too, with its sentence)
        assert "blind count" in str(exc)
    else:
        raise AssertionError("a blind count's report was written while counting")
    assert not (tmp_path / "blind.csv").exists()
    run(aio, qtbot, controller.desk.close())
    run(aio, qtbot, session.aclose())


def test_in_kiosk_mode_one_tap_on_a_row_opens_the_counter(ready: Any, qtbot: Any) -> None:
    window, controller = ready
    window.kiosk = controller.kiosk = True
    cell = window.model.index(2, 0)
    qtbot.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=window.grid.visualRect(cell).center())
    qtbot.waitUntil(lambda: controller.counter is not None and controller.counter.isVisible())
    assert controller.counter_variant == window.model.variant_at(2)

"""Rows the count cannot trust: a hand-edited metafield (explained, reset in one click) and a
barcode two variants share (a loud warning, nothing counted)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

from inventra_desktop.simulator.embedded import EmbeddedShop
from inventra_desktop.stocktake import codec
from inventra_desktop.stocktake.models import OpKind

from helpers import run, stored_qty


def variant_of(shop: EmbeddedShop, sku: str) -> Any:
    return next(v for v in shop.state.variants.values() if v.sku == sku)


def test_a_hand_edited_row_is_explained_and_reset_in_one_click(ready: Any, qtbot: Any, shop: EmbeddedShop) -> None:
    window, controller = ready
    gid = f"gid://shopify/ProductVariant/{variant_of(shop, 'NB-TNT2-SND').id}"
    with shop.state.lock:
        shop.state.metafield(gid, "inventra", "counts").value = '{"session": "UI", "areas": "lots"}'
    run(None, qtbot, controller.reload("UI"))
    row = window.model.row_for_variant(gid)
    assert window.model.index(row, window.model.columnCount() - 1).data() == "Problem"
    window.open_counter_requested.emit(gid)  # a tap on the row
    qtbot.waitUntil(lambda: getattr(controller.counting, "reset_box", None) is not None
                    and controller.counting.reset_box.isVisible())
    assert controller.counter is None or not controller.counter.isVisible()  # no counting on top of nonsense
    assert "cannot be read" in controller.counting.reset_box.text()
    controller.counting.reset_box.button(QMessageBox.StandardButton.Reset).click()
    qtbot.waitUntil(lambda: "was reset" in window.statusBar().currentMessage(), timeout=15_000)
    counts = codec.decode_counts(shop.state.metafield(gid, "inventra", "counts").value)
    assert counts.session == "UI" and all(a.qty == 0 for a in counts.areas.values())
    row = window.model.row_for_variant(gid)
    assert window.model.index(row, window.model.columnCount() - 1).data() == "Not started"
    controller.tap(gid, OpKind.ADD, "showroom", 2)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0 and stored_qty(shop, "NB-TNT2-SND", "showroom") == 2,
                    timeout=15_000)


def test_a_barcode_two_variants_share_warns_with_both_and_counts_nothing(ready: Any, qtbot: Any,
                                                                         shop: EmbeddedShop) -> None:
    window, controller = ready
    with shop.state.lock:
        variant_of(shop, "NB-TNT2-SND").barcode = variant_of(shop, "NB-TNT2-GRN").barcode
    run(None, qtbot, controller.reload("UI"))
    shared = variant_of(shop, "NB-TNT2-GRN").barcode
    window.scan_submitted.emit(shared)
    qtbot.waitUntil(lambda: bool(window.scan_bar.not_counted))
    code, text = window.scan_bar.not_counted[0]
    assert code == shared and "Nothing was counted" in text and "Sand" in text and "Forest Green" in text, text
    assert window.scan_bar.banner.isVisible() and QApplication.activeModalWidget() is None
    assert controller.desk.status.waiting == 0  # nothing was recorded: nothing to deliver
    assert stored_qty(shop, "NB-TNT2-SND", "showroom") == 0 and stored_qty(shop, "NB-TNT2-GRN", "showroom") == 0

"""The desktop app against the simulator, offscreen: connect, grid, scan, counter, finalize, kiosk PIN."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWizard

from helpers import run, shop_session, stored_qty

from inventra_desktop.simulator.embedded import EmbeddedShop
from inventra_desktop.stocktake import codec
from inventra_desktop.ui.connect_dialog import ConnectDialog


def test_the_grid_lists_the_session_and_filters(ready: Any, qtbot: Any) -> None:
    window, controller = ready
    total = window.model.rowCount()
    assert total == len(controller.desk.records) > 20
    window.filter_text.setText("NB-TNT2")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    window.filter_text.clear()
    window.grid.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    skus = [window.model.index(r, 2).data() for r in range(window.model.rowCount())]
    assert skus == sorted(skus, key=lambda s: s or "", reverse=True)


def test_a_scanner_never_loses_a_code(ready: Any, qtbot: Any, shop: EmbeddedShop) -> None:
    """Codes that count nothing warn in a banner, never a modal box: the scanner's next Enter
    still lands in the scan box, and every code is either counted or listed as not counted."""
    window, controller = ready
    barcode = next(v.barcode for v in controller.desk.records.values() if v.sku == "NB-TNT2-GRN")
    for code in ("0000000000000", barcode, "NOPE-123", barcode, barcode):
        qtbot.keyClicks(window.grid, code)  # a wedge scanner types anywhere in the window…
        qtbot.keyClick(window.scan, Qt.Key.Key_Return)  # …and ends with Enter, one code after the other
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0 and stored_qty(shop, "NB-TNT2-GRN", "showroom") == 3,
                    timeout=15_000)
    assert QApplication.activeModalWidget() is None
    assert [code for code, _ in window.scan_bar.not_counted] == ["0000000000000", "NOPE-123"]
    assert window.scan_bar.banner.isVisible()
    text = window.scan_bar.banner_text.text()
    assert "2 scans not counted" in text and "0000000000000" in text and "NOPE-123" in text
    assert "Nothing was counted" in text
    window.scan_bar.dismiss.click()
    assert not window.scan_bar.banner.isVisible() and window.scan_bar.not_counted == []


def test_scans_land_in_the_area_the_screen_shows(ready: Any, qtbot: Any, shop: EmbeddedShop) -> None:
    """One current area per device: picked in the counter, scanned as a code or chosen beside the
    scan box, it is the area every screen shows and every scan counts into."""
    window, controller = ready
    variant = next(v for v in controller.desk.records.values() if v.sku == "NB-TNT2-GRN")
    controller.open_counter(variant.id)
    counter = controller.counter
    qtbot.waitUntil(counter.isVisible)
    qtbot.mouseClick(counter.findChild(QAbstractButton, "area_warehouse"), Qt.MouseButton.LeftButton)
    assert window.scan_area.currentData() == "warehouse" and controller.area == "warehouse"
    counter.close()
    window.scan_submitted.emit(variant.barcode)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0 and stored_qty(shop, "NB-TNT2-GRN", "warehouse") == 1,
                    timeout=15_000)
    assert stored_qty(shop, "NB-TNT2-GRN", "showroom") == 0
    window.scan_submitted.emit("AREA:garage")  # at once: the next scan already counts there
    assert controller.area == "garage" and window.scan_area.currentData() == "garage"
    window.scan_area.setCurrentIndex(window.scan_area.findData("showroom"))
    assert controller.area == "showroom"
    controller.open_counter(variant.id)
    qtbot.waitUntil(counter.isVisible)
    assert counter.current_area == "showroom"


def test_counter_taps_reach_the_shop(ready: Any, qtbot: Any, shop: EmbeddedShop) -> None:
    window, controller = ready
    variant = next(v.id for v in controller.desk.records.values() if v.sku == "NB-TNT2-SND")
    controller.open_counter(variant)
    counter = controller.counter
    qtbot.waitUntil(counter.isVisible)
    counter.set_current_area("warehouse")
    for _ in range(4):
        counter.add_requested.emit("warehouse", 1)
    counter.set_requested.emit("showroom", 6)
    counter.done_requested.emit()
    qtbot.waitUntil(lambda: controller.desk.view(variant).counts.areas["warehouse"].qty == 4)
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0, timeout=15_000)
    assert stored_qty(shop, "NB-TNT2-SND", "warehouse") == 4 and stored_qty(shop, "NB-TNT2-SND", "showroom") == 6
    status = shop.state.metafield(variant, "inventra", "status").value
    assert status == "done"


def test_a_refused_tap_is_said_in_the_counter(ready: Any, qtbot: Any) -> None:
    window, controller = ready
    variant = next(v.id for v in controller.desk.records.values() if v.sku == "NB-TNT2-SND")
    controller.open_counter(variant)
    counter = controller.counter
    qtbot.waitUntil(counter.isVisible)
    counter.set_requested.emit("showroom", 1_000_000)
    counter.add_requested.emit("showroom", 10)  # at once, above the limit: checked after the Set, not beside it
    qtbot.waitUntil(lambda: counter._message.isVisible() and "1,000,000" in counter._message.text(), timeout=5_000)
    assert controller.desk.view(variant).counts.areas["showroom"].qty == 1_000_000


def test_the_finalize_gate_is_explained(ready: Any, qtbot: Any) -> None:
    window, controller = ready
    from inventra_desktop.ui.finalize_dialog import FinalizeDialog
    dialog = FinalizeDialog(window, controller.shop, controller.desk)
    qtbot.addWidget(dialog)
    gate = dialog.finalize_tab
    assert gate.not_done and "are not done yet" in gate.gate.text()
    gate.go.click()
    assert "Choose what happens" in gate.message.text() and dialog.confirm is None


def test_kiosk_pin_is_set_twice_by_the_manager_then_checked_on_a_keypad(ready: Any, qtbot: Any) -> None:
    window, controller = ready
    controller.kiosk = True
    done: list[str] = []
    controller.actions.guarded("finalize", lambda: done.append("finalize"))
    pin = controller.actions.pin_dialog
    qtbot.waitUntil(pin.isVisible)
    assert pin.setting and "store manager" in pin.note.text() and "Forget" in pin.note.text()
    assert all(b.height() >= 48 for b in pin.keypad.digit_buttons.values())  # a finger's size
    keys = {d: b.mapToGlobal(b.rect().center()) for d, b in pin.keypad.digit_buttons.items()}
    pin.type_pin("4711")
    assert "same PIN again" in pin.prompt.text()
    qtbot.wait(50)
    # The keypad did not move: a finger tapping the same places types the same PIN the second time.
    assert {d: b.mapToGlobal(b.rect().center()) for d, b in pin.keypad.digit_buttons.items()} == keys
    pin.type_pin("4712")
    assert "differ" in pin.prompt.text() and "store manager" in pin.note.text() and not done
    pin.type_pin("4711")
    pin.type_pin("4711")
    assert done == ["finalize"]
    stored = str(QSettings().value("kiosk/manager_pin_hash"))
    assert stored.startswith("scrypt$") and "4711" not in stored
    controller.actions.guarded("release", lambda: done.append("release"))
    check = controller.actions.pin_dialog
    assert not check.setting and "release" in check.prompt.text()
    check.type_pin("1234")
    assert "not right" in check.note.text() and done == ["finalize"]
    check.type_pin("4711")
    assert done == ["finalize", "release"]


def test_connect_dialog_success_bad_token_missing_scope_and_no_keyring(shop: EmbeddedShop, aio: Any, qtbot: Any,
                                                                       memory_keyring: Any) -> None:
    dialog = ConnectDialog(shop=shop.url)
    qtbot.addWidget(dialog)
    dialog.token.setText("shpat_wrong")
    with pytest.raises(Exception):
        run(aio, qtbot, dialog.try_connect())
    dialog.token.setText(shop.token)
    connection = run(aio, qtbot, dialog.try_connect())
    assert connection.shop_name == "Inventra Demo Store"
    assert memory_keyring.store[("inventra-desktop", connection.client.address.name + ":token")] == shop.token

    shop.api.add_token("shpat_narrow", frozenset({"read_products"}))
    narrow = ConnectDialog(shop=shop.url)
    qtbot.addWidget(narrow)
    narrow.token.setText("shpat_narrow")
    narrow._on_connect_clicked()
    qtbot.waitUntil(lambda: "missing permissions" in narrow.message.text(), timeout=10_000)
    assert "write_inventory" in narrow.message.text() and "Traceback" not in narrow.message.text()



def test_a_missing_keyring_is_explained_before_going_on_and_on_the_next_start(shop: EmbeddedShop, aio: Any,
                                                                               qtbot: Any) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        offline = ConnectDialog(shop=shop.url)
        qtbot.addWidget(offline)
        offline.show()
        connected: list[Any] = []
        offline.connected.connect(connected.append)
        offline.token.setText(shop.token)
        result = run(aio, qtbot, offline.try_connect())
        note = " ".join(result.notes)
        assert "keyring" in note and "this session only" in note and not result.secret_kept
        # The dialog stays until the user read why: connected, not remembered, and what to do.
        assert offline.isVisible() and not connected
        assert "not remembered" in offline.message.text() and "GNOME Keyring" in offline.message.text()
        offline.continue_button.click()
        assert connected == [result] and not offline.isVisible()
        again = ConnectDialog(shop=shop.url)  # the next start: the field is empty, and it says why
        qtbot.addWidget(again)
        again.explain_forgotten_secret()
        assert again.token.text() == "" and "no keyring" in again.message.text()
        run(aio, qtbot, result.aclose())
    finally:
        keyring.set_keyring(previous)


def test_shop_field_validates_as_you_type(qtbot: Any) -> None:
    dialog = ConnectDialog()
    qtbot.addWidget(dialog)
    dialog.shop.setText("not a shop")
    assert not dialog.connect_button.isEnabled() and "myshopify" in dialog.shop_hint.text()
    dialog.shop.setText("my-shop")
    assert dialog.connect_button.isEnabled() and "https://my-shop.myshopify.com" in dialog.shop_hint.text()


def test_the_connect_dialog_has_a_way_out_without_a_title_bar(qtbot: Any) -> None:
    from inventra_desktop.ui.connect_dialog import ConnectDialog
    dialog = ConnectDialog(shop="my-shop")
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.cancel.isVisible() and dialog.cancel.minimumHeight() >= 44
    dialog.cancel.click()
    assert not dialog.isVisible() and dialog.result() == 0


def test_saving_the_areas_clears_the_review_the_mapping_notice(ready: Any, qtbot: Any) -> None:
    window, controller = ready
    window.statusBar().showMessage("This shop has 3 locations; every area was mapped to Shop floor. Review the mapping")
    controller.actions.edit_areas(first_run=True)
    editor = controller.actions.areas_editor
    qtbot.waitUntil(editor.save.isEnabled, timeout=10_000)
    editor.save.click()  # reviewed as they are
    qtbot.waitUntil(lambda: editor.result() == 1, timeout=10_000)
    assert window.statusBar().currentMessage() == ""


def test_areas_editor_maps_adds_and_warns_about_unmapped_areas(ready: Any, qtbot: Any, shop: EmbeddedShop) -> None:
    window, controller = ready
    from inventra_desktop.ui.areas_editor import AreasEditor
    editor = AreasEditor(window, controller.shop)
    qtbot.addWidget(editor)
    qtbot.waitUntil(editor.save.isEnabled, timeout=10_000)
    assert editor.table.rowCount() == 3
    editor.add.click()
    row = editor.table.rowCount() - 1
    label = editor.table.cellWidget(row, 0)
    label.setText("Delivery van")
    label.textEdited.emit("Delivery van")
    assert editor.table.cellWidget(row, 1).text() == "delivery-van"
    editor.table.cellWidget(row, 2).setChecked(False)
    assert "Delivery van" in editor.warning.text()  # no location yet: said plainly
    editor.table.cellWidget(row, 3).setCurrentIndex(1)
    editor.save.click()
    qtbot.waitUntil(lambda: editor.result() == 1, timeout=10_000)
    stored = codec.decode_areas(shop.state.metafield(shop.state.shop_gid(), "inventra", "areas").value)
    van = next(a for a in stored if a.key == "delivery-van")
    assert not van.standard and van.location_id


def test_leaving_kiosk_mode_needs_the_pin_and_brings_back_the_desktop(ready: Any, qtbot: Any) -> None:
    from inventra_desktop.ui.pin_dialog import ManagerPin
    window, controller = ready
    controller.kiosk = window.kiosk = True
    window.size_columns()
    ManagerPin().set("2468")
    window.leave_kiosk_requested.emit()
    controller.actions.pin_dialog.type_pin("1111")
    assert controller.kiosk
    controller.actions.pin_dialog.type_pin("2468")
    assert not controller.kiosk and window.menuBar().isVisible()
    assert not window.grid.isColumnHidden(3)  # the desktop's columns: the barcode shows again


def test_the_wizard_creates_tags_and_snapshots_a_session(shop: EmbeddedShop, aio: Any, qtbot: Any,
                                                         tmp_path: Path) -> None:
    from inventra_desktop.services import setup
    from inventra_desktop.ui.wizard import SessionWizard
    session = shop_session(shop, tmp_path, "back-office")
    run(aio, qtbot, setup.install(session))
    run(aio, qtbot, setup.create_session(session, "OTHER", product_ids=[
        f"gid://shopify/Product/{next(p.id for p in shop.state.products.values() if p.product_type == 'Tents')}"]))
    wizard = SessionWizard(None, session)  # type: ignore[arg-type]
    qtbot.addWidget(wizard)
    ready: list[str] = []
    wizard.session_ready.connect(ready.append)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.records is not None, timeout=10_000)
    wizard.name_page.name.setText("bad name")
    assert not wizard.name_page.isComplete()
    wizard.name_page.name.setText("Wiz-1")
    wizard.next()
    wizard.products_page.query.setText("product_type:Tents")
    run(aio, qtbot, wizard.products_page.search())
    assert "already in session OTHER" in wizard.products_page.list.item(0).text() or any(
        "already in session OTHER" in wizard.products_page.list.item(i).text()
        for i in range(wizard.products_page.list.count()))
    page = wizard.products_page
    taken = [page.list.item(i) for i in range(page.list.count()) if "already in session OTHER" in page.list.item(i).text()]
    assert taken and not taken[0].flags() & Qt.ItemFlag.ItemIsEnabled  # shown, never pickable
    assert "in another open session and cannot be picked" in page.count.text()
    for i in range(page.list.count()):  # untick everything pickable: Next is off, and it says why
        if page.list.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable:
            page.list.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert not page.isComplete() and "Tick at least one product" in page.count.text()
    page.query.setText("vendor:'Lumen & Co.'")
    run(aio, qtbot, page.search())
    assert page.isComplete(), page.count.text()
    skipped = page.list.item(0).text()
    page.list.item(0).setCheckState(Qt.CheckState.Unchecked)  # a chosen subset: all but the first
    assert f"{page.list.count() - 1} of {page.list.count()} products will be tagged" in page.count.text()
    for _ in range(3):  # areas, pre-flight, options
        wizard.next()
    qtbot.waitUntil(lambda: "findings" in wizard.preflight_page.status.text() or wizard.currentPage()
                    is not wizard.preflight_page, timeout=15_000)
    wizard.options_page.blind.setChecked(True)
    wizard.next()  # confirm
    assert "Wiz-1" in wizard.confirm_page.summary.text()
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isVisible() and commit.text() == "Tag the products and snapshot"  # the irreversible step, named
    commit.click()  # run: tag and snapshot
    qtbot.waitUntil(lambda: ready == ["Wiz-1"], timeout=30_000)
    tagged = [p for p in shop.state.products.values() if "Inventra-session-Wiz-1" in p.tags]
    assert tagged and all(p.vendor == "Lumen & Co." for p in tagged)
    assert all(p.title not in skipped for p in tagged)
    variant = shop.state.variants[tagged[0].variant_ids[0]]
    assert shop.state.metafield(f"gid://shopify/ProductVariant/{variant.id}", "inventra", "status").value == "pending"
    record = codec.decode_sessions(shop.state.metafield(shop.state.shop_gid(), "inventra", "sessions").value)
    assert next(r for r in record if r.name == "Wiz-1").blind
    run(aio, qtbot, session.aclose())


def test_a_passing_mouse_wheel_does_not_switch_the_area_scans_count_into(ready: Any, qtbot: Any) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    window, controller = ready
    before = window.scan_area.currentIndex()
    window.grid.setFocus()

    def wheel() -> None:
        centre = QPointF(window.scan_area.rect().center())
        event = QWheelEvent(centre, window.scan_area.mapToGlobal(centre), QPoint(0, 0), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(window.scan_area, event)
    wheel()
    assert window.scan_area.currentIndex() == before  # not focused: the wheel was not for it
    window.scan_area.setFocus()
    qtbot.waitUntil(window.scan_area.hasFocus)
    wheel()
    assert window.scan_area.currentIndex() != before  # focused on purpose: the wheel works as usual


def test_scanning_another_item_while_the_counter_is_open_says_so_in_the_counter(ready: Any, qtbot: Any,
                                                                                shop: EmbeddedShop) -> None:
    window, controller = ready
    records = controller.desk.records.values()
    shown = next(v for v in records if v.sku == "NB-TNT2-GRN")
    other = next(v for v in records if v.sku == "NB-TNT2-SND")
    controller.open_counter(shown.id)
    counter = controller.counter
    qtbot.waitUntil(counter.isVisible)
    qtbot.keyClicks(counter, other.barcode)  # the scanner types into the counter…
    qtbot.keyClick(counter, Qt.Key.Key_Return)  # …and ends with Enter: a code, not a quantity
    qtbot.waitUntil(lambda: "another item" in counter._message.text(), timeout=10_000)
    assert other.display_name in counter._message.text() and counter._message.isVisible()
    assert controller.counter_variant == shown.id  # the counter stays on its item
    qtbot.waitUntil(lambda: controller.desk.status.waiting == 0 and stored_qty(shop, "NB-TNT2-SND", "showroom") == 1,
                    timeout=15_000)
    qtbot.keyClicks(counter, "NOPE-42")
    qtbot.keyClick(counter, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "NOPE-42 not counted" in counter._message.text(), timeout=10_000)
    assert window.scan_bar.not_counted[-1][0] == "NOPE-42"  # listed in the main window's banner too


def test_the_pin_keypad_waits_after_too_many_wrong_pins(ready: Any, qtbot: Any) -> None:
    from inventra_desktop.ui.pin_dialog import ManagerPin
    window, controller = ready
    controller.kiosk = True
    ManagerPin().set("2468")
    done: list[str] = []
    controller.actions.guarded("release", lambda: done.append("release"))
    pin = controller.actions.pin_dialog
    for _ in range(4):  # three typos are free; the fourth wrong PIN starts a wait
        pin.type_pin("1111")
    assert "Too many wrong PINs" in pin.note.text()
    pin.type_pin("2468")  # even the right PIN waits its turn: guessing takes months, not minutes
    assert not done and "Too many wrong PINs" in pin.note.text()

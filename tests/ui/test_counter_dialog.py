"""The counter dialog: every tap becomes the right intent for the current area, sizes fit a finger."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QApplication

from inventra_desktop.ui import theme as theme_module
from inventra_desktop.ui.counter_dialog import CounterDialog, CounterView
from inventra_desktop.ui.theme import STATUSES, Theme, apply_palette, contrast_ratio


def make_view(**changes: object) -> CounterView:
    view = CounterView(
        variant_id="gid://shopify/ProductVariant/1",
        title="Organic Cotton T-Shirt",
        variant_title="Green / M",
        sku="TS-GRN-M",
        barcode="4006381333931",
        areas=[("floor", "Shop floor"), ("stockroom", "Stockroom"), ("garage", "Garage & yard")],
        qty={"floor": 4, "stockroom": 12, "garage": 0},
        counted={"floor": True},
        status="in_progress",
        baseline=18,
        position="3 of 120",
        saved_state="saved",
    )
    return replace(view, **changes)  # type: ignore[arg-type]


@pytest.fixture
def dialog(qtbot):  # type: ignore[no-untyped-def]
    d = CounterDialog(theme=Theme(kiosk=False))
    qtbot.addWidget(d)
    d.show_view(make_view())
    d.resize(1024, 720)
    d.show()
    qtbot.waitExposed(d)
    return d


def recorder(signal):  # type: ignore[no-untyped-def]
    calls: list[tuple] = []
    signal.connect(lambda *args: calls.append(args))
    return calls


def area_button(d: CounterDialog, key: str) -> QAbstractButton:
    button = d.findChild(QAbstractButton, f"area_{key}")
    assert button is not None
    return button


# -- intents ---------------------------------------------------------------------------------
def test_count_buttons_emit_add_with_the_current_area(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    adds = recorder(dialog.add_requested)
    assert dialog.current_area == "floor"  # the first area until the user picks one
    for button in (dialog.plus_one_button, dialog.minus_one_button, dialog.plus_five_button,
                   dialog.plus_ten_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert adds == [("floor", 1), ("floor", -1), ("floor", 5), ("floor", 10)]


def test_counted_done_and_navigation_buttons(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    counted = recorder(dialog.counted_requested)
    done = recorder(dialog.done_requested)
    reopen = recorder(dialog.reopen_requested)
    steps = recorder(dialog.navigate_requested)

    assert dialog.counted_button.isChecked()  # floor is counted in the view
    qtbot.mouseClick(dialog.counted_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(area_button(dialog, "garage"), Qt.MouseButton.LeftButton)
    assert not dialog.counted_button.isChecked()
    qtbot.mouseClick(dialog.counted_button, Qt.MouseButton.LeftButton)  # counted at 0 is a count
    assert counted == [("floor", False), ("garage", True)]

    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert done == [()] and reopen == [] and steps == [(-1,), (1,)]


def test_switching_area_emits_area_changed_and_later_taps_use_it(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    changes = recorder(dialog.area_changed)
    adds = recorder(dialog.add_requested)
    sets = recorder(dialog.set_requested)

    qtbot.mouseClick(area_button(dialog, "stockroom"), Qt.MouseButton.LeftButton)
    assert changes == [("stockroom",)]
    assert area_button(dialog, "stockroom").isChecked()
    assert not area_button(dialog, "floor").isChecked()
    assert dialog._qty.text() == "12"

    qtbot.mouseClick(area_button(dialog, "stockroom"), Qt.MouseButton.LeftButton)  # same area: no news
    assert changes == [("stockroom",)]

    qtbot.mouseClick(dialog.plus_one_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.digit_buttons[7], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
    assert adds == [("stockroom", 1)]
    assert sets == [("stockroom", 7)]

    # The controller's next view keeps the user's area.
    dialog.show_view(make_view(qty={"floor": 4, "stockroom": 13, "garage": 0}))
    assert dialog.current_area == "stockroom" and dialog._qty.text() == "13"


def test_set_current_area_from_the_controller_emits_nothing(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    changes = recorder(dialog.area_changed)
    dialog.set_current_area("garage")
    dialog.set_current_area("no-such-area")
    assert dialog.current_area == "garage" and changes == []
    assert area_button(dialog, "garage").isChecked()


def test_keypad_set_emits_the_typed_number(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    sets = recorder(dialog.set_requested)
    assert not dialog.set_button.isEnabled()  # nothing typed yet
    for digit in (1, 0, 4):
        qtbot.mouseClick(dialog.digit_buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.backspace_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.digit_buttons[7], Qt.MouseButton.LeftButton)
    assert dialog.typed_text == "107"
    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
    assert sets == [("floor", 107)]
    assert dialog.typed_text == ""

    for digit in (0, 0):  # zero is a count too
        qtbot.mouseClick(dialog.digit_buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.set_button, Qt.MouseButton.LeftButton)
    assert sets == [("floor", 107), ("floor", 0)]


def test_keypad_caps_the_number_of_digits(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    for _ in range(6):
        qtbot.mouseClick(dialog.digit_buttons[9], Qt.MouseButton.LeftButton)
    assert not dialog._message.isVisibleTo(dialog)
    for _ in range(3):
        qtbot.mouseClick(dialog.digit_buttons[9], Qt.MouseButton.LeftButton)
    assert dialog.typed_text == "999999"
    assert dialog._message.isVisibleTo(dialog) and "at most 6 digits" in dialog._message.text()  # said, not silent


def test_minus_one_is_disabled_at_zero(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    adds = recorder(dialog.add_requested)
    assert dialog.minus_one_button.isEnabled()
    qtbot.mouseClick(area_button(dialog, "garage"), Qt.MouseButton.LeftButton)
    assert not dialog.minus_one_button.isEnabled()
    qtbot.mouseClick(dialog.minus_one_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, "-")
    assert adds == []
    dialog.show_view(make_view(qty={"floor": 0, "stockroom": 0, "garage": 1}))
    assert dialog.minus_one_button.isEnabled()


def test_done_and_reopen_flip_with_status(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    done = recorder(dialog.done_requested)
    reopen = recorder(dialog.reopen_requested)
    assert dialog.done_button.text().endswith("Mark done")
    dialog.show_view(make_view(status="done"))
    assert dialog.done_button.text() == "Reopen"
    assert dialog.done_button.accessibleName() == "Reopen"
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert reopen == [()] and done == []
    dialog.show_view(make_view(status="in_progress"))
    assert dialog.done_button.text().endswith("Mark done")
    qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert done == [()]


# -- keyboard --------------------------------------------------------------------------------
def test_keyboard_shortcuts(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    adds = recorder(dialog.add_requested)
    sets = recorder(dialog.set_requested)
    steps = recorder(dialog.navigate_requested)

    qtbot.keyClick(dialog, "+")
    qtbot.keyClick(dialog, "-")
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.KeypadModifier)
    assert adds == [("floor", 1), ("floor", -1), ("floor", 1)]

    qtbot.keyClicks(dialog, "42")
    assert dialog.typed_text == "42"
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog, "5")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog, "3")
    qtbot.keyClick(dialog, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert sets == [("floor", 45), ("floor", 3)]
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # nothing typed: nothing happens
    assert len(sets) == 2

    qtbot.keyClick(dialog, Qt.Key.Key_PageDown)
    qtbot.keyClick(dialog, Qt.Key.Key_PageUp)
    assert steps == [(1,), (-1,)]


def test_keys_reach_the_dialog_through_a_focused_button(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """Enter means Set even when a button has focus: no button is auto-default."""
    adds = recorder(dialog.add_requested)
    sets = recorder(dialog.set_requested)
    dialog.plus_ten_button.setFocus()
    qtbot.keyClicks(dialog.plus_ten_button, "8")
    qtbot.keyClick(dialog.plus_ten_button, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.plus_ten_button, "+")
    assert sets == [("floor", 8)]
    assert adds == [("floor", 1)]
    qtbot.keyClick(dialog.plus_ten_button, Qt.Key.Key_Space)  # Space presses the focused button
    assert adds == [("floor", 1), ("floor", 10)]


def test_a_scanned_code_is_not_taken_for_a_quantity(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    sets = recorder(dialog.set_requested)
    adds = recorder(dialog.add_requested)
    scans = recorder(dialog.scan_requested)
    qtbot.keyClicks(dialog, "4006381333931")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog, "TS-GRN-M")  # the "-" inside a code is a character, not −1
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert scans == [("4006381333931",), ("TS-GRN-M",)]
    assert sets == [] and adds == []


def test_escape_closes(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_rapid_taps_each_emit(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    adds = recorder(dialog.add_requested)
    for _ in range(50):
        qtbot.mouseClick(dialog.plus_one_button, Qt.MouseButton.LeftButton)
    assert adds == [("floor", 1)] * 50


def test_rapid_taps_survive_a_view_after_each(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """The controller redraws after every tap; no tap may get lost in between."""
    adds = recorder(dialog.add_requested)
    view = make_view()

    def on_add(area: str, delta: int) -> None:
        nonlocal view
        view = replace(view, qty={**view.qty, area: view.qty[area] + delta}, saved_state="waiting")
        dialog.show_view(view)

    dialog.add_requested.connect(on_add)
    for _ in range(50):
        qtbot.mouseClick(dialog.plus_one_button, Qt.MouseButton.LeftButton)
    assert len(adds) == 50 and dialog._qty.text() == "54"


# -- showing ---------------------------------------------------------------------------------
def test_view_fields_are_shown(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    assert dialog._title.text() == "Organic Cotton T-Shirt"
    assert "TS-GRN-M" in dialog._codes.text() and "4006381333931" in dialog._codes.text()
    assert dialog._baseline.isVisible() and dialog._baseline.text() == "Expected in all areas together: 18"
    assert dialog._position.text() == "3 of 120"
    assert dialog._saved_word.text() == "Saved"
    assert not dialog._message.isVisible()
    assert "&&" in area_button(dialog, "garage").text()  # "&" shown, not a mnemonic

    pixmap = QPixmap(300, 200)
    pixmap.fill(Qt.GlobalColor.red)
    dialog.show_view(make_view(baseline=None, saved_state="offline", message="Rejected: not tracked",
                               image=pixmap, status="problem"))
    assert not dialog._baseline.isVisible()  # blind count
    assert dialog._message.isVisible() and "Rejected: not tracked" in dialog._message.text()
    assert dialog._saved_word.text().startswith("Offline")
    assert dialog._status_badge.text() == "Problem"
    assert dialog._image.pixmap().width() <= dialog.theme.image_size * dialog.devicePixelRatioF()


def test_a_new_variant_clears_the_keypad_and_new_areas_rebuild(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog, "12")
    dialog.show_view(make_view(qty={"floor": 5, "stockroom": 12, "garage": 0}))
    assert dialog.typed_text == "12"  # same variant: keep typing
    dialog.show_view(make_view(variant_id="gid://shopify/ProductVariant/2",
                               areas=[("van", "Van")], qty={"van": 2}, counted={}))
    assert dialog.typed_text == ""
    assert dialog.current_area == "van"
    buttons = dialog._area_group.buttons()
    assert len(buttons) == 1 and buttons[0].isChecked()


def test_no_areas_disables_counting(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.show_view(make_view(areas=[], qty={}, counted={}))
    assert dialog.current_area is None
    assert not dialog.plus_one_button.isEnabled() and not dialog.minus_one_button.isEnabled()
    assert dialog.next_button.isEnabled()


# -- sizes and accessibility -----------------------------------------------------------------
@pytest.mark.parametrize("kiosk, target", [(False, 48), (True, 64)])
def test_every_button_is_a_touch_target(qtbot, kiosk: bool, target: int) -> None:  # type: ignore[no-untyped-def]
    theme = Theme(kiosk=kiosk)
    assert theme.touch_target == target
    d = CounterDialog(theme=theme)
    qtbot.addWidget(d)
    d.show_view(make_view())
    d.show()
    qtbot.waitExposed(d)
    buttons = d.findChildren(QAbstractButton)
    assert len(buttons) >= 3 + 4 + 1 + 12 + 3
    for button in buttons:
        hint = button.minimumSizeHint()
        name = button.objectName()
        assert hint.width() >= target and hint.height() >= target, name
        assert button.width() >= target and button.height() >= target, name
    for button in (d.plus_one_button, d.minus_one_button, d.plus_five_button, d.plus_ten_button):
        assert button.height() >= theme.big_button
    assert d.plus_one_button.width() > d.plus_five_button.width()  # +1 is the largest


def test_kiosk_type_is_larger() -> None:
    assert Theme(kiosk=True).font_pt("body") > Theme(kiosk=False).font_pt("body")
    assert Theme(kiosk=True).big_button > Theme(kiosk=False).big_button


def test_every_control_has_an_accessible_name(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    for button in dialog.findChildren(QAbstractButton):
        assert button.accessibleName().strip(), button.objectName()
    names = {b.accessibleName() for b in dialog.findChildren(QAbstractButton)}
    assert {"Plus one", "Minus one", "Plus five", "Plus ten", "Digit 0", "Previous variant",
            "Next variant", "Mark done", "Counted in Shop floor", "Area Stockroom"} <= names
    assert dialog._keypad_display.accessibleName()
    assert dialog._qty.accessibleName() == "Quantity in Shop floor: 4"


def test_focus_order_runs_areas_counting_keypad_navigation(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    """The areas are one tab stop (arrow keys move between them), then counting, keypad, navigation."""
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    area_button(dialog, "floor").setFocus()
    expected = ["counted", "minusOne", "plusOne", "plusFive", "plusTen", "keypad7"]
    seen = []
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().objectName())
    assert seen == expected
    chain = [dialog.set_button.nextInFocusChain(), dialog.previous_button.nextInFocusChain(),
             dialog.done_button.nextInFocusChain()]
    assert chain == [dialog.previous_button, dialog.done_button, dialog.next_button]


def test_arrow_keys_move_between_areas(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    changes = recorder(dialog.area_changed)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    area_button(dialog, "floor").setFocus()
    qtbot.keyClick(area_button(dialog, "floor"), Qt.Key.Key_Right)
    assert changes == [("stockroom",)] and dialog.current_area == "stockroom"


# -- theme -----------------------------------------------------------------------------------
@pytest.mark.parametrize("dark", [False, True])
def test_status_colours_meet_aa_contrast(dark: bool) -> None:
    theme = Theme(dark=dark)
    surface = theme.surface
    for status in (*STATUSES, "warning"):
        colours = theme.status_colors(status)
        assert contrast_ratio(colours.fill, colours.text) >= 4.5, status
        assert contrast_ratio(colours.fill, surface.window) >= 4.5, status  # as text on the window
        assert contrast_ratio(colours.fill, surface.base) >= 3.0, status
    assert contrast_ratio(surface.text, surface.window) >= 7
    assert contrast_ratio(surface.text, surface.button) >= 7
    assert contrast_ratio(surface.muted_text, surface.base) >= 4.5
    assert contrast_ratio(surface.highlighted_text, surface.highlight) >= 4.5
    assert contrast_ratio(surface.border, surface.window) >= 3.0


def test_apply_palette_sets_fusion_and_follows_the_choice(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    previous_palette, previous_style = app.palette(), app.style().name()
    previous_theme = theme_module.current_theme()
    try:
        apply_palette(app, dark=True)
        assert app.style().name().lower() == "fusion"
        assert theme_module.current_theme().dark
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        d = CounterDialog()
        qtbot.addWidget(d)
        assert d.theme.dark  # the dialog picks the palette's side
        apply_palette(app, dark=False)
        assert not theme_module.current_theme().dark
        assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
        d.show_view(make_view())
        d.show()  # Qt sends palette events only once the app runs its loop; showing catches up
        qtbot.waitExposed(d)
        assert not d.theme.dark
    finally:
        app.setPalette(previous_palette)
        app.setStyle(previous_style)
        theme_module.set_theme(previous_theme)
        theme_module._follow_system = False

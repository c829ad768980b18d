"""The counter: the dialog a stockroom worker taps to count one variant, area by area.

Presentation only. Every tap becomes an intent signal; the controller applies it (journal,
engine) and calls `show_view` with the optimistic state at once, so the tap shows immediately.
The dialog keeps just two bits of its own state: the current area and the digits typed on
the keypad.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .counter_header import CounterHeader, set_state_property
from .counter_input import CounterInput
from .counter_look import counter_style_sheet
from .counter_view import MAX_QUANTITY_DIGITS, CounterView
from .keypad import Keypad
from .theme import Theme, current_theme, palette_is_dark
from .touch import TouchButton, touch_button


COMPACT_BELOW = 760  # screens lower than this (px available) get the compact counter
COMPACT_BELOW_KIOSK = 900
_AREA_COLUMNS = 5
__all__ = ["CounterDialog", "CounterView", "MAX_QUANTITY_DIGITS"]


def _escape_mnemonic(text: str) -> str:
    return text.replace("&", "&&")


class CounterDialog(CounterInput, QDialog):
    """Big-button counter for one variant.

    Signals:
        add_requested(str area, int delta): −1, +1, +5, +10 tapped (or +/− typed).
        set_requested(str area, int value): a number typed on the keypad, then Set or Enter.
        counted_requested(str area, bool counted): the Counted toggle for the area.
        done_requested(): Mark done.
        reopen_requested(): Reopen (the same button while the variant is done).
        navigate_requested(int step): −1 previous, +1 next variant (also PageUp / PageDown).
        area_changed(str area): the user picked another area; later taps use it.
        scan_requested(str code): keyboard input ended by Enter that cannot be a quantity
            (letters, or more than MAX_QUANTITY_DIGITS digits): a wedge scanner's code.
    """

    add_requested = Signal(str, int)
    set_requested = Signal(str, int)
    counted_requested = Signal(str, bool)
    done_requested = Signal()
    reopen_requested = Signal()
    navigate_requested = Signal(int)
    area_changed = Signal(str)
    scan_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, theme: Theme | None = None, screen: QRect | None = None,
                 kiosk: bool | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterDialog")
        base = theme or current_theme()
        if kiosk is not None:
            base = replace(base, kiosk=kiosk)
        if screen is not None and screen.height() < (COMPACT_BELOW_KIOSK if base.kiosk else COMPACT_BELOW):
            base = replace(base, compact=True)  # a low screen: the whole counter must still show
        self._base_theme = base
        self._theme = self._base_theme
        self._view: CounterView | None = None
        self._area_keys: list[str] = []
        self._area_labels: list[tuple[str, str]] = []
        self._current_area: str | None = None
        self._restyling = False

        self.setWindowTitle(self.tr("Count"))
        self.setAccessibleName(self.tr("Counter"))
        self.setSizeGripEnabled(not self._theme.kiosk)
        self._build()
        self._restyle()

    # -- public ------------------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return self._theme

    @property
    def current_area(self) -> str | None:
        return self._current_area

    @property
    def typed_text(self) -> str:
        """What the keypad display holds (digits, or a code being scanned)."""
        return self.keypad.typed

    def set_current_area(self, area: str) -> None:
        """Switches area for the controller (e.g. an area code was scanned); emits nothing."""
        if area in self._area_keys and area != self._current_area:
            self._current_area = area
            self._refresh()

    def show_view(self, view: CounterView) -> None:
        """Shows `view` at once; cheap enough to call after every tap."""
        if self._view is None or view.variant_id != self._view.variant_id:
            self.keypad.clear()
        self._view = view
        if view.areas != self._area_labels:
            self._rebuild_areas(view.areas)
        if self._current_area not in self._area_keys:
            self._current_area = self._area_keys[0] if self._area_keys else None
        self._refresh()

    # -- building ----------------------------------------------------------------------------
    def _build(self) -> None:
        t = self._theme
        root = QVBoxLayout(self)
        root.setContentsMargins(t.margin, t.margin, t.margin, t.margin)
        root.setSpacing(t.spacing)

        root.addWidget(self._build_header())

        self._areas_box = QWidget(self)
        self._areas_layout = QGridLayout(self._areas_box)
        self._areas_layout.setContentsMargins(0, 0, 0, 0)
        self._areas_layout.setSpacing(t.spacing // 2 + 2)
        self._area_group = QButtonGroup(self)
        self._area_group.setExclusive(True)
        self._area_group.idClicked.connect(self._on_area_group_id_clicked)
        root.addWidget(self._areas_box)

        middle = QHBoxLayout()
        middle.setSpacing(t.spacing)
        middle.addWidget(self._build_count_panel(), 3)
        middle.addWidget(self._build_keypad_panel(), 2)
        root.addLayout(middle, 1)

        root.addLayout(self._build_navigation())
        self._set_tab_order()

    def _build_header(self) -> QWidget:
        self.header = CounterHeader(self, self._theme)
        h = self.header  # the names the tests know the parts by
        self._image, self._title, self._variant_title, self._codes = h.image, h.title, h.variant_title, h.codes
        self._status_badge, self._position, self._saved_word = h.status_badge, h.position, h.saved_word
        return h

    def _card(self, spacing: int) -> tuple[QFrame, QVBoxLayout]:
        """A rounded panel (styled as #card) with a padded column inside."""
        panel = QFrame(self)
        panel.setObjectName("card")
        col = QVBoxLayout(panel)
        pad = self._theme.spacing
        col.setContentsMargins(pad, pad, pad, pad)
        col.setSpacing(spacing)
        return panel, col

    def _build_count_panel(self) -> QWidget:
        t = self._theme
        panel, col = self._card(t.spacing // 2)

        top = QHBoxLayout()
        self._area_caption = QLabel(panel)
        self._area_caption.setFont(t.font("caption", self.font(), bold=True))
        self._area_caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self._area_caption, 1)
        self.counted_button = self._button("counted", self.tr("Mark counted"), role="counted")
        self.counted_button.setCheckable(True)
        self.counted_button.clicked.connect(self._on_counted_button_clicked)
        top.addWidget(self.counted_button)
        col.addLayout(top)

        self._qty = QLabel("0", panel)
        self._qty.setObjectName("quantity")
        self._qty.setFont(t.font("quantity", self.font(), bold=True))
        self._qty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._qty.setMinimumHeight(self._qty.sizeHint().height())
        col.addStretch(1)
        col.addWidget(self._qty)

        self._baseline = QLabel(panel)
        self._baseline.setProperty("role", "muted")
        self._baseline.setFont(t.font("body", self.font()))
        self._baseline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        col.addWidget(self._baseline)
        col.addStretch(1)

        buttons = QHBoxLayout()
        buttons.setSpacing(t.spacing // 2 + 2)
        self.minus_one_button = self._count_button("minusOne", "\u22121", self.tr("Minus one"), -1)
        self.plus_one_button = self._count_button("plusOne", "+1", self.tr("Plus one"), 1, primary=True)
        self.plus_five_button = self._count_button("plusFive", "+5", self.tr("Plus five"), 5)
        self.plus_ten_button = self._count_button("plusTen", "+10", self.tr("Plus ten"), 10)
        buttons.addWidget(self.minus_one_button, 2)
        buttons.addWidget(self.plus_one_button, 4)
        buttons.addWidget(self.plus_five_button, 2)
        buttons.addWidget(self.plus_ten_button, 2)
        col.addLayout(buttons)
        return panel

    def _build_keypad_panel(self) -> QWidget:
        panel, col = self._card(self._theme.spacing // 2 + 2)
        self.keypad = Keypad(panel, ok_text=self.tr("Set"), max_digits=MAX_QUANTITY_DIGITS, theme=self._theme)
        self.keypad.ok_button.setAccessibleName(self.tr("Set the quantity to the typed number"))
        self.keypad.submitted.connect(self._on_keypad_submitted)
        self.keypad.full.connect(lambda: self._say(self.tr("A count takes at most %1 digits.")
                                                   .replace("%1", str(MAX_QUANTITY_DIGITS))))
        # The names the tests and the tab order know the keys by.
        self.digit_buttons = self.keypad.digit_buttons
        self.backspace_button = self.keypad.backspace_button
        self.set_button = self.keypad.ok_button
        self._keypad_display = self.keypad.display
        col.addWidget(self.keypad, 1)
        return panel

    def _build_navigation(self) -> QHBoxLayout:
        t = self._theme
        row = QHBoxLayout()
        row.setSpacing(t.spacing)
        height = t.touch_target + (8 if t.kiosk else 4)
        self.previous_button = self._button("previous", self.tr("\u2039  Previous"), role="nav",
                                            width=t.touch_target * 3, height=height)
        self.previous_button.setAccessibleName(self.tr("Previous variant"))
        self.previous_button.clicked.connect(lambda: self.navigate_requested.emit(-1))
        self.done_button = self._button("markDone", self.tr("Mark done"), role="done",
                                        width=t.touch_target * 4, height=height)
        self.done_button.clicked.connect(self._on_done_button_clicked)
        self.next_button = self._button("next", self.tr("Next  \u203a"), role="nav",
                                        width=t.touch_target * 3, height=height)
        self.next_button.setAccessibleName(self.tr("Next variant"))
        self.next_button.clicked.connect(lambda: self.navigate_requested.emit(1))
        for button in (self.previous_button, self.done_button, self.next_button):
            button.setFont(t.font("caption", self.font(), bold=True))

        self.close_button = self._button("closeCounter", self.tr("Close"), role="nav",
                                         width=t.touch_target * 2, height=height)
        self.close_button.setAccessibleName(self.tr("Close the counter"))
        self.close_button.setFont(t.font("caption", self.font(), bold=True))
        self.close_button.clicked.connect(self.reject)

        # The message (offline, a refusal, what a scan did) sits between Previous and Mark done,
        # wrapped in a smaller type: a row of its own would take the keypad's room on a low screen.
        # Its whole text is also its tooltip and accessible description.
        self._message = QLabel(self)
        self._message.setObjectName("message")
        self._message.setWordWrap(True)
        self._message.setFont(t.font("small" if t.compact else "body", self.font(), bold=True))
        self._message.setAccessibleName(self.tr("Message"))
        self._message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy = self._message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the buttons do not jump when a message comes and goes
        self._message.setSizePolicy(policy)
        self._message.setVisible(False)

        row.addWidget(self.previous_button)
        row.addWidget(self._message, 1)
        row.addWidget(self.done_button)
        row.addWidget(self.next_button)
        row.addWidget(self.close_button)
        return row

    def open_fitting(self) -> None:
        """Open at a size that fits the screen: full screen in kiosk mode."""
        from .screen_fit import available, fit_window
        if self._theme.kiosk:  # the whole screen, as the main window has it: no frame, nothing else to reach
            self.setGeometry(available(self.parentWidget()))
            self.setWindowState(Qt.WindowState.WindowFullScreen)
        else:
            fit_window(self, self.sizeHint().expandedTo(QSize(900, 640)))
        self.open()

    def _button(self, name: str, text: str, *, role: str = "", width: int = 0, height: int = 0) -> TouchButton:
        button = touch_button(text, self, name=name, role=role, width=width, height=height, theme=self._theme)
        button.setFont(self._theme.font("button", self.font(), bold=True))
        return button

    def _count_button(self, name: str, text: str, accessible: str, delta: int,
                      *, primary: bool = False) -> TouchButton:
        t = self._theme
        button = self._button(name, text, role="primary" if primary else "count",
                              width=round(t.big_button * (1.6 if primary else 1.0)),
                              height=t.big_button + (8 if primary else 0))
        button.setAccessibleName(accessible)
        button.setFont(t.font("big_button", self.font(), bold=True))
        if primary:
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.3)
            button.setFont(font)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda: self._add(delta))
        return button

    def _rebuild_areas(self, areas: list[tuple[str, str]]) -> None:
        t = self._theme
        for button in self._area_group.buttons():
            self._area_group.removeButton(button)
            button.setParent(None)  # out of the tree now, so findChild never sees a stale one
            button.deleteLater()
        self._area_labels = list(areas)
        self._area_keys = [key for key, _ in areas]
        columns = min(_AREA_COLUMNS, max(1, len(areas)))
        for index, (key, label) in enumerate(areas):
            button = self._button(f"area_{key}", _escape_mnemonic(label), role="area",
                                  height=t.touch_target + (12 if t.kiosk else 8))
            button.setCheckable(True)
            button.setToolTip(label)
            button.setFont(t.font("caption", self.font(), bold=True))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self._area_group.addButton(button, index)
            self._areas_layout.addWidget(button, index // columns, index % columns)
        for column in range(_AREA_COLUMNS):
            self._areas_layout.setColumnStretch(column, 1 if column < columns else 0)
        self._areas_box.setVisible(bool(areas))
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = list(self._area_group.buttons())
        chain += [self.counted_button, self.minus_one_button, self.plus_one_button,
                  self.plus_five_button, self.plus_ten_button]
        chain += [self.digit_buttons[d] for d in (7, 8, 9, 4, 5, 6, 1, 2, 3)]
        chain += [self.backspace_button, self.digit_buttons[0], self.set_button]
        chain += [self.previous_button, self.done_button, self.next_button, self.close_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # -- showing -----------------------------------------------------------------------------
    def _refresh(self) -> None:
        view = self._view
        if view is None:
            return
        area = self._current_area
        labels = dict(view.areas)
        self.setWindowTitle(self.tr("Count: %1").replace("%1", view.title))

        self.header.show_view(view, self.devicePixelRatioF())

        for index, key in enumerate(self._area_keys):
            button = self._area_group.button(index)
            qty = view.qty.get(key, 0)
            counted = view.counted.get(key, False)
            mark = "  \u2713" if counted else ""
            shown = button.fontMetrics().elidedText(labels[key], Qt.TextElideMode.ElideRight,
                                                    self._theme.touch_target * 5)
            button.setText(f"{_escape_mnemonic(shown)}\n{qty}{mark}")
            state = self.tr("counted") if counted else self.tr("not counted")
            button.setAccessibleName(self.tr("Area %1").replace("%1", labels[key]))
            button.setAccessibleDescription(f"{qty}, {state}")
            button.setChecked(key == area)

        has_area = area is not None
        qty = view.qty.get(area, 0) if has_area else 0
        self._area_caption.setText(labels[area] if has_area else self.tr("No areas in this session"))
        self._qty.setText(str(qty))
        self._qty.setAccessibleName(
            self.tr("Quantity in %1: %2").replace("%1", labels[area] if has_area else "").replace("%2", str(qty))
        )
        counted = bool(view.counted.get(area, False)) if has_area else False
        self.counted_button.setChecked(counted)
        self.counted_button.setText(self.tr("\u2713  Area counted") if counted else self.tr("Mark area counted"))
        self.counted_button.setToolTip(self.tr("Tap again to mark the area not counted; its quantity stays.")
                                       if counted else self.tr("Says this area is finished, also at 0."))
        self.counted_button.setAccessibleName(
            self.tr("Counted in %1").replace("%1", labels[area] if has_area else "")
        )
        for button in (self.counted_button, self.plus_one_button, self.plus_five_button, self.plus_ten_button):
            button.setEnabled(has_area)
        self.minus_one_button.setEnabled(has_area and qty > 0)
        self.keypad.set_keys_enabled(has_area)

        if view.baseline is None:
            self._baseline.hide()
        else:
            self._baseline.setText(self.tr("Expected in all areas together: %1").replace("%1", str(view.baseline)))
            self._baseline.show()

        done = view.status == "done"
        self.done_button.setText(self.tr("Reopen") if done else self.tr("\u2713  Mark done"))
        self.done_button.setAccessibleName(self.tr("Reopen") if done else self.tr("Mark done"))
        set_state_property(self.done_button, "state", "reopen" if done else "done")

        self._say(view.message)

    def _say(self, message: str | None) -> None:
        """The counter's message line (until the next view replaces it)."""
        self._message.setText(("\u26a0  " + message) if message else "")
        self._message.setToolTip(message or "")
        self._message.setAccessibleDescription(message or "")
        self._message.setVisible(bool(message))

    # -- style -------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        kind = event.type()
        if not self._restyling and kind in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._restyle()
            self._refresh()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        # Qt sends no palette events before the application runs its loop; catch up here.
        if palette_is_dark(self._effective_palette()) != self._theme.dark:
            self._restyle()
            self._refresh()
        super().showEvent(event)

    def _effective_palette(self) -> QPalette:
        # The application's palette, not the widget's: during ApplicationPaletteChange the
        # widget's own is not resolved yet, and the style sheet pins one on the widget.
        return QApplication.palette(self)

    def _restyle(self) -> None:
        """Builds the style sheet from the theme, light or dark after the palette."""
        self._restyling = True
        try:
            self._theme = replace(self._base_theme, dark=palette_is_dark(self._effective_palette()))
            self.setStyleSheet(counter_style_sheet(self._theme))
            if hasattr(self, "header"):
                self.header.set_theme(self._theme)
        finally:
            self._restyling = False

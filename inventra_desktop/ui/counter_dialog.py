"""The counter: the dialog a stockroom worker taps to count one variant, area by area.

Presentation only. Every tap becomes an intent signal; the controller applies it (journal,
engine) and calls `show_view` with the optimistic state at once, so the tap shows immediately.
The dialog keeps just two bits of its own state: the current area and the digits typed on
the keypad.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPainterPath, QPalette, QPen, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from inventra_desktop.ui.theme import Theme, current_theme, palette_is_dark


@dataclass
class CounterView:
    """Everything the counter shows for one variant; the controller fills it after each change."""

    variant_id: str
    title: str
    variant_title: str = ""
    sku: str = ""
    barcode: str = ""
    image: QPixmap | None = None
    areas: list[tuple[str, str]] = field(default_factory=list)  # (key, label), in display order
    qty: dict[str, int] = field(default_factory=dict)
    counted: dict[str, bool] = field(default_factory=dict)
    status: str = "pending"  # pending | in_progress | done | omitted | problem
    baseline: int | None = None  # None in a blind count: the expected quantity stays hidden
    position: str = ""  # "3 of 120"
    saved_state: str = "saved"  # saved | waiting | offline | error
    message: str | None = None  # a rejection or warning, in plain words
    last_counted: str | None = None  # ISO date of the last finalized count (cycle counting); None: unknown yet
    last_variance: int | None = None  # how far that count was off; None in a blind count or without one


MAX_QUANTITY_DIGITS = 6  # more digits than this from the keyboard is a scanned code, not a count
_AREA_COLUMNS = 5


def _escape_mnemonic(text: str) -> str:
    return text.replace("&", "&&")


class TouchButton(QPushButton):
    """A push button never smaller than its touch target, nor than its text."""

    def __init__(self, text: str, parent: QWidget, target: QSize) -> None:
        super().__init__(text, parent)
        self._target = QSize(target)

    def set_target(self, target: QSize) -> None:
        self._target = QSize(target)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return super().sizeHint().expandedTo(self._target)

    def minimumSizeHint(self) -> QSize:
        return super().minimumSizeHint().expandedTo(self._target)


class CounterDialog(QDialog):
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

    def __init__(self, parent: QWidget | None = None, *, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterDialog")
        self._base_theme = theme or current_theme()
        self._theme = self._base_theme
        self._view: CounterView | None = None
        self._area_keys: list[str] = []
        self._area_labels: list[tuple[str, str]] = []
        self._current_area: str | None = None
        self._typed = ""
        self._typed_is_code = False
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
        return self._typed

    def set_current_area(self, area: str) -> None:
        """Switches area for the controller (e.g. an area code was scanned); emits nothing."""
        if area in self._area_keys and area != self._current_area:
            self._current_area = area
            self._refresh()

    def show_view(self, view: CounterView) -> None:
        """Shows `view` at once; cheap enough to call after every tap."""
        if self._view is None or view.variant_id != self._view.variant_id:
            self._clear_typed()
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
        t = self._theme
        header = QFrame(self)
        header.setObjectName("card")
        row = QHBoxLayout(header)
        pad = t.spacing
        row.setContentsMargins(pad, pad, pad, pad)
        row.setSpacing(t.spacing + 4)

        self._image = QLabel(header)
        self._image.setObjectName("productImage")
        self._image.setFixedSize(t.image_size, t.image_size)
        self._image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self._image, 0, Qt.AlignmentFlag.AlignTop)

        text = QVBoxLayout()
        text.setSpacing(4)
        self._title = QLabel(header)
        self._title.setObjectName("title")
        self._title.setFont(t.font("title", self.font(), bold=True))
        self._title.setWordWrap(True)
        self._variant_title = QLabel(header)
        self._variant_title.setFont(t.font("caption", self.font()))
        self._variant_title.setWordWrap(True)
        self._codes = QLabel(header)
        self._codes.setProperty("role", "muted")
        self._codes.setFont(t.font("body", self.font()))
        self._codes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self._title, self._variant_title, self._codes):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            text.addWidget(label)
        text.addStretch(1)
        row.addLayout(text, 1)

        side = QVBoxLayout()
        side.setSpacing(6)
        self._status_badge = QLabel(header)
        self._status_badge.setObjectName("statusBadge")
        self._status_badge.setFont(t.font("body", self.font(), bold=True))
        self._status_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side.addWidget(self._status_badge, 0, Qt.AlignmentFlag.AlignRight)
        self._position = QLabel(header)
        self._position.setFont(t.font("caption", self.font(), bold=True))
        self._position.setAlignment(Qt.AlignmentFlag.AlignRight)
        side.addWidget(self._position, 0, Qt.AlignmentFlag.AlignRight)
        saved = QHBoxLayout()
        saved.setSpacing(6)
        self._saved_dot = QLabel(header)
        self._saved_dot.setObjectName("savedDot")
        dot = round(10 * t.font_scale)
        self._saved_dot.setFixedSize(dot, dot)
        self._saved_word = QLabel(header)
        self._saved_word.setProperty("role", "muted")
        self._saved_word.setFont(t.font("small", self.font()))
        saved.addStretch(1)
        saved.addWidget(self._saved_dot, 0, Qt.AlignmentFlag.AlignVCenter)
        saved.addWidget(self._saved_word, 0, Qt.AlignmentFlag.AlignVCenter)
        side.addLayout(saved)
        side.addStretch(1)
        row.addLayout(side)
        return header

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
        t = self._theme
        panel, col = self._card(t.spacing // 2 + 2)

        self._keypad_display = QLabel(panel)
        self._keypad_display.setObjectName("keypadDisplay")
        self._display_font = t.font("big_button", self.font(), bold=True)
        self._hint_font = t.font("body", self.font())
        self._keypad_display.setFont(self._display_font)
        self._keypad_display.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._keypad_display.setMinimumHeight(t.touch_target)
        self._keypad_display.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._keypad_display.setAccessibleName(self.tr("Typed number"))
        col.addWidget(self._keypad_display)

        grid = QGridLayout()
        grid.setSpacing(t.spacing // 2 + 2)
        self.digit_buttons: dict[int, TouchButton] = {}
        for index, digit in enumerate((7, 8, 9, 4, 5, 6, 1, 2, 3)):
            grid.addWidget(self._digit_button(digit), index // 3, index % 3)
        self.backspace_button = self._button("keypadBackspace", "\u232b", role="key")
        self.backspace_button.setAccessibleName(self.tr("Delete last digit"))
        self.backspace_button.setFont(t.font("big_button", self.font()))
        self.backspace_button.clicked.connect(self._backspace)
        grid.addWidget(self.backspace_button, 3, 0)
        grid.addWidget(self._digit_button(0), 3, 1)
        self.set_button = self._button("keypadSet", self.tr("Set"), role="primary")
        self.set_button.setAccessibleName(self.tr("Set the quantity to the typed number"))
        self.set_button.setFont(t.font("big_button", self.font(), bold=True))
        self.set_button.clicked.connect(self._submit_typed)
        grid.addWidget(self.set_button, 3, 2)
        for button in (self.backspace_button, self.set_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        for r in range(4):
            grid.setRowStretch(r, 1)
        col.addLayout(grid, 1)
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

        # The message sits between Previous and Done/Next: seen at once, and the layout
        # above does not jump when one comes and goes.
        self._message = QLabel(self)
        self._message.setObjectName("message")
        self._message.setWordWrap(True)
        self._message.setFont(t.font("body", self.font(), bold=True))
        self._message.setAccessibleName(self.tr("Message"))
        self._message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy = self._message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self._message.setSizePolicy(policy)

        row.addWidget(self.previous_button)
        row.addWidget(self._message, 1)
        row.addWidget(self.done_button)
        row.addWidget(self.next_button)
        return row

    def _button(self, name: str, text: str, *, role: str = "", width: int = 0, height: int = 0) -> TouchButton:
        t = self._theme
        target = QSize(max(width, t.touch_target), max(height, t.touch_target))
        button = TouchButton(text, self, target)
        button.setObjectName(name)
        button.setProperty("role", role)
        button.setAccessibleName(text)
        button.setFont(t.font("button", self.font(), bold=True))
        # In a dialog Enter would click the focused (auto-default) button; here Enter means Set.
        button.setAutoDefault(False)
        button.setDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
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

    def _digit_button(self, digit: int) -> TouchButton:
        button = self._button(f"keypad{digit}", str(digit), role="key")
        button.setAccessibleName(self.tr("Digit %1").replace("%1", str(digit)))
        button.setFont(self._theme.font("big_button", self.font()))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.clicked.connect(lambda: self._tap_digit(digit))
        self.digit_buttons[digit] = button
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
        chain += [self.previous_button, self.done_button, self.next_button]
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

        self._title.setText(view.title)
        self._title.setToolTip(view.title)
        self._variant_title.setText(view.variant_title)
        self._variant_title.setVisible(bool(view.variant_title))
        codes = []
        if view.sku:
            codes.append(self.tr("SKU %1").replace("%1", view.sku))
        if view.barcode:
            codes.append(self.tr("Barcode %1").replace("%1", view.barcode))
        if view.last_counted is not None:  # cycle counting: how this one went last time
            codes.append(self.tr("never counted") if not view.last_counted else
                         self.tr("last counted %1").replace("%1", view.last_counted)
                         + ("" if view.last_variance is None else
                            self.tr(", off by %1").replace("%1", f"{view.last_variance:+d}") if view.last_variance
                            else self.tr(", exact")))
        self._codes.setText("   \u00b7   ".join(codes))
        self._codes.setVisible(bool(codes))
        self._image.setPixmap(self._scaled_image(view.image))
        self._image.setAccessibleName(self.tr("Product image") if view.image else self.tr("No product image"))

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
        self.counted_button.setText(self.tr("\u2713  Counted") if counted else self.tr("Mark counted"))
        self.counted_button.setAccessibleName(
            self.tr("Counted in %1").replace("%1", labels[area] if has_area else "")
        )
        for button in (self.counted_button, self.plus_one_button, self.plus_five_button,
                       self.plus_ten_button, self.set_button, self.backspace_button,
                       *self.digit_buttons.values()):
            button.setEnabled(has_area)
        self.minus_one_button.setEnabled(has_area and qty > 0)
        self._refresh_typed()

        if view.baseline is None:
            self._baseline.hide()
        else:
            self._baseline.setText(self.tr("Expected %1").replace("%1", str(view.baseline)))
            self._baseline.show()

        self._set_state_property(self._status_badge, "status", view.status)
        self._status_badge.setText(self._status_word(view.status))
        self._status_badge.setAccessibleName(self.tr("Status: %1").replace("%1", self._status_word(view.status)))
        done = view.status == "done"
        self.done_button.setText(self.tr("Reopen") if done else self.tr("\u2713  Mark done"))
        self.done_button.setAccessibleName(self.tr("Reopen") if done else self.tr("Mark done"))
        self._set_state_property(self.done_button, "state", "reopen" if done else "done")

        self._position.setText(view.position)
        self._position.setAccessibleName(self.tr("Variant %1").replace("%1", view.position))
        self._set_state_property(self._saved_dot, "state", view.saved_state)
        self._saved_word.setText(self._saved_word_for(view.saved_state))
        self._saved_word.setAccessibleName(self._saved_word.text())

        self._message.setText(("\u26a0  " + view.message) if view.message else "")
        self._message.setVisible(bool(view.message))

    def _status_word(self, status: str) -> str:
        return {
            "pending": self.tr("Not started"),
            "in_progress": self.tr("In progress"),
            "done": self.tr("Done"),
            "omitted": self.tr("Omitted"),
            "problem": self.tr("Problem"),
        }.get(status, status)

    def _saved_word_for(self, state: str) -> str:
        return {
            "saved": self.tr("Saved"),
            "waiting": self.tr("Waiting to send"),
            "offline": self.tr("Offline \u2013 kept on this device"),
            "error": self.tr("Not sent \u2013 see message"),
        }.get(state, state)

    def _set_state_property(self, widget: QWidget, name: str, value: str) -> None:
        if widget.property(name) != value:
            widget.setProperty(name, value)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _scaled_image(self, image: QPixmap | None) -> QPixmap:
        size = self._theme.image_size
        ratio = self.devicePixelRatioF()
        if image is None or image.isNull():
            return self._placeholder(size, ratio)
        scaled = image.scaled(QSize(round(size * ratio), round(size * ratio)),
                              Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        return scaled

    def _placeholder(self, size: int, ratio: float) -> QPixmap:
        """A framed picture outline: says "no photo" without words."""
        surface = self._theme.surface
        pixmap = QPixmap(round(size * ratio), round(size * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(1, 1, size - 2, size - 2)
        painter.setPen(QPen(QColor(surface.border), 1.5))
        painter.setBrush(QColor(surface.alternate_base))
        painter.drawRoundedRect(box, self._theme.radius, self._theme.radius)
        ink = QColor(surface.muted_text)
        pen = QPen(ink, max(2.0, size / 36))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        frame = QRectF(size * 0.26, size * 0.3, size * 0.48, size * 0.4)
        painter.drawRoundedRect(frame, 3, 3)
        hills = QPainterPath(QPointF(frame.left() + 2, frame.bottom() - 3))
        hills.lineTo(frame.left() + frame.width() * 0.38, frame.top() + frame.height() * 0.45)
        hills.lineTo(frame.left() + frame.width() * 0.6, frame.top() + frame.height() * 0.7)
        hills.lineTo(frame.left() + frame.width() * 0.75, frame.top() + frame.height() * 0.55)
        hills.lineTo(frame.right() - 2, frame.bottom() - 3)
        painter.drawPath(hills)
        painter.setBrush(ink)
        painter.drawEllipse(QPointF(frame.left() + frame.width() * 0.74, frame.top() + frame.height() * 0.28),
                            size / 30, size / 30)
        painter.end()
        return pixmap

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
            self.setStyleSheet(self._style_sheet())
        finally:
            self._restyling = False

    def _style_sheet(self) -> str:
        t = self._theme
        s = t.surface
        r = t.radius
        primary_pressed = QColor(s.highlight).darker(125) if not t.dark else QColor(s.highlight).lighter(118)
        primary_hover = QColor(s.highlight).darker(110) if not t.dark else QColor(s.highlight).lighter(108)
        done = t.status_colors("done")
        problem = t.status_colors("problem")
        rules = [
            f"QDialog#counterDialog {{ background: {s.window}; }}",
            f"QFrame#card {{ background: {s.base}; border: 1px solid {s.button_pressed}; border-radius: {r + 4}px; }}",
            f"QLabel {{ color: {s.text}; background: transparent; border: none; }}",
            f'QLabel[role="muted"] {{ color: {s.muted_text}; }}',
            "QLabel#productImage { background: transparent; }",
            f"QLabel#keypadDisplay {{ background: {s.alternate_base}; border: 2px solid {s.border};"
            f" border-radius: {r}px; padding: 0 {t.spacing}px; }}",
            f"QLabel#statusBadge {{ border-radius: {r}px; padding: 4px {t.spacing}px; }}",
            f"QLabel#message {{ background: {problem.fill}; color: {problem.text}; border-radius: {r}px;"
            f" padding: {t.spacing // 2}px {t.spacing}px; }}",
            f"QPushButton {{ background: {s.button}; color: {s.text}; border: 2px solid {s.border};"
            f" border-radius: {r}px; padding: 4px {t.spacing}px; }}",
            f"QPushButton:hover {{ background: {s.alternate_base}; }}",
            f"QPushButton:pressed {{ background: {s.button_pressed}; }}",
            f"QPushButton:focus {{ border: 3px solid {s.focus}; }}",
            f"QPushButton:disabled {{ background: {s.alternate_base}; color: {s.disabled_text};"
            f" border: 2px dashed {s.button_pressed}; }}",
            f'QPushButton[role="primary"] {{ background: {s.highlight}; color: {s.highlighted_text};'
            f" border-color: {s.highlight}; }}",
            f'QPushButton[role="primary"]:hover {{ background: {primary_hover.name()}; }}',
            f'QPushButton[role="primary"]:pressed {{ background: {primary_pressed.name()}; }}',
            f'QPushButton[role="primary"]:focus {{ border: 3px solid {s.focus}; }}',
            f'QPushButton[role="primary"]:disabled {{ background: {s.alternate_base}; color: {s.disabled_text};'
            f" border: 2px dashed {s.button_pressed}; }}",
            f'QPushButton[role="area"]:checked {{ background: {s.highlight}; color: {s.highlighted_text};'
            f" border: 3px solid {s.focus}; }}",
            f'QPushButton[role="counted"]:checked {{ background: {done.fill}; color: {done.text};'
            f" border-color: {done.fill}; }}",
            f'QPushButton[role="counted"]:checked:focus {{ border: 3px solid {s.focus}; }}',
            f'QPushButton[role="done"][state="done"] {{ background: {done.fill}; color: {done.text};'
            f" border-color: {done.fill}; }}",
            f'QPushButton[role="done"][state="done"]:pressed {{ background: {QColor(done.fill).darker(120).name()}; }}',
            f'QPushButton[role="done"]:focus {{ border: 3px solid {s.focus}; }}',
        ]
        for status in ("pending", "in_progress", "done", "omitted", "problem"):
            c = t.status_colors(status)
            rules.append(f'QLabel#statusBadge[status="{status}"] {{ background: {c.fill}; color: {c.text}; }}')
        dot = round(10 * t.font_scale)
        for state, status in (("saved", "done"), ("waiting", "warning"), ("offline", "warning"),
                              ("error", "problem")):
            c = t.status_colors(status)
            rules.append(f'QLabel#savedDot[state="{state}"] {{ background: {c.fill}; border-radius: {dot // 2}px; }}')
        return "\n".join(rules)

    # -- intents -----------------------------------------------------------------------------
    def _on_area_group_id_clicked(self, index: int) -> None:
        key = self._area_keys[index]
        if key != self._current_area:
            self._current_area = key
            self._refresh()
            self.area_changed.emit(key)

    def _add(self, delta: int) -> None:
        area = self._current_area
        if area is None or self._view is None:
            return
        if delta < 0 and self._view.qty.get(area, 0) + delta < 0:
            return  # never below zero, also from the keyboard
        self.add_requested.emit(area, delta)

    def _on_counted_button_clicked(self, checked: bool) -> None:
        if self._current_area is not None:
            self.counted_requested.emit(self._current_area, checked)

    def _on_done_button_clicked(self) -> None:
        if self._view is not None and self._view.status == "done":
            self.reopen_requested.emit()
        else:
            self.done_requested.emit()

    # -- keypad ------------------------------------------------------------------------------
    def _tap_digit(self, digit: int) -> None:
        if self._typed_is_code:
            self._clear_typed()
        if len(self._typed) < MAX_QUANTITY_DIGITS:
            self._typed += str(digit)
        self._refresh_typed()

    def _type_character(self, char: str) -> None:
        """Keyboard input: digits fill the keypad; anything a count cannot be is a scanned code."""
        self._typed += char
        if not self._typed.isdigit() or len(self._typed) > MAX_QUANTITY_DIGITS:
            self._typed_is_code = True
        self._refresh_typed()

    def _backspace(self) -> None:
        self._typed = self._typed[:-1]
        if not self._typed:
            self._typed_is_code = False
        self._refresh_typed()

    def _clear_typed(self) -> None:
        self._typed = ""
        self._typed_is_code = False
        self._refresh_typed()

    def _refresh_typed(self) -> None:
        has_area = self._current_area is not None
        if self._typed:
            self._keypad_display.setProperty("role", "")
            self._keypad_display.setFont(self._display_font)
            self._keypad_display.setText(self._typed)
        else:
            self._keypad_display.setProperty("role", "muted")
            self._keypad_display.setFont(self._hint_font)
            self._keypad_display.setText(self.tr("Type a number"))
        self._keypad_display.style().unpolish(self._keypad_display)
        self._keypad_display.style().polish(self._keypad_display)
        self.set_button.setEnabled(has_area and bool(self._typed))
        self.backspace_button.setEnabled(has_area and bool(self._typed))

    def _submit_typed(self) -> None:
        typed, is_code = self._typed, self._typed_is_code
        if not typed:
            return
        self._clear_typed()
        if is_code:
            self.scan_requested.emit(typed)
        elif self._current_area is not None:
            self.set_requested.emit(self._current_area, int(typed))

    # -- keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if key == Qt.Key.Key_PageUp:
            self.navigate_requested.emit(-1)
        elif key == Qt.Key.Key_PageDown:
            self.navigate_requested.emit(1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit_typed()
        elif key == Qt.Key.Key_Backspace:
            self._backspace()
        elif key == Qt.Key.Key_Delete:
            self._clear_typed()
        elif key == Qt.Key.Key_Escape:
            super().keyPressEvent(event)
        elif text and text.isprintable() and not text.isspace() and not (
            event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            # + and − count only when nothing is being typed: inside a scanned code they are characters.
            if not self._typed and text == "+":
                self._add(1)
            elif not self._typed and text in ("-", "\u2212"):
                self._add(-1)
            else:
                self._type_character(text)
        else:
            super().keyPressEvent(event)


"""The counter's header card: what is being counted (photo, title, codes) and where it stands
(status, position in the grid's order, whether the last tap is saved)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .counter_look import placeholder_pixmap
from .status_words import status_word
from .theme import Theme

if TYPE_CHECKING:
    from .counter_view import CounterView


def set_state_property(widget: QWidget, name: str, value: str) -> None:
    """A dynamic property the style sheet selects on; re-polished only when it changes."""
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class CounterHeader(QFrame):
    def __init__(self, parent: QWidget, theme: Theme) -> None:
        super().__init__(parent)
        t = self._theme = theme
        self.setObjectName("card")
        row = QHBoxLayout(self)
        pad = t.spacing
        row.setContentsMargins(pad, pad, pad, pad)
        row.setSpacing(t.spacing + 4)
        font = parent.font()

        self.image = QLabel(self)
        self.image.setObjectName("productImage")
        self.image.setFixedSize(t.image_size, t.image_size)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.image, 0, Qt.AlignmentFlag.AlignTop)

        text = QVBoxLayout()
        text.setSpacing(4)
        self.title = QLabel(self)
        self.title.setObjectName("title")
        self.title.setFont(t.font("title", font, bold=True))
        self.title.setWordWrap(True)
        self.variant_title = QLabel(self)
        self.variant_title.setFont(t.font("caption", font))
        self.variant_title.setWordWrap(True)
        self.codes = QLabel(self)
        self.codes.setProperty("role", "muted")
        self.codes.setFont(t.font("body", font))
        self.codes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.title, self.variant_title, self.codes):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            text.addWidget(label)
        text.addStretch(1)
        row.addLayout(text, 1)

        side = QVBoxLayout()
        side.setSpacing(6)
        self.status_badge = QLabel(self)
        self.status_badge.setObjectName("statusBadge")
        self.status_badge.setFont(t.font("body", font, bold=True))
        self.status_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignRight)
        self.position = QLabel(self)
        self.position.setFont(t.font("caption", font, bold=True))
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight)
        side.addWidget(self.position, 0, Qt.AlignmentFlag.AlignRight)
        saved = QHBoxLayout()
        saved.setSpacing(6)
        self.saved_dot = QLabel(self)
        self.saved_dot.setObjectName("savedDot")
        dot = round(10 * t.font_scale)
        self.saved_dot.setFixedSize(dot, dot)
        self.saved_word = QLabel(self)
        self.saved_word.setProperty("role", "muted")
        self.saved_word.setFont(t.font("small", font))
        saved.addStretch(1)
        saved.addWidget(self.saved_dot, 0, Qt.AlignmentFlag.AlignVCenter)
        saved.addWidget(self.saved_word, 0, Qt.AlignmentFlag.AlignVCenter)
        side.addLayout(saved)
        side.addStretch(1)
        row.addLayout(side)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def show_view(self, view: CounterView, ratio: float) -> None:
        self.title.setText(view.title)
        self.title.setToolTip(view.title)
        self.variant_title.setText(view.variant_title)
        self.variant_title.setVisible(bool(view.variant_title))
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
        self.codes.setText("   \u00b7   ".join(codes))
        self.codes.setVisible(bool(codes))
        self.image.setPixmap(self._scaled_image(view.image, ratio))
        self.image.setAccessibleName(self.tr("Product image") if view.image else self.tr("No product image"))

        set_state_property(self.status_badge, "status", view.status)
        self.status_badge.setText(status_word(view.status))
        self.status_badge.setAccessibleName(self.tr("Status: %1").replace("%1", status_word(view.status)))
        self.position.setText(view.position)
        self.position.setAccessibleName(self.tr("Variant %1").replace("%1", view.position))
        set_state_property(self.saved_dot, "state", view.saved_state)
        self.saved_word.setText(self._saved_word_for(view.saved_state))
        self.saved_word.setAccessibleName(self.saved_word.text())

    def _saved_word_for(self, state: str) -> str:
        return {
            "saved": self.tr("Saved"),
            "waiting": self.tr("Waiting to send"),
            "offline": self.tr("Offline \u2013 kept on this device"),
            "error": self.tr("Not sent \u2013 see message"),
        }.get(state, state)

    def _scaled_image(self, image: QPixmap | None, ratio: float) -> QPixmap:
        size = self._theme.image_size
        if image is None or image.isNull():
            return placeholder_pixmap(self._theme, size, ratio)
        scaled = image.scaled(QSize(round(size * ratio), round(size * ratio)),
                              Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        return scaled

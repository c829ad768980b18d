"""First run: no shop saved yet. Two big choices and where to read more."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from .theme import current_theme


class WelcomeDialog(QDialog):
    """Signals: connect_chosen(), demo_chosen(), guide_requested()."""

    connect_chosen = Signal()
    demo_chosen = Signal()
    guide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        theme = current_theme()
        self.setWindowTitle(self.tr("Welcome to Inventra Desktop"))
        layout = QVBoxLayout(self)
        room = 1 if theme.compact else 2  # a low kiosk screen: less air, the same big choices
        layout.setContentsMargins(theme.margin * room, theme.margin * room, theme.margin * room, theme.margin * room)
        layout.setSpacing(theme.spacing * room)
        self.setAccessibleName(self.tr("Welcome to Inventra Desktop"))
        title = QLabel(self.tr("Welcome to Inventra Desktop"))
        title.setFont(theme.font("title", bold=True))
        title.setWordWrap(True)
        layout.addWidget(title)
        intro = QLabel(self.tr(
            "Count your stock with several PCs and kiosks at once. Everything is kept in your Shopify shop: "
            "there is nothing else to set up or to keep in sync."))
        intro.setWordWrap(True)
        intro.setFont(theme.font("caption"))
        layout.addWidget(intro)
        wrapped = [title, intro]
        self.connect_button = QPushButton(self.tr("Connect your Shopify shop"))
        self.connect_button.setDefault(True)
        self.demo_button = QPushButton(self.tr("Try the demo store"))
        for button, note in ((self.connect_button, self.tr("You need the shop's address and an Admin API access "
                                                           "token, or a client ID and secret.")),
                             (self.demo_button, self.tr("A shop with 37 products on this computer. Your counts "
                                                        "there stay between runs; Shop ▸ Reset the demo store "
                                                        "starts it afresh."))):
            button.setMinimumHeight(theme.big_button if not theme.compact else theme.touch_target)
            button.setFont(theme.font("big_button", bold=True))
            layout.addWidget(button)
            label = QLabel(note)
            label.setWordWrap(True)
            layout.addWidget(label)
            wrapped.append(label)
        # As wide as the big buttons' words need, at this type size (kiosk type is larger).
        words = QFontMetrics(theme.font("big_button", bold=True))
        widest = max(words.horizontalAdvance(b.text()) for b in (self.connect_button, self.demo_button))
        self.setMinimumWidth(max(560, widest + 4 * theme.margin + 48))
        for label in wrapped:  # wrapped text: tell the layout how tall it is at that width, or it gets cut
            label.setMinimumHeight(label.heightForWidth(self.minimumWidth() - 4 * theme.margin))
        guide = self.guide_button = QPushButton(self.tr("Read the user guide"))
        guide.setFlat(True)
        guide.setMinimumHeight(theme.touch_target)
        guide.setCursor(Qt.CursorShape.PointingHandCursor)
        layout.addWidget(guide, 0, Qt.AlignmentFlag.AlignLeft)
        self.connect_button.clicked.connect(self._connect)
        self.demo_button.clicked.connect(self._demo)
        guide.clicked.connect(self.guide_requested)

    def _connect(self) -> None:
        self.connect_chosen.emit()
        self.accept()

    def _demo(self) -> None:
        self.demo_chosen.emit()
        self.accept()

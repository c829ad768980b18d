"""The main window. For now it shows which shop the app is on and what it holds; the
session list, product grid and scan box come with issue 5."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QLabel, QMainWindow, QVBoxLayout, QWidget


class MainWindow(QMainWindow):
    def __init__(self, shop_url: str, *, demo: bool) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Inventra Desktop"))
        self.resize(720, 420)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 32, 32, 32)
        layout.setSpacing(24)

        heading = QLabel(self.tr("Demo store") if demo else self.tr("Shop"), body)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(16)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.shop_name = self._value(big)
        self.address = self._value(big, shop_url)
        self.product_count = self._value(big, self.tr("Loading…"))
        for label, value in ((self.tr("Shop"), self.shop_name), (self.tr("Address"), self.address),
                             (self.tr("Products"), self.product_count)):
            caption = QLabel(label, body)
            caption.setFont(big)
            form.addRow(caption, value)
        layout.addLayout(form)
        layout.addStretch(1)
        self.setCentralWidget(body)
        self.statusBar().showMessage(self.tr("Connecting…"))

    def _value(self, font: QFont, text: str = "") -> QLabel:
        label = QLabel(text, self)
        label.setFont(font)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(text)
        return label

    def show_summary(self, name: str, products: int) -> None:
        self.shop_name.setText(name)
        self.product_count.setText(self.tr("%1 products").replace("%1", str(products)) if products != 1 else self.tr("1 product"))
        self.statusBar().showMessage(self.tr("Online"))

    def show_error(self, sentence: str) -> None:
        self.product_count.setText("—")
        self.statusBar().showMessage(sentence)

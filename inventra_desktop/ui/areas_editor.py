"""Storage areas: add, rename, mark standard or non-standard, map each to a Shopify location."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..services import setup
from .sentences import describe
from ..services.shop import ShopSession
from ..stocktake.areas import area_problem, counted_area_problem, key_from_label
from ..stocktake.models import Area
from ..stocktake.records import ShopRecords
from .tasks import spawn
from .theme import current_theme
from .wheel_guard import guard_wheel


class AreasEditor(QDialog):
    """Signals: saved() after the shop accepted the new areas."""

    saved = Signal()

    def __init__(self, parent: QWidget, shop: ShopSession, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.shop = shop
        self.records: ShopRecords | None = None
        theme = current_theme()
        self.setWindowTitle(self.tr("Storage areas"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Where stock is kept and counted. Each area maps to the Shopify location whose "
                               "stock it holds; non-standard areas (a garage, a van) raise an alert when stock is "
                               "found there."))
        if first_run:
            first = QLabel(self.tr("This shop has several locations: check which location each area's stock "
                                   "belongs to before the first count (counts are written to that location)."))
            first.setWordWrap(True)
            first.setFont(theme.font("caption", bold=True))
            layout.addWidget(first)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Key"), self.tr("Standard"),
                                              self.tr("Shopify location")])
        self.table.setAccessibleName(self.tr("Storage areas"))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(theme.touch_target)
        layout.addWidget(self.table, 1)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b3261e;")
        self.warning.setAccessibleName(self.tr("Areas message"))
        layout.addWidget(self.warning)
        buttons = QHBoxLayout()
        self.add = QPushButton(self.tr("Add area"))
        self.remove = QPushButton(self.tr("Remove area"))
        self.save = QPushButton(self.tr("Save"))
        cancel = QPushButton(self.tr("Cancel"))
        for b in (self.add, self.remove, cancel, self.save):
            b.setMinimumHeight(theme.touch_target)
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save)
        layout.addLayout(buttons)
        self.add.clicked.connect(lambda: self._add_row(Area(key=f"area-{self.table.rowCount() + 1}",
                                                            label=self.tr("New area"))))
        self.remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        cancel.clicked.connect(self.reject)
        self.save.clicked.connect(lambda: spawn(self.write(), self._failed))
        self.save.setEnabled(False)
        spawn(self.load(), self._failed)

    async def load(self) -> None:
        self.records = await setup.shop_records(self.shop)
        for area in self.records.areas or []:
            self._add_row(area)
        self.save.setEnabled(True)
        self._check()

    def _add_row(self, area: Area) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = QLineEdit(area.label)
        key = QLineEdit(area.key)
        key.setReadOnly(self.records is not None and area.key in {a.key for a in self.records.areas or []})
        label.textEdited.connect(lambda text, key=key: key.isReadOnly() or key.setText(key_from_label(text)))
        standard = QCheckBox()
        standard.setChecked(area.standard)
        location = QComboBox()
        guard_wheel(self, location)  # scrolling the table must not remap an area
        location.addItem(self.tr("— no location —"), None)
        for loc in (self.records.locations if self.records else []):
            location.addItem(loc.name + ("" if loc.ships_inventory else self.tr(" (does not ship)")), loc.id)
        location.setCurrentIndex(max(0, location.findData(area.location_id)))
        location.currentIndexChanged.connect(self._check)
        for column, widget in enumerate((label, key, standard, location)):
            widget.setAccessibleName(self.table.horizontalHeaderItem(column).text())
            self.table.setCellWidget(row, column, widget)
        label.textChanged.connect(self._check)
        key.textChanged.connect(self._check)
        self._check()

    def areas(self) -> list[Area]:
        out = []
        for row in range(self.table.rowCount()):
            label, key, standard, location = (self.table.cellWidget(row, c) for c in range(4))
            out.append(Area.model_construct(key=key.text().strip(), label=label.text().strip(),
                                            standard=standard.isChecked(), location_id=location.currentData()))
        return out

    def _check(self) -> str | None:
        areas = self.areas()
        problem = area_problem(areas, self.records.location_names if self.records else ()) or (
            counted_area_problem(self.records.areas or [], areas, self.records.sessions) if self.records else None)
        unmapped = [a.label for a in areas if not a.location_id]
        self.warning.setText(problem or (self.tr("Mapped to no location: %1. Counts there cannot be written to "
                                                 "Shopify's inventory.").replace("%1", ", ".join(unmapped))
                                         if unmapped else ""))
        return problem

    async def write(self) -> None:
        if self._check() or self.records is None:
            return
        areas = [Area.model_validate(a.model_dump()) for a in self.areas()]
        await setup.save_areas(self.shop, areas)
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.warning.setText(describe(error))



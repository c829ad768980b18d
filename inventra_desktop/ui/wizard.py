"""The session wizard: name → products → areas → pre-flight → options → confirm → tag and snapshot."""

from __future__ import annotations

import asyncio
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..services import setup
from .sentences import describe, translated
from ..services.shop import ShopSession
from ..stocktake.models import Area, SessionRecord
from ..stocktake.records import ShopRecords
from ..stocktake.sessions import ProductChoice, name_problem
from .tasks import spawn
from .theme import current_theme
from .touch import touch_sized


class SessionWizard(QWizard):
    """Signals: session_ready(str) once the session is tagged and snapshotted."""

    session_ready = Signal(str)

    def __init__(self, parent: QWidget, shop: ShopSession, *, planned: Any = None) -> None:
        """`planned` (a planning.PlannedSession): a cycle-count plan's name, products and areas, set."""
        super().__init__(parent)
        self.shop = shop
        self.records: ShopRecords | None = None
        self.planned = planned
        self.products: list[ProductChoice] = list(planned.products) if planned else []
        self.setWindowTitle(self.tr("New stock-take session"))
        self.setAccessibleName(self.windowTitle())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        # The irreversible step is a button of its own, named for what it does (never a bare "Next").
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Tag the products and snapshot"))
        self.name_page, self.products_page = NamePage(), ProductsPage(self)
        self.areas_page, self.preflight_page = AreasPage(self), PreflightPage(self)
        self.options_page, self.confirm_page, self.run_page = OptionsPage(), ConfirmPage(self), RunPage(self)
        for page in (self.name_page, self.products_page, self.areas_page, self.preflight_page, self.options_page,
                     self.confirm_page, self.run_page):
            self.addPage(page)
        for which in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                      QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton,
                      QWizard.WizardButton.CancelButton):
            touch_sized(self.button(which))  # touch-sized: a kiosk runs the wizard too
        if planned:  # the plan chose the products: no search; its name and areas are offered as they are
            self.name_page.name.setText(planned.name)
            self.removePage(self.pageIds()[1])
        spawn(self._load_records())

    async def _load_records(self) -> None:
        self.records = await setup.shop_records(self.shop)
        if self.records.settings and self.records.settings.blind_count_default:  # the shop's own default
            self.options_page.blind.setChecked(True)

    def chosen_areas(self) -> list[Area]:
        return self.areas_page.chosen()

    def record_preview(self) -> SessionRecord:
        return SessionRecord(name=self.name_page.name.text().strip(), product_ids=[p.id for p in self.products],
                             areas=[a.key for a in self.chosen_areas()], blind=self.options_page.blind.isChecked(),
                             created_at="", created_by=self.shop.by)


class NamePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Name the session"))
        self.setSubTitle(self.tr("Letters, digits, '-' and '_': the name becomes part of a product tag."))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Spring-2026"))
        self.name.setAccessibleName(self.tr("Session name"))
        touch_sized(self.name)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.hint)
        self.name.textChanged.connect(self._check)

    def _check(self) -> None:
        problem = name_problem(self.name.text())
        self.hint.setText("" if problem is None or not self.name.text() else problem)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return name_problem(self.name.text()) is None


class ProductsPage(QWizardPage):
    def __init__(self, wizard: SessionWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Choose the products"))
        self.setSubTitle(self.tr("Shopify search: title, vendor:, product_type:, tag:, sku:, barcode:, status: "
                                 "(active and draft unless you say otherwise)."))
        self.query = QLineEdit()
        self.query.setPlaceholderText("vendor:'Northbound Gear' OR product_type:Tents")
        self.query.setAccessibleName(self.tr("Product search"))
        touch_sized(self.query)
        self.count = QLabel(self.tr("Type a search to see the products."))
        self.count.setWordWrap(True)
        self.count.setAccessibleName(self.tr("What will be tagged"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Matching products: the ticked ones are tagged"))
        self.list.itemChanged.connect(self._on_item_changed)
        side = current_theme().touch_target // 2  # a tick box a finger can hit
        self.list.setStyleSheet(f"QListView::indicator {{ width: {side}px; height: {side}px; }}")
        self.found: list[ProductChoice] = []
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        self._timer = QTimer(self, singleShot=True, interval=400)  # search as you type, not per keystroke
        self._timer.timeout.connect(lambda: spawn(self.search(), self._failed))
        self.query.textChanged.connect(lambda: self._timer.start())
        self._conflicts = 0

    def _failed(self, error: BaseException) -> None:
        self.count.setText(describe(error))

    async def search(self) -> None:
        text = self.query.text().strip()
        if not text:
            return
        found = await setup.search_products(self.w.shop, text, for_session=self.w.name_page.name.text().strip(),
                                            records=self.w.records)
        self.list.blockSignals(True)
        self.list.clear()
        self.found = []
        conflicts = 0
        statuses = {"DRAFT": self.tr("draft"), "ARCHIVED": self.tr("archived"), "UNLISTED": self.tr("unlisted")}
        for p in found.products:
            other = found.conflicts.get(p.id)
            label = p.title
            if other:
                label += self.tr("  — already in session %1").replace("%1", other)
            if p.status != "ACTIVE":
                label += f"  ({statuses.get(p.status, p.status.lower())})"
            item = QListWidgetItem(label)
            item.setSizeHint(QSize(0, current_theme().touch_target - 8))
            if other:  # a product is in at most one open session: shown, not pickable
                item.setFlags(item.flags() & ~(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable))
                conflicts += 1
            else:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)  # every match, until the user unticks some
                item.setData(Qt.ItemDataRole.UserRole, len(self.found))
                self.found.append(p)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._conflicts = conflicts
        self._update_chosen()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        self._update_chosen()

    def _update_chosen(self) -> None:
        chosen = [self.found[self.list.item(i).data(Qt.ItemDataRole.UserRole)] for i in range(self.list.count())
                  if self.list.item(i).data(Qt.ItemDataRole.UserRole) is not None
                  and self.list.item(i).checkState() == Qt.CheckState.Checked]
        self.w.products = chosen
        words = self.tr("%1 of %2 products will be tagged.").replace("%1", str(len(chosen))).replace(
            "%2", str(len(self.found) + self._conflicts))
        if self._conflicts:
            words += " " + self.tr("%1 are in another open session and cannot be picked (a product is in one open "
                                   "session at a time).").replace("%1", str(self._conflicts))
        if not chosen:
            words += " " + self.tr("Tick at least one product to go on.")
        self.count.setText(words)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.w.products)


class AreasPage(QWizardPage):
    def __init__(self, wizard: SessionWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Which storage areas are counted?"))
        self.boxes: list[tuple[QCheckBox, Area]] = []
        self.layout_ = QVBoxLayout(self)

    def initializePage(self) -> None:  # noqa: N802
        for box, _ in self.boxes:
            box.deleteLater()
        self.boxes = []
        records = self.w.records
        planned = self.w.planned.area_keys if self.w.planned else None
        for area in (records.areas if records and records.areas else []):
            where = records.location_name(area.location_id) if records else ""
            box = QCheckBox(f"{area.label}  →  {where}" + ("" if area.standard else self.tr("  (non-standard)")))
            box.setChecked(planned is None or area.key in planned)
            box.setMinimumHeight(current_theme().touch_target)
            box.toggled.connect(self.completeChanged)
            self.layout_.addWidget(box)
            self.boxes.append((box, area))

    def chosen(self) -> list[Area]:
        return [area for box, area in self.boxes if box.isChecked()]

    def isComplete(self) -> bool:  # noqa: N802
        return bool(self.chosen())


class PreflightPage(QWizardPage):
    def __init__(self, wizard: SessionWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Pre-flight check"))
        self.setSubTitle(self.tr("Nothing here blocks the session; each line says what it will cause."))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Pre-flight findings"))
        self.list.setWordWrap(True)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)

    def initializePage(self) -> None:  # noqa: N802
        self.list.clear()
        self.checked = False
        self.status.setText(self.tr("Checking the products…"))
        spawn(self._check(), lambda e: self.status.setText(describe(e)))

    async def _check(self) -> None:
        records = self.w.records or await setup.shop_records(self.w.shop)
        r = self.w.record_preview()
        lines, variants = await setup.preview_preflight(self.w.shop, r.name, r.product_ids, self.w.chosen_areas(),
                                                        records=records, blind=r.blind)
        for line in lines:
            self.list.addItem(f"{line.subject}: {translated(line.detail)}\n    → {translated(line.effect)}")
        note = "" if len(self.w.products) <= 250 else self.tr(" (checked the first 250 products)")
        self.status.setText(self.tr("%1 variants checked, %2 findings.").replace("%1", str(variants))
                            .replace("%2", str(len(lines))) + note)
        self.checked = True


class OptionsPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Options"))
        self.blind = QCheckBox(self.tr("Blind count: hide the expected quantity from counters"))
        self.blind.setMinimumHeight(current_theme().touch_target)
        QVBoxLayout(self).addWidget(self.blind)


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: SessionWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Ready"))
        self.setCommitPage(True)  # past this page nothing goes back: the products are tagged
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.summary)

    def initializePage(self) -> None:  # noqa: N802
        r = self.w.record_preview()
        self.summary.setText(self.tr("Session %1 will tag %2 products with %3, then copy Shopify's stock into "
                                     "each variant's baseline. Areas: %4.%5 Tagging cannot be taken back from "
                                     "here: releasing the session later removes the tags.")
                             .replace("%1", r.name).replace("%2", str(len(r.product_ids))).replace("%3", r.tag)
                             .replace("%4", ", ".join(a.label for a in self.w.chosen_areas()))
                             .replace("%5", self.tr(" Blind count.") if r.blind else ""))


class RunPage(QWizardPage):
    def __init__(self, wizard: SessionWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(self.tr("Tagging and snapshot"))
        self.progress = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self._done = False
        self._task: asyncio.Task[None] | None = None

    def initializePage(self) -> None:  # noqa: N802
        self.w.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self._task = spawn(self._run(), self._failed)

    def cleanupPage(self) -> None:  # noqa: N802
        if self._task and not self._task.done():
            self._task.cancel()

    def _failed(self, error: BaseException) -> None:
        self.status.setText(describe(error) + self.tr(" Running the wizard again with the same name finishes the job."))

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    async def _run(self) -> None:
        r = self.w.record_preview()
        self.status.setText(self.tr("Tagging %1 products…").replace("%1", str(len(r.product_ids))))
        await setup.create_session(self.w.shop, r.name, product_ids=r.product_ids, areas=r.areas, blind=r.blind,
                                   progress=self._progress)
        self.status.setText(self.tr("Copying Shopify's stock into the baselines…"))
        report = await setup.snapshot(self.w.shop, r.name, progress=self._progress)
        self.status.setText(self.tr("Done: %1 variants ready to count.").replace("%1", str(report.written)))
        self._done = True
        self.completeChanged.emit()
        self.w.session_ready.emit(r.name)

    def isComplete(self) -> bool:  # noqa: N802
        return self._done

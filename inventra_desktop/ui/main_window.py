"""The main window: sessions, the product grid, the scan box and the status bar.

It presents and forwards intents; `MainController` (controller.py) does the work.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from .grid_model import COL_BARCODE, ProductGridModel, ThumbnailLoader
from .status_badge import StatusBadgeDelegate
from .theme import current_theme
from .wheel_guard import guard_wheel

STATUS_FILTERS = [("all", None), ("not done", "not_done"), ("pending", "pending"), ("in progress", "in_progress"), ("done", "done"),
                  ("omitted", "omitted"), ("problems", "problem")]


class MainWindow(QMainWindow):
    """Signals (intents): session_selected(str), new_session_requested(), finalize_requested(),
    release_requested(), connect_requested(), scan_submitted(str), open_counter_requested(str variant id),
    filter_changed(), area_for_scans_changed(str)."""

    session_selected = Signal(str)
    new_session_requested = Signal()
    finalize_requested = Signal()
    progress_requested = Signal()
    release_requested = Signal()
    plan_requested = Signal()  # cycle counting: Plan a count…
    accuracy_requested = Signal()  # cycle counting: Accuracy…
    connect_requested = Signal()
    areas_requested = Signal()
    reset_demo_requested = Signal()
    help_requested = Signal()
    leave_kiosk_requested = Signal()
    scan_submitted = Signal(str)
    open_counter_requested = Signal(str)
    area_for_scans_changed = Signal(str)

    def __init__(self, *, kiosk: bool = False, demo: bool = False, thumbnails: bool = True) -> None:
        super().__init__()
        self.kiosk = kiosk
        theme = current_theme()
        self.setWindowTitle(self.tr("Inventra Desktop") + (self.tr(" — demo store") if demo else ""))
        self.resize(1280, 800)
        self._build_menus(demo)

        body = QWidget(self)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(theme.spacing, theme.spacing, theme.spacing, theme.spacing)
        outer.setSpacing(theme.spacing)

        # The scan box and the area scans count into: a keyboard-wedge scanner types here.
        scan_row = QHBoxLayout()
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(self.tr("Scan a barcode or type a SKU, then Enter"))
        self.scan.setAccessibleName(self.tr("Scan box"))
        self.scan.setMinimumHeight(theme.touch_target)
        big = QFont(self.scan.font())
        big.setPointSizeF(big.pointSizeF() * 1.3 * theme.font_scale)
        self.scan.setFont(big)
        self.scan_area = QComboBox()
        self.scan_area.setAccessibleName(self.tr("Area for scans"))
        self.scan_area.setMinimumHeight(theme.touch_target)
        self.scan_area.setMinimumWidth(180)
        scan_row.addWidget(QLabel(self.tr("Scan:")))
        scan_row.addWidget(self.scan, 1)
        scan_row.addWidget(QLabel(self.tr("into")))
        scan_row.addWidget(self.scan_area)
        outer.addLayout(scan_row)

        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Sessions"))
        heading.setFont(QFont(heading.font().family(), int(heading.font().pointSizeF() * 1.2), QFont.Weight.Bold))
        left_layout.addWidget(heading)
        self.sessions = QListWidget()
        self.sessions.setAccessibleName(self.tr("Sessions"))
        left_layout.addWidget(self.sessions, 1)
        self.sessions.setItemDelegate(_SessionDelegate(self.sessions))
        self._progress: dict[str, tuple[int, int]] = {}  # session -> (done, total), as last seen on this PC
        self.new_session = QPushButton(self.tr("New session…"))
        self.progress_button = QPushButton(self.tr("Progress…"))
        self.progress_button.setToolTip(self.tr("Charts: status per area and the variances so far"))
        self.finalize = QPushButton(self.tr("Finalize…"))
        self.release = QPushButton(self.tr("Release…"))
        self.plan_button = QPushButton(self.tr("Plan a count…"))
        self.plan_button.setToolTip(self.tr("Cycle counting: what is due, and a session from it"))
        self.accuracy_button = QPushButton(self.tr("Accuracy…"))
        self.accuracy_button.setToolTip(self.tr("Inventory record accuracy per session, and shrinkage"))
        for b in (self.new_session, self.progress_button, self.finalize, self.release, self.plan_button,
                  self.accuracy_button):
            b.setMinimumHeight(theme.touch_target)
            left_layout.addWidget(b)
        split.addWidget(left)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.filter_text = QLineEdit()
        self.filter_text.setPlaceholderText(self.tr("Filter by title, SKU or barcode"))
        self.filter_text.setAccessibleName(self.tr("Filter"))
        self.filter_text.setClearButtonEnabled(True)
        self.filter_status = QComboBox()
        self.filter_status.setAccessibleName(self.tr("Status filter"))
        for label, _ in STATUS_FILTERS:
            self.filter_status.addItem(self.tr(label))
        self.filter_area = QComboBox()
        self.filter_area.setAccessibleName(self.tr("Area filter"))
        for w in (self.filter_text, self.filter_status, self.filter_area):
            w.setMinimumHeight(max(36, theme.touch_target - 12))
        filters.addWidget(self.filter_text, 1)
        filters.addWidget(self.filter_status)
        filters.addWidget(self.filter_area)
        right_layout.addLayout(filters)

        # Thumbnails load lazily in the background, only for rows on screen.
        self.model = ProductGridModel(self, thumbnails=ThumbnailLoader(self, enabled=thumbnails))
        self.grid = QTableView()
        self.grid.setModel(self.model)
        self.grid.setAccessibleName(self.tr("Products"))
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Qt's headers start descending; a clerk expects A→Z.
        self.grid.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.grid.setSortingEnabled(True)
        self.grid.setAlternatingRowColors(True)
        self.grid.setWordWrap(False)
        self.grid.verticalHeader().setVisible(False)
        self.grid.verticalHeader().setDefaultSectionSize(max(36, theme.touch_target - 8))
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.grid.horizontalHeader().setStretchLastSection(False)
        self.badge = StatusBadgeDelegate(self.grid)
        right_layout.addWidget(self.grid, 1)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 1100])
        outer.addWidget(split, 1)
        self.setCentralWidget(body)

        # Status bar: online, waiting, last error, bucket.
        self.online = QLabel()
        self.waiting = QLabel()
        self.error = QLabel()
        self.error.setAccessibleName(self.tr("Last error"))
        self.bucket = QProgressBar()
        self.bucket.setMaximumWidth(140)
        self.bucket.setRange(0, 100)
        self.bucket.setFormat(self.tr("API %p%"))
        self.bucket.setAccessibleName(self.tr("Shopify API capacity"))
        bar = self.statusBar()
        bar.addWidget(self.online)
        bar.addWidget(self.waiting)
        bar.addWidget(self.error, 1)
        bar.addPermanentWidget(self.bucket)
        self.show_status(online=True, waiting=0, error=None, bucket=1.0)

        self.sessions.currentItemChanged.connect(self._on_session_item)
        self.new_session.clicked.connect(self.new_session_requested)
        self.progress_button.clicked.connect(self.progress_requested)
        self.plan_button.clicked.connect(self.plan_requested)
        self.accuracy_button.clicked.connect(self.accuracy_requested)
        self.finalize.clicked.connect(self.finalize_requested)
        self.release.clicked.connect(self.release_requested)
        self.scan.returnPressed.connect(self._on_scan_entered)
        self.scan_area.currentIndexChanged.connect(
            lambda i: self.area_for_scans_changed.emit(self.scan_area.itemData(i) or ""))
        self.grid.activated.connect(self._on_row_activated)  # double-click, tap, Enter
        self.grid.doubleClicked.connect(self._on_row_activated)
        self.filter_text.textChanged.connect(self._apply_filter)
        self.filter_status.currentIndexChanged.connect(self._apply_filter)
        self.filter_area.currentIndexChanged.connect(self._apply_filter)
        guard_wheel(self, self.scan_area, self.filter_status, self.filter_area)
        self._wedge = _WedgeRouter(self)
        self.installEventFilter(self._wedge)
        self.grid.installEventFilter(self._wedge)
        if kiosk:
            self.menuBar().hide()
            leave = QAction(self.tr("Leave kiosk mode"), self)
            leave.setShortcut("Ctrl+Shift+Q")  # the manager's way out; the PIN guards it
            leave.triggered.connect(self.leave_kiosk_requested)
            self.addAction(leave)
            from PySide6.QtWidgets import QScroller
            QScroller.grabGesture(self.grid.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)

    def _build_menus(self, demo: bool) -> None:
        shop_menu = self.menuBar().addMenu(self.tr("&Shop"))
        connect = QAction(self.tr("&Connect to a shop…"), self)
        connect.triggered.connect(self.connect_requested)
        areas = QAction(self.tr("Storage &areas…"), self)
        areas.triggered.connect(self.areas_requested)
        shop_menu.addAction(connect)
        shop_menu.addAction(areas)
        if demo:
            reset = QAction(self.tr("&Reset the demo store…"), self)
            reset.triggered.connect(self._confirm_reset_demo)
            shop_menu.addAction(reset)
        shop_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.triggered.connect(self.close)
        shop_menu.addAction(quit_action)
        session_menu = self.menuBar().addMenu(self.tr("S&ession"))
        for text, signal in ((self.tr("&New session…"), self.new_session_requested),
                             (self.tr("&Progress…"), self.progress_requested),
                             (self.tr("&Finalize…"), self.finalize_requested),
                             (self.tr("&Release…"), self.release_requested)):
            action = QAction(text, self)
            action.triggered.connect(signal)
            session_menu.addAction(action)
        cycle_menu = self.menuBar().addMenu(self.tr("&Cycle counting"))
        for text, signal in ((self.tr("&Plan a count…"), self.plan_requested),
                             (self.tr("&Accuracy…"), self.accuracy_requested)):
            action = QAction(text, self)
            action.triggered.connect(signal)
            cycle_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        guide = QAction(self.tr("&User guide"), self)
        guide.setShortcut("F1")
        guide.triggered.connect(self.help_requested)
        help_menu.addAction(guide)
        about = QAction(self.tr("&About Inventra"), self)
        about.triggered.connect(lambda: QMessageBox.about(self, self.tr("Inventra Desktop"), self.tr(
            "Inventra Desktop %1\n\nStock-takes for Shopify, with Shopify as the database.")
            .replace("%1", __version__)))
        help_menu.addAction(about)

    def _confirm_reset_demo(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Reset the demo store"), self.tr(
            "Start the demo store afresh? Its sessions and counts are deleted and its products and stock come back "
            "as they were on the first run. Real shops are not touched."),
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Reset, self)
        box.finished.connect(lambda result: result == QMessageBox.StandardButton.Reset and
                             self.reset_demo_requested.emit())
        box.open()
        self._reset_box = box

    def leave_kiosk(self) -> None:
        self.kiosk = False
        self.menuBar().show()
        self.showNormal()

    # ---- what the controller sets ------------------------------------------------------------
    def show_sessions(self, sessions: list[tuple[str, str]], current: str | None) -> None:
        self.sessions.blockSignals(True)
        self.sessions.clear()
        if not sessions:  # first run: say what to do rather than show an empty list
            hint = QListWidgetItem(self.tr("No session yet.\nNew session… starts one."))
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.sessions.addItem(hint)
        for name, state in sessions:
            item = QListWidgetItem(f"{name}\n{self.tr(state)}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            self._set_item_progress(item)
            self.sessions.addItem(item)
            if name == current:
                self.sessions.setCurrentItem(item)
        self.sessions.blockSignals(False)

    def size_columns(self) -> None:
        """Fixed starting widths (never ResizeToContents: it reads every row of a 50,000-row model)."""
        model, header = self.model, self.grid.horizontalHeader()
        fm = self.grid.fontMetrics()  # widths follow the type size (larger in kiosk mode)

        def text(sample: str) -> int:
            return fm.horizontalAdvance(sample) + 18

        widths = {0: text("Expedition 65L Backpack"), 1: text("M/L / Black X"), 2: text("NB-BP65-ML-BLK"),
                  3: text("2090000011265")}
        last = model.columnCount() - 1
        for column in range(model.columnCount()):
            # Kiosk type is larger: the barcode column (the scanner reads it; the filter still finds it) makes room.
            self.grid.setColumnHidden(column, column in model.hidden_columns() or (self.kiosk and column == COL_BARCODE))
            heading = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            # The status badge is set in a larger bold type than the grid's: room for "In progress" in it.
            header.resizeSection(column, widths.get(column, int(text("In progress") * 1.3) if column == last else
                                                    max(text("0000"), text(heading))))
        # The title takes what is left of the window, so long product names show in full where they can.
        others = sum(header.sectionSize(c) for c in range(1, model.columnCount()) if not self.grid.isColumnHidden(c))
        header.resizeSection(0, max(widths[0], self.grid.viewport().width() - others - 2))

    def show_areas(self, areas: list[tuple[str, str]], current: str | None) -> None:
        for combo, with_all in ((self.scan_area, False), (self.filter_area, True)):
            combo.blockSignals(True)
            combo.clear()
            if with_all:
                combo.addItem(self.tr("all areas"), None)
            for key, label in areas:
                combo.addItem(label, key)
            combo.blockSignals(False)
        if current:
            self.scan_area.setCurrentIndex(max(0, self.scan_area.findData(current)))

    def show_session_state(self, state: str) -> None:
        """While counting the manager finalizes; afterwards the same button opens the results and the apply."""
        counting = state in ("open", "snapshotted")
        self.finalize.setText(self.tr("Finalize…") if counting else self.tr("Results and apply…"))

    def show_progress(self, done: int, total: int) -> None:
        """The open session's progress: a bar under its name in the list (kept for the others
        as last seen, since reading every session's variants on each start would cost too much)."""
        item = self.sessions.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item else None
        if name:
            self._progress[name] = (done, total)
            self._set_item_progress(item)

    def _set_item_progress(self, item: QListWidgetItem) -> None:
        known = self._progress.get(item.data(Qt.ItemDataRole.UserRole))
        item.setData(PROGRESS_ROLE, known)
        done_text = self.tr("%1 of %2 done").replace("%1", str(known[0])).replace("%2", str(known[1])) if known else ""
        item.setToolTip(done_text)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, done_text)

    def show_status(self, *, online: bool, waiting: int, error: str | None, bucket: float) -> None:
        self.online.setText("● " + (self.tr("Online") if online else self.tr("Offline")))
        self.online.setStyleSheet(f"color: {'#1b7f3a' if online else '#b3261e'}; font-weight: bold;")
        self.waiting.setText(self.tr("All counts saved in Shopify") if waiting == 0
                             else self.tr("%1 waiting to be sent").replace("%1", str(waiting)))
        self.error.setText(error or "")
        self.bucket.setValue(int(round(bucket * 100)))

    def flash_scan(self, ok: bool, message: str = "") -> None:
        """Distinct feedback for success and failure at the scan box."""
        colour = "#d8f5df" if ok else "#fde0dc"
        self.scan.setStyleSheet(f"background: {colour};")
        if message:
            self.statusBar().showMessage(message, 4000)
        from PySide6.QtCore import QTimer
        QTimer.singleShot(600, self.scan, lambda: self.scan.setStyleSheet(""))  # dies with the box

    def warn(self, title: str, text: str) -> None:
        """A loud, dismissable warning (unknown or shared barcode)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self._last_warning = box

    # ---- intents ---------------------------------------------------------------------
    def _on_session_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.session_selected.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_scan_entered(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if code:
            self.scan_submitted.emit(code)

    def _on_row_activated(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            self.open_counter_requested.emit(self.model.variant_at(index.row()))

    def _apply_filter(self) -> None:
        status = STATUS_FILTERS[max(0, self.filter_status.currentIndex())][1]
        self.model.set_filter(self.filter_text.text(), status, self.filter_area.currentData())

    def current_area(self) -> str | None:
        return self.scan_area.currentData()


PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 1


class _SessionDelegate(QStyledItemDelegate):
    """A session in the list: its name and state, and a progress bar with "n of m done" under them."""

    @staticmethod
    def _bar_height(option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.height() + 8

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint(option, index)
        extra = self._bar_height(option) + 10 if index.data(PROGRESS_ROLE) else 8
        return QSize(hint.width(), hint.height() + extra)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        known = index.data(PROGRESS_ROLE)
        if not known:
            super().paint(painter, option, index)
            return
        bar_height = self._bar_height(option)
        top = QStyleOptionViewItem(option)
        top.rect = option.rect.adjusted(0, 2, 0, -(bar_height + 8))
        super().paint(painter, top, index)
        done, total = known
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(6, option.rect.height() - bar_height - 5, -6, -5)
        bar.minimum, bar.maximum, bar.progress = 0, max(1, total), done
        bar.text = QCoreApplication.translate("MainWindow", "%1 of %2 done").replace("%1", str(done)).replace(
            "%2", str(total))
        bar.textVisible = True
        bar.state = option.state
        QApplication.style().drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class _WedgeRouter(QObject):
    """A keyboard-wedge scanner types the code and Enter wherever the focus is: printable keys
    that land on the window or the grid go to the scan box instead."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if text and text.isprintable() and not event.modifiers() & (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                self.window.scan.setFocus()
                self.window.scan.insert(text)
                return True
        return False

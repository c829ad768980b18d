"""The main window: sessions, the product grid, the scan box and the status bar.

It presents and forwards intents; `MainController` (controller.py) does the work.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from .grid_model import COL_BARCODE, COL_TITLE, ProductGridModel, ThumbnailLoader
from .grid_order import COL_BASELINE, COL_SKU, COL_VARIANT, FIRST_AREA_COLUMN
from .scan_bar import ScanBar, WedgeRouter
from .screen_fit import fit_window
from .session_list import STATE_ROLE, SessionList
from .status_badge import StatusBadgeDelegate
from .status_words import status_word
from .theme import current_theme
from .touch import touch_button
from .wheel_guard import guard_wheel



STATUS_FILTERS = [(None, None), ("not done", "not_done"), ("pending", "pending"), ("in_progress", "in_progress"),
                  ("done", "done"), ("omitted", "omitted"), ("problem", "problem")]
PREFERRED = QSize(1280, 800)


class MainWindow(QMainWindow):
    """Signals (intents): session_selected(str), new_session_requested(), finalize_requested(),
    progress_requested(), release_requested(), connect_requested(), areas_requested(),
    reset_demo_requested(), help_requested(), leave_kiosk_requested(), forget_pin_requested(),
    scan_submitted(str), open_counter_requested(str variant id), area_for_scans_changed(str)."""

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
    forget_pin_requested = Signal()
    scan_submitted = Signal(str)
    open_counter_requested = Signal(str)
    area_for_scans_changed = Signal(str)

    def __init__(self, *, kiosk: bool = False, demo: bool = False, thumbnails: bool = True) -> None:
        super().__init__()
        self.kiosk = kiosk
        theme = current_theme()
        self.setWindowTitle(self.tr("Inventra Desktop") + (self.tr(" — demo store") if demo else ""))
        self.setAccessibleName(self.tr("Inventra Desktop"))
        self._build_menus(demo)

        body = QWidget(self)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(theme.spacing, theme.spacing, theme.spacing, theme.spacing)
        outer.setSpacing(theme.spacing)

        # The scan box and the area scans count into: a keyboard-wedge scanner types here.
        self.scan_bar = ScanBar()
        self.scan, self.scan_area = self.scan_bar.scan, self.scan_bar.area
        outer.addWidget(self.scan_bar)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        left = self._sessions_panel = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Sessions"))
        heading.setFont(QFont(heading.font().family(), int(heading.font().pointSizeF() * 1.2), QFont.Weight.Bold))
        left_layout.addWidget(heading)
        self.sessions = SessionList()
        left_layout.addWidget(self.sessions, 1)
        self.new_session = touch_button(self.tr("New session…"), self)
        self.progress_button = touch_button(self.tr("Progress…"), self)
        self.progress_button.setToolTip(self.tr("Charts: status per area and the variances so far"))
        self.finalize = touch_button(self.tr("Finalize…"), self)
        self.release = touch_button(self.tr("Release…"), self)
        self.plan_button = touch_button(self.tr("Plan a count…"), self)
        self.plan_button.setToolTip(self.tr("Cycle counting: what is due, and a session from it"))
        self.accuracy_button = touch_button(self.tr("Accuracy…"), self)
        self.accuracy_button.setToolTip(self.tr("Inventory record accuracy per session, and shrinkage"))
        # Two a row: six touch-high buttons one above the other leave no room on a 600-pixel screen.
        buttons = QGridLayout()
        buttons.setSpacing(theme.spacing // 2)
        for index, b in enumerate((self.new_session, self.progress_button, self.finalize, self.release,
                                   self.plan_button, self.accuracy_button)):
            b.setAutoDefault(False)
            buttons.addWidget(b, index // 2, index % 2)
        left_layout.addLayout(buttons)
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
        for label, status in STATUS_FILTERS:
            self.filter_status.addItem(self.tr("every status") if label is None else self.tr("not done")
                                       if status == "not_done" else status_word(status or ""))
        self.filter_area = QComboBox()
        self.filter_area.setAccessibleName(self.tr("Area filter"))
        for combo in (self.filter_status, self.filter_area):  # "every area" and the area names read whole
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for w in (self.filter_text, self.filter_status, self.filter_area):
            w.setMinimumHeight(max(36, theme.touch_target - 12) if not kiosk else theme.touch_target)
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
        self._title_room = 0  # the title's least width, in pixels of the grid's type (size_columns)
        self._stepped_aside: list[int] = []  # columns hidden to give the title that width
        self.size_columns()  # the empty grid too: its headings read, the title takes the width
        right_layout.addWidget(self.grid, 1)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 1100])
        outer.addWidget(split, 1)
        self.setCentralWidget(body)

        # Status bar: online, waiting, last error, how much of the API allowance is free.
        self.online = QLabel()
        self.online.setAccessibleName(self.tr("Connection"))
        self.waiting = QLabel()
        self.waiting.setAccessibleName(self.tr("Counts waiting"))
        self.error = QLabel()
        self.error.setAccessibleName(self.tr("Last error"))
        self.error.setWordWrap(True)
        self.bucket = QProgressBar()
        self.bucket.setMaximumWidth(220)
        self.bucket.setRange(0, 100)
        self.bucket.setFormat(self.tr("Shopify API: %p% free"))
        self.bucket.setMinimumWidth(self.bucket.fontMetrics().horizontalAdvance(self.bucket.format() + "000") + 24)
        self.bucket.setToolTip(self.tr("How much of the shop's API allowance is free now (Shopify's cost bucket). "
                                       "Near 0 the app waits a moment before it sends more; nothing is lost."))
        self.bucket.setAccessibleName(self.tr("Shopify API allowance free"))
        bar = self.statusBar()
        bar.addWidget(self.online)
        bar.addWidget(self.waiting)
        bar.addWidget(self.error, 1)
        bar.addPermanentWidget(self.bucket)
        self.show_status(online=True, waiting=0, error=None, bucket=1.0)
        self.show_session_actions(None)

        self.sessions.currentItemChanged.connect(self._on_session_item)
        self.new_session.clicked.connect(self.new_session_requested)
        self.progress_button.clicked.connect(self.progress_requested)
        self.plan_button.clicked.connect(self.plan_requested)
        self.accuracy_button.clicked.connect(self.accuracy_requested)
        self.finalize.clicked.connect(self.finalize_requested)
        self.release.clicked.connect(self.release_requested)
        self.scan_bar.scan_submitted.connect(self.scan_submitted)
        self.scan_bar.area_changed.connect(self.area_for_scans_changed)
        self.grid.activated.connect(self._on_row_activated)  # double-click, Enter (and a tap where the style says)
        self.grid.doubleClicked.connect(self._on_row_activated)
        self.grid.clicked.connect(self._on_row_tapped)  # kiosk: one tap opens the counter
        self.filter_text.textChanged.connect(self._apply_filter)
        self.filter_status.currentIndexChanged.connect(self._apply_filter)
        self.filter_area.currentIndexChanged.connect(self._apply_filter)
        guard_wheel(self, self.filter_status, self.filter_area)
        self._wedge = WedgeRouter(self, self.scan_bar)
        self.installEventFilter(self._wedge)
        self.grid.installEventFilter(self._wedge)
        self.grid.viewport().installEventFilter(self)
        fit_window(self, PREFERRED)
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
        forget = QAction(self.tr("Forget the kiosk's manager PIN…"), self)
        forget.triggered.connect(self.forget_pin_requested)
        shop_menu.addAction(forget)
        shop_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        shop_menu.addAction(quit_action)
        self.addAction(quit_action)  # also while the menu bar is hidden
        session_menu = self.menuBar().addMenu(self.tr("S&ession"))
        self.session_menu_actions: dict[str, QAction] = {}
        for key, text, signal in (("new", self.tr("&New session…"), self.new_session_requested),
                                  ("progress", self.tr("&Progress…"), self.progress_requested),
                                  ("finalize", self.tr("&Finalize…"), self.finalize_requested),
                                  ("release", self.tr("&Release…"), self.release_requested)):
            action = QAction(text, self)
            action.triggered.connect(signal)
            session_menu.addAction(action)
            self.session_menu_actions[key] = action
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
        """Desktop mode: the menu bar, a normal window and the desktop's column sizes."""
        self.kiosk = False
        self.menuBar().show()
        self.showNormal()
        fit_window(self, PREFERRED)
        self.size_columns()

    # ---- what the controller sets ------------------------------------------------------------
    def show_sessions(self, sessions: list[tuple[str, str]], current: str | None) -> None:
        self.sessions.show_sessions(sessions, current)

    def show_session_actions(self, state: str | None) -> None:
        """What the session buttons can do in `state` (None: no session open)."""
        counting = state in ("open", "snapshotted")
        for button, key, enabled in ((self.progress_button, "progress", state is not None),
                                     (self.finalize, "finalize", state is not None),
                                     (self.release, "release", state in ("finalized", "applied"))):
            button.setEnabled(enabled)
            self.session_menu_actions[key].setEnabled(enabled)
        self.finalize.setText(self.tr("Finalize…") if counting or state is None else
                              self.tr("Report…") if state == "released" else self.tr("Results and apply…"))
        self.release.setToolTip("" if state in ("finalized", "applied") else
                                self.tr("A session is released once it is finalized."))

    def show_session_state(self, state: str) -> None:
        """While counting the manager finalizes; afterwards the same button opens the results and the apply."""
        self.show_session_actions(state)

    def size_columns(self) -> None:
        """Starting widths from the type size (never ResizeToContents: it reads every row of a
        50,000-row model); the title takes whatever width the window has left, as it resizes."""
        model, header = self.model, self.grid.horizontalHeader()
        fm = self.grid.fontMetrics()  # widths follow the type size (larger in kiosk mode)

        def text(sample: str) -> int:
            return fm.horizontalAdvance(sample) + 18

        widths = {1: text("M/L / Black X"), 2: text("NB-BP65-ML-BLK"), 3: text("2090000011265")}
        # The badge is set in a larger bold type than the grid's: room for the longest status word in it.
        badge = int(max(text(status_word(s)) for s in ("pending", "in_progress", "done", "omitted", "problem")) * 1.3)
        last = model.columnCount() - 1
        self._stepped_aside = []  # every column shows again; _make_room_for_the_title decides anew
        for column in range(model.columnCount()):
            # Kiosk type is larger: the barcode column (the scanner reads it; the filter still finds it) makes room.
            self.grid.setColumnHidden(column, column in model.hidden_columns() or (self.kiosk and column == COL_BARCODE))
            heading = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            if column == COL_TITLE:
                continue
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, widths.get(column, badge if column == last else
                                                    max(text("0000"), text(heading))))
        if model.columnCount():
            header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(text("000"))
            self._title_room = text("Collapsible Water Carr")
            self._number_width = text("00000")
            # The divider cannot squeeze what a counter looks for out of view: the grid keeps room for
            # the title, the variant, the areas and the total at their narrowest, and the status
            # (within what the screen leaves beside the sessions panel).
            least = (self._title_room + header.sectionSize(COL_VARIANT) + badge + self._number_width
                     * (model.total_column - FIRST_AREA_COLUMN + 1) + self.grid.verticalScrollBar().sizeHint().width()
                     + 2 * self.grid.frameWidth())
            screen = self.screen().availableGeometry().width() if self.screen() else least
            self.grid.setMinimumWidth(max(0, min(least, screen - self._sessions_panel.minimumSizeHint().width() - 40)))
            QTimer.singleShot(0, self, self._make_room_for_the_title)  # once the grid has its final width

    def _others_width(self) -> int:
        """The width of every shown column but the title."""
        header = self.grid.horizontalHeader()
        return sum(header.sectionSize(c) for c in range(1, self.model.columnCount()) if not self.grid.isColumnHidden(c))

    def _make_room_for_the_title(self) -> None:
        """On a narrow grid (a 1024×600 kiosk) the title would shrink to a few letters, or the
        total and the status (what a counter looks for) would scroll out of sight: the last count's
        columns step aside first (the counter shows the last count), then the barcode and the SKU
        (the filter still finds them; the counter shows them), the variance and the baseline (the
        manager's, in the results); then the area and total columns narrow by just what is missing,
        down to their numbers (the heading's tooltip names them); what still does not fit scrolls
        sideways."""
        model, header = self.model, self.grid.horizontalHeader()
        room = self.grid.viewport().width() - self._title_room

        def step_aside(columns: list[int]) -> bool:
            for column in columns:
                if self._others_width() <= room:
                    return True
                if not self.grid.isColumnHidden(column):
                    self.grid.setColumnHidden(column, True)
                    self._stepped_aside.append(column)
            return self._others_width() <= room

        if step_aside([model.last_variance_column, model.last_counted_column, COL_BARCODE, model.variance_column,
                       COL_SKU, COL_BASELINE]):
            return
        numbers = [c for c in range(FIRST_AREA_COLUMN, model.total_column + 1) if not self.grid.isColumnHidden(c)]
        spare = {c: max(0, header.sectionSize(c) - self._number_width) for c in numbers}
        excess = self._others_width() - room
        if 0 < excess <= sum(spare.values()):  # each narrows by its part of what is missing, no more
            share = excess / sum(spare.values())
            for column in numbers:
                header.resizeSection(column, header.sectionSize(column) - math.ceil(spare[column] * share))
        elif excess > 0:  # too narrow even so: the title keeps its width, the headings stay whole, the grid scrolls sideways
            header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(COL_TITLE, self._title_room)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # The grid's own width, not the window's: the sessions panel beside it takes its width
        # only once the sessions are listed, with no resize of the window.
        if watched is self.grid.viewport() and event.type() == QEvent.Type.Resize:
            assert isinstance(event, QResizeEvent)
            if event.oldSize().width() != event.size().width():
                QTimer.singleShot(0, self, self._refit_columns)  # once the layout has settled
        return super().eventFilter(watched, event)

    def _refit_columns(self) -> None:
        """Columns step aside or come back as the window narrows or widens; otherwise the widths a
        user dragged stay."""
        if self.model.columnCount() and (self._stepped_aside or
                                         self._title_room + self._others_width() > self.grid.viewport().width()):
            self.size_columns()

    def show_areas(self, areas: list[tuple[str, str]], current: str | None) -> None:
        self.scan_bar.show_areas(areas, current)
        self.filter_area.blockSignals(True)
        self.filter_area.clear()
        self.filter_area.addItem(self.tr("every area"), None)
        for key, label in areas:
            self.filter_area.addItem(label, key)
        self.filter_area.blockSignals(False)

    def show_area(self, key: str) -> None:
        """The area scans count into changed elsewhere (the counter, an area code)."""
        self.scan_bar.set_area(key)

    def show_progress(self, done: int, total: int) -> None:
        self.sessions.show_progress(done, total)

    def show_status(self, *, online: bool, waiting: int, error: str | None, bucket: float) -> None:
        self.online.setText("● " + (self.tr("Online") if online else self.tr("Offline")))
        self.online.setStyleSheet(f"color: {'#1b7f3a' if online else '#b3261e'}; font-weight: bold;")
        self.waiting.setText(self.tr("All counts saved in Shopify") if waiting == 0
                             else self.tr("%n count(s) waiting to be sent", "", waiting))
        self.error.setText(error or "")
        self.bucket.setValue(int(round(bucket * 100)))

    def flash_scan(self, ok: bool, message: str = "") -> None:
        """Distinct feedback for success and failure at the scan box."""
        self.scan_bar.flash(ok)
        if message:
            self.statusBar().showMessage(message, 4000)

    def scan_not_counted(self, code: str, why: str) -> None:
        """A scanned code that counted nothing: listed in the scan banner, never a modal box."""
        self.scan_bar.not_counted_scan(code, why)

    def warn(self, title: str, text: str) -> None:
        """A warning outside the scan path (a refused count): modal, but never while scanning."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        self._last_warning = box

    # ---- intents ---------------------------------------------------------------------
    def _on_session_item(self, item) -> None:  # type: ignore[no-untyped-def]
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self.session_selected.emit(item.data(Qt.ItemDataRole.UserRole))

    def selected_session_state(self) -> str | None:
        item = self.sessions.currentItem()
        return item.data(STATE_ROLE) if item else None

    def _on_row_activated(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            self.open_counter_requested.emit(self.model.variant_at(index.row()))

    def _on_row_tapped(self, index) -> None:  # type: ignore[no-untyped-def]
        if self.kiosk and index.isValid():
            self.open_counter_requested.emit(self.model.variant_at(index.row()))

    def _apply_filter(self) -> None:
        status = STATUS_FILTERS[max(0, self.filter_status.currentIndex())][1]
        self.model.set_filter(self.filter_text.text(), status, self.filter_area.currentData())

    def current_area(self) -> str | None:
        return self.scan_bar.current_area()

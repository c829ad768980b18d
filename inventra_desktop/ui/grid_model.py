"""The product grid's model: tens of thousands of variants, sorted and filtered below Qt.

`ProductGridModel` owns plain `GridRow`s plus two index lists: `_sorted` (every row, in sort
order) and `_order` (the sorted rows that pass the filter: what the view shows). Sorting is a
`list.sort(key=...)` over values read once per sort, filtering is a substring test on a
precomputed lowercase string, and both swap `_order` inside `layoutAboutToBeChanged` /
`layoutChanged`, moving persistent indexes (the view's selection and current row) with their
rows. Never put a QSortFilterProxyModel on top: at 50,000 rows its Python `data()` calls cost
seconds per sort (STYLE.md, "Big tables").

The view is not built here, but two rules keep it fast: never use `ResizeToContents` header
modes (they call `data()` for every row), and give the vertical header a fixed section size.

Thumbnails come from `ThumbnailLoader`: the view asks for a Title cell's DecorationRole, the
model queues that row's image URL, and emits `dataChanged` for that cell when it arrives.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

from PySide6.QtCore import (QAbstractItemModel, QAbstractTableModel, QModelIndex, QModelRoleDataSpan, QObject,
                            QPersistentModelIndex, Qt)
from PySide6.QtGui import QIcon

from .grid_order import (COL_BARCODE, COL_BASELINE, COL_SKU, COL_TITLE, COL_VARIANT, FIRST_AREA_COLUMN, RowFilter,
                         filtered, key_function, sorted_index, title_order)
from .grid_row import STATUS_RANK, GridRow, StatusName, changed_spans, find
from .status_words import status_word
from .thumbnails import ThumbnailLoader, placeholder_icon

__all__ = ["COL_BARCODE", "COL_BASELINE", "COL_SKU", "COL_TITLE", "COL_VARIANT", "FIRST_AREA_COLUMN", "STATUS_RANK", "GridRow", "StatusName", "ThumbnailLoader", "ProductGridModel", "placeholder_icon"]

# Fixed columns (grid_order.py); the area columns follow Baseline, then Total, Variance and
# Status (their numbers depend on the areas: see `total_column`, `variance_column`, `status_column`).

_USER = int(Qt.ItemDataRole.UserRole)
SortRole = _USER + 1  # the value the model sorts this cell by (None sorts last)
StatusRole = _USER + 2  # the row's status name, e.g. "in_progress"
VariantIdRole = _USER + 3  # the row's ProductVariant gid
CountedRole = _USER + 4  # area cells: whether that area is marked counted
HiddenRole = _USER + 5  # headerData: True for a column the view must hide (blind count)

# Plain ints: data() compares roles thousands of times a second, and int == int beats enum ==.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_RIGHT_INT = int(_RIGHT.value)
# Roles a delegate asks for that the grid never answers (fonts and colours come from the view).
_UNANSWERED = frozenset(int(r) for r in (Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole,
                                          Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.CheckStateRole))
_SORT_HINT = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
# PySide picks a signal overload by its C++ signature; a bare emit([], hint) is refused.
_WITH_HINT = "QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint"


class ProductGridModel(QAbstractTableModel):
    """The session's variants as a table that sorts and filters its own index.

    Columns: Title, Variant, SKU, Barcode, Baseline, one per area (header: the area's label),
    Total, Variance, Status. In a blind count Baseline and Variance answer None for every role,
    their headers say so (`HiddenRole`), and `hidden_columns()` names them for the view to hide.

    Only QAbstractItemModel's own signals; rows are replaced with `set_rows` (one reset) and
    refreshed in place with `update_rows` (`dataChanged` for the changed cells only).
    """

    def __init__(self, parent: QObject | None = None, *, thumbnails: ThumbnailLoader | None = None) -> None:
        super().__init__(parent)
        self._rows: list[GridRow] = []
        self._search: list[str] = []  # by row index: the filter loop then does no attribute lookups
        self._by_id: dict[str, int] = {}
        self._sorted: list[int] = []  # every row index, in sort order
        self._order: list[int] = []  # view row -> row index: the sorted rows that pass the filter
        self._positions_cache: list[int] | None = None  # row index -> view row (-1: filtered out)
        self._title_order: list[int] | None = None  # row indexes by title: every sort's tie-break
        self._areas: list[tuple[str, str]] = []
        self._area_keys: list[str] = []
        self._blind = False
        self._sort_column = -1  # -1: the order given to set_rows
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._filter = RowFilter()
        self._stale = False  # update_rows changed rows since the filter last ran
        self._thumbnails = thumbnails
        self._waiting: dict[str, set[str]] = {}  # image url -> variant ids showing the placeholder
        self._status_labels = {status: status_word(status) for status in STATUS_RANK}
        self._headers: list[str] = []
        self._last: dict[str, tuple[str, int | None]] = {}  # see set_last_counts
        self._set_columns([])
        if thumbnails is not None:
            thumbnails.loaded.connect(self._on_thumbnails_loaded)
            thumbnails.failed.connect(self._on_thumbnails_failed)

    # ---- columns ------------------------------------------------------------------------------

    def _set_columns(self, areas: list[tuple[str, str]]) -> None:
        self._areas = list(areas)
        self._area_keys = [key for key, _ in areas]
        self.total_column = FIRST_AREA_COLUMN + len(areas)
        self.variance_column = self.total_column + 1
        # Cycle counting: when each variant was last counted, and by how much its last count was off.
        self.last_counted_column = self.total_column + 2
        self.last_variance_column = self.total_column + 3
        self.status_column = self.total_column + 4
        self._column_count = self.total_column + 5
        self._headers = ([self.tr("Title"), self.tr("Variant"), self.tr("SKU"), self.tr("Barcode"), self.tr("Baseline")]
                         + [label for _, label in areas] + [self.tr("Total"), self.tr("Variance"),
                                                            self.tr("Last counted"), self.tr("Last variance"),
                                                            self.tr("Status")])

    def area_column(self, key: str) -> int | None:
        try:
            return FIRST_AREA_COLUMN + self._area_keys.index(key)
        except ValueError:
            return None

    def area_at(self, column: int) -> str | None:
        """The area key shown in `column`, or None for other columns."""
        return self._area_keys[column - FIRST_AREA_COLUMN] if FIRST_AREA_COLUMN <= column < self.total_column else None

    def hidden_columns(self) -> list[int]:
        """Columns the view must hide: Baseline, Variance and the last count's variance in a blind count."""
        return [COL_BASELINE, self.variance_column, self.last_variance_column] if self._blind else []

    def set_last_counts(self, last: dict[str, tuple[str, int | None]]) -> None:
        """Variant gid -> (last counted as an ISO date or "", the last count's variance or None):
        read from the count histories after the rows, so they come in their own update."""
        self._last = dict(last)
        if self._order:
            self.dataChanged.emit(self.index(0, self.last_counted_column),
                                  self.index(len(self._order) - 1, self.last_variance_column), [])

    @property
    def blind(self) -> bool:
        return self._blind

    # ---- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._column_count

    # flags(): QAbstractTableModel's own (enabled, selectable, never has children) is what the
    # grid needs, and leaving it in C++ saves a Python call per painted cell.

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        return self._value(self._rows[self._order[index.row()]], index.column(), role)

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan: QModelRoleDataSpan) -> None:
        # A delegate asks for seven roles per painted cell: one Python call answers them all
        # (measured: about 12 µs a cell instead of 19 for seven data() calls).
        if not index.isValid():
            for role_data in roleDataSpan:
                role_data.clearData()
            return
        row = self._rows[self._order[index.row()]]
        column = index.column()
        hidden = self._blind and column in (COL_BASELINE, self.variance_column, self.last_variance_column)
        for role_data in roleDataSpan:
            # The span is reused from cell to cell: clear every role not answered.
            role = role_data.role()
            if hidden or role in _UNANSWERED:
                role_data.clearData()
            elif role == _DISPLAY:
                role_data.setData(self._display(row, column))
            elif role == _ALIGNMENT:
                if COL_BASELINE <= column < self.status_column:
                    role_data.setData(_RIGHT_INT)  # an int: converting the enum costs more than the rest
                else:
                    role_data.clearData()
            else:
                v = self._value(row, column, role)
                if v is None:
                    role_data.clearData()
                else:
                    role_data.setData(v)

    def _value(self, row: GridRow, column: int, role: int) -> Any:
        if self._blind and column in (COL_BASELINE, self.variance_column, self.last_variance_column):
            return None
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _ALIGNMENT:
            return _RIGHT if COL_BASELINE <= column < self.status_column else None
        if role == _DECORATION:
            return self._decoration(row) if column == COL_TITLE else None
        if role == _TOOLTIP:
            return row.problem
        if role == StatusRole:
            return row.status
        if role == VariantIdRole:
            return row.variant_id
        if role == SortRole:
            key = self._key_function(column)
            return key(row) if key is not None else None
        if role == CountedRole:
            area = self.area_at(column)
            return row.counted.get(area, False) if area is not None else None
        return None

    def _display(self, row: GridRow, column: int) -> str:
        if column == COL_TITLE:
            return row.title
        if column == COL_VARIANT:
            return row.variant
        if column == COL_SKU:
            return row.sku
        if column == COL_BARCODE:
            return row.barcode
        if column == COL_BASELINE:
            return "" if row.baseline is None else str(row.baseline)
        if column < self.total_column:
            key = self._area_keys[column - FIRST_AREA_COLUMN]
            qty = row.qty.get(key, 0)
            return str(qty) if qty or row.counted.get(key) else "–"  # a dash: not counted there yet
        if column == self.total_column:
            return str(row.total)
        if column == self.variance_column:
            v = row.variance
            return "" if v is None else f"{v:+d}" if v else "0"
        if column == self.last_counted_column:
            return self._last.get(row.variant_id, ("", None))[0]
        if column == self.last_variance_column:
            v = self._last.get(row.variant_id, ("", None))[1]
            return "" if v is None else f"{v:+d}" if v else "0"
        return self._status_labels.get(row.status, row.status)

    def _decoration(self, row: GridRow) -> QIcon:
        url, loader = row.image_url, self._thumbnails
        if url and loader is not None:
            icon = loader.icon(url)
            if icon is not None:
                return icon
            if loader.enabled:
                self._waiting.setdefault(url, set()).add(row.variant_id)
        return placeholder_icon()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self._column_count:
            return super().headerData(section, orientation, role)
        if role == _DISPLAY:
            return self._headers[section]
        if role == HiddenRole:
            return section in self.hidden_columns()
        if role == _TOOLTIP:
            if section in self.hidden_columns():
                return self.tr("Hidden: this is a blind count")
            area = self.area_at(section)
            # The whole heading, also where a narrow grid elides it.
            return self.tr("Counted in area “%1”").replace("%1", area) if area is not None else self._headers[section]
        return None

    # ---- rows ---------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[GridRow], areas: Sequence[tuple[str, str]], blind: bool = False) -> None:
        """Replaces every row and the area columns in one reset; the sort and filter stay.

        The columns can move (areas) and blind mode can change: on `modelReset` the view re-hides
        `hidden_columns()` and puts the badge delegate on `status_column`.
        """
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [r.search for r in self._rows]
        self._by_id = {r.variant_id: i for i, r in enumerate(self._rows)}
        self._set_columns(list(areas))
        self._blind = blind
        if self._sort_column >= self._column_count or (blind and self._sort_column in self.hidden_columns()):
            self._sort_column = -1
        self._title_order = None
        self._waiting.clear()
        self._sorted = self._sorted_index()
        self._order = self._filtered(self._sorted)
        self._positions_cache = None
        self._stale = False
        self.endResetModel()

    def update_rows(self, rows: Iterable[GridRow]) -> int:
        """Replaces rows by variant id and emits `dataChanged` for exactly the cells that changed.

        A changed row stays where it is, even when the sort column's value or the filter's
        verdict changed: rows jumping away under a counter's finger is worse than a row briefly
        out of order. The next `sort` or `set_filter` puts it in place. Variants the grid does
        not hold are ignored (a new variant needs `set_rows`). Returns how many rows changed.
        """
        changed = 0
        for new in rows:
            i = self._by_id.get(new.variant_id)
            if i is None:
                continue
            old = self._rows[i]
            if old == new:
                continue
            self._rows[i] = new
            if new.search != old.search:
                self._search[i] = new.search
                self._title_order = None
            self._stale = True
            changed += 1
            view_row = self._positions()[i]
            if view_row < 0:
                continue
            for first, last in changed_spans(old, new, self._area_keys):
                self.dataChanged.emit(self.index(view_row, first), self.index(view_row, last), [])
        return changed

    # ---- lookups ------------------------------------------------------------------------------

    def _positions(self) -> list[int]:
        if self._positions_cache is None:
            positions = [-1] * len(self._rows)
            for view_row, i in enumerate(self._order):
                positions[i] = view_row
            self._positions_cache = positions
        return self._positions_cache

    def row_for_variant(self, variant_id: str) -> int | None:
        """The view row showing `variant_id`, or None when it is filtered out or unknown."""
        i = self._by_id.get(variant_id)
        if i is None:
            return None
        view_row = self._positions()[i]
        return view_row if view_row >= 0 else None

    def index_for_variant(self, variant_id: str, column: int = COL_TITLE) -> QModelIndex:
        view_row = self.row_for_variant(variant_id)
        return QModelIndex() if view_row is None else self.index(view_row, column)

    def variant_at(self, row: int) -> str:
        return self._rows[self._order[row]].variant_id

    def grid_row(self, row: int) -> GridRow:
        """The `GridRow` shown in view row `row`."""
        return self._rows[self._order[row]]

    def row_by_variant(self, variant_id: str) -> GridRow | None:
        i = self._by_id.get(variant_id)
        return None if i is None else self._rows[i]

    def visible_variant_ids(self) -> list[str]:
        """Variant ids in view order (filtered and sorted): the counter's previous/next follows it."""
        rows = self._rows
        return [rows[i].variant_id for i in self._order]

    # ---- sorting and filtering ----------------------------------------------------------------

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorts every row by `column` (-1: the order given to `set_rows`); empty values go last.

        Ties keep title order. In a blind count, sorting by Baseline or Variance is refused: the
        order would give the hidden figures away.
        """
        if not -1 <= column < self._column_count or (self._blind and column in self.hidden_columns()):
            return
        self._sort_column, self._sort_order = column, Qt.SortOrder(order)
        self._sorted = self._sorted_index()
        self._replace_order(self._filtered(self._sorted), _SORT_HINT)

    def set_filter(self, text: str = "", status: str | None = None, area: str | None = None) -> None:
        """Shows the rows whose title, variant, SKU or barcode contain every word of `text`
        (case-insensitive), with status `status`, and, for `area`, with something recorded in
        that area: marked counted there or a quantity other than 0 (what a counter standing in
        that area has already found). None or "" means no condition.
        """
        new = RowFilter(tuple(text.lower().split()), status or None, area or None)
        old = self._filter
        if self._stale:
            narrows = False
        elif new == old:
            return
        else:
            # Typing one more letter only removes rows: filter what is shown, not every row.
            narrows = new.status == old.status and new.area == old.area and all(
                any(word in typed for typed in new.words) for word in old.words)
        self._filter = new
        self._replace_order(self._filtered(self._order if narrows else self._sorted), _SORT_HINT)

    def filter(self) -> tuple[str, str | None, str | None]:
        return " ".join(self._filter.words), self._filter.status, self._filter.area

    def _filtered(self, indexes: list[int]) -> list[int]:
        self._stale = False
        return filtered(indexes, self._rows, self._search, self._filter)

    def _key_function(self, column: int) -> Callable[[GridRow], Any] | None:
        if column == self.last_counted_column:
            return lambda r: self._last.get(r.variant_id, ("", None))[0] or None
        if column == self.last_variance_column:
            return lambda r: self._last.get(r.variant_id, ("", None))[1]
        return key_function(column, self._area_keys)

    def _sorted_index(self) -> list[int]:
        if self._title_order is None:  # sorted once per set_rows: the title sort and every tie-break
            self._title_order = title_order(self._rows)
        return sorted_index(self._rows, self._sort_column, self._key_function(self._sort_column),
                            self._sort_order == Qt.SortOrder.DescendingOrder, self._title_order)

    def _replace_order(self, order: list[int], hint: QAbstractItemModel.LayoutChangeHint) -> None:
        """Swaps in a new view order; persistent indexes (selection, current row) follow their
        rows, or become invalid when their row is filtered out.

        layoutChanged rather than a reset: a reset drops the selection and the current row (the
        counter's place) and is no faster at 50,000 rows (benchmarks/grid.py measures both).
        Filtering uses VerticalSortHint too: only rows change, so the horizontal header skips
        saving its sections through persistent indexes in row 0.
        """
        self.layoutAboutToBeChanged[_WITH_HINT].emit([], hint)
        persistent = self.persistentIndexList()
        old = self._order
        self._order = order
        self._positions_cache = None
        if persistent:
            sources = [old[p.row()] if 0 <= p.row() < len(old) else -1 for p in persistent]
            if len(persistent) <= 16:
                # The usual case (current cell, a selected row): a few C-speed scans beat
                # building a 50,000-entry map on every keystroke.
                rows = [find(order, i) for i in sources]
            else:
                positions = self._positions()
                rows = [positions[i] if i >= 0 else -1 for i in sources]
            moved = [self.index(r, p.column()) if r >= 0 else QModelIndex() for r, p in zip(rows, persistent)]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged[_WITH_HINT].emit([], hint)

    # ---- thumbnails ---------------------------------------------------------------------------

    def _on_thumbnails_loaded(self, url: str) -> None:
        for variant_id in self._waiting.pop(url, ()):
            view_row = self.row_for_variant(variant_id)
            if view_row is not None:
                cell = self.index(view_row, COL_TITLE)
                self.dataChanged.emit(cell, cell, [_DECORATION])

    def _on_thumbnails_failed(self, url: str) -> None:
        self._waiting.pop(url, None)

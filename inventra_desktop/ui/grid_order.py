"""The grid's order and filter, below Qt: pure functions over the rows (STYLE.md, "Big tables").

Sorting reads each row's key once and sorts a list of row indexes (stable: ties keep title
order, empty values go last); filtering walks the indexes once per condition, each pass only
over what the previous one left.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from .grid_row import STATUS_RANK, GridRow

# Fixed columns; the area columns follow Baseline, then Total, Variance and Status.
COL_TITLE, COL_VARIANT, COL_SKU, COL_BARCODE, COL_BASELINE = range(5)
FIRST_AREA_COLUMN = 5


class RowFilter(NamedTuple):
    words: tuple[str, ...] = ()
    status: str | None = None
    area: str | None = None


def filtered(indexes: list[int], rows: list[GridRow], search: list[str], condition: RowFilter) -> list[int]:
    """The row indexes of `indexes` (in their order) that pass `condition`; `search[i]` is row
    i's lowercase search text. Status "not_done" means pending or in progress."""
    words, status, area = condition
    out = indexes
    for word in words:  # each pass only walks what the previous word left
        out = [i for i in out if word in search[i]]
    if status == "not_done":  # what still needs a counter: pending and in progress
        out = [i for i in out if rows[i].status in ("pending", "in_progress")]
    elif status is not None:
        out = [i for i in out if rows[i].status == status]
    if area is not None:
        out = [i for i in out if rows[i].counted.get(area) or rows[i].qty.get(area)]
    return list(out) if out is indexes else out


def key_function(column: int, area_keys: list[str]) -> Callable[[GridRow], Any] | None:
    """What `column` sorts by (None sorts last), for a grid with these area columns."""
    total_column = FIRST_AREA_COLUMN + len(area_keys)
    if column == COL_TITLE:
        return title_key
    if column == COL_VARIANT:
        return lambda r: r.variant.lower() or None
    if column == COL_SKU:
        return lambda r: r.sku.lower() or None
    if column == COL_BARCODE:
        return lambda r: r.barcode or None
    if column == COL_BASELINE:
        return lambda r: r.baseline
    if FIRST_AREA_COLUMN <= column < total_column:
        key = area_keys[column - FIRST_AREA_COLUMN]
        return lambda r: r.qty.get(key, 0)
    if column == total_column:
        return lambda r: r.total
    if column == total_column + 1:
        return lambda r: r.variance
    if column == total_column + 4:  # Last counted and Last variance (+2, +3) come from the model's own data
        return lambda r: STATUS_RANK.get(r.status, len(STATUS_RANK))
    return None


def title_order(rows: list[GridRow]) -> list[int]:
    """Row indexes by title: the title sort and every other sort's tie-break."""
    titles = [title_key(r) for r in rows]
    return sorted(range(len(rows)), key=titles.__getitem__)


def sorted_index(rows: list[GridRow], column: int, key: Callable[[GridRow], Any] | None, descending: bool,
                 by_title: list[int]) -> list[int]:
    """Every row index in the order of `column` by `key` (None: as given); `by_title` from `title_order`."""
    n = len(rows)
    if key is None:
        return list(range(n))
    if column == COL_TITLE:
        return by_title[::-1] if descending else list(by_title)
    keys = [key(r) for r in rows]  # one call per row, not one per comparison
    present = [i for i in by_title if keys[i] is not None]
    # list.sort is stable, also with reverse=True: equal keys stay in title order.
    present.sort(key=keys.__getitem__, reverse=descending)
    if len(present) < n:
        present += [i for i in by_title if keys[i] is None]
    return present


def title_key(row: GridRow) -> str:
    return row.search  # starts with the title; variant, SKU and barcode break ties

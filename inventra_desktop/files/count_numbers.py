"""Whole counts as people and spreadsheets write them: `1,000`, `1.000`, `1 000`, `1'000`, `5,00`.

A count read from a file is read as the whole number it is, or refused with a reason: never
shrunk. The file's delimiter says which mark is the decimal one (a `,` file writes `1,000.5`, a
`;` file — Excel in most of Europe — writes `1.000,5`); a tab file says neither. Each value is
read both ways (`.` as the decimal mark, or `,`), a reading whose separators are not in the
places of thousands being impossible:

- one possible reading, or two that agree: that number (`5,00` is 5 in any file; `1 000` is 1000);
- two that disagree: the file's convention when it gives the larger number (a thousands
  separator: `"1,000"` in a `,` file, `1.000` in a `;` file); otherwise the value is refused as
  ambiguous (`1.000` in a `,` file could be 1 or 1000; so could `1,000` in a `;` or tab file);
- a reading with a fraction (`2,5`) is not a count; more than `MAX_COUNT` is refused as a typo.

The rule is the one the user guide states ("How paper-count numbers are read").
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ..stocktake.taps import MAX_COUNT

# Thousands marks besides '.' and ',': a space (NFKC turns no-break and thin spaces into one),
# the Swiss apostrophe (typed or typographic) and the Arabic thousands separator.
_GROUP_MARKS = " '\u2019\u066c"
_MINUS = "-\u2212\u2012\u2013"
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?[eE][+-]?\d+$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:(?P<g>[^\d])\d{3})(?:(?P=g)\d{3})*$")
_LAKH = re.compile(r"^\d{1,2}(?:(?P<g>[^\d])\d{2})*(?P=g)\d{3}$")  # 1,00,000 as written in India


class CountNotRead(ValueError):
    """The count on a row is not a whole number of 0 to MAX_COUNT; the message says why."""


def _normalise(raw: str) -> str:
    # NFKC: full-width digits, no-break and thin spaces; then any script's decimal digits (٣, ३) to ASCII.
    text = unicodedata.normalize("NFKC", raw).strip().replace("\u066b", ".")
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def _reading(text: str, decimal_mark: str) -> Decimal | None:
    """`text` read with `decimal_mark` as the decimal mark, or None when it cannot be read so."""
    whole, mark, fraction = text.partition(decimal_mark)
    if mark and (not fraction.isdigit() and fraction != ""):
        return None
    if not whole:
        return Decimal("0." + fraction) if fraction.isdigit() else None
    if not whole.isdigit():
        other = "," if decimal_mark == "." else "."
        groups = {ch for ch in whole if not ch.isdigit()}
        if len(groups) != 1 or not groups <= set(_GROUP_MARKS + other):
            return None
        if not (_THOUSANDS.match(whole) or _LAKH.match(whole)):
            return None
        whole = "".join(ch for ch in whole if ch.isdigit())
    return Decimal(whole + ("." + fraction if fraction else ""))


def _show(value: Decimal) -> str:
    return f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value)}"


def read_count(raw: str, delimiter: str) -> int:
    """The whole count `raw` (a cell of a file separated by `delimiter`) stands for.

    Raises CountNotRead with the sentence the user reads: no count, a negative or fractional
    one, one that could be read two ways, or one above MAX_COUNT (stocktake/taps.py)."""
    text = _normalise(raw)
    if not text:
        raise CountNotRead("No count on this row.")
    if text[0] in _MINUS:
        raise CountNotRead(f"The count {raw.strip()!r} is not a whole number of 0 or more.")
    text = text.removeprefix("+")
    if _SCIENTIFIC.match(text):
        raise CountNotRead(f"The count {raw.strip()!r} is in scientific notation: the spreadsheet shortened it; "
                           "format the column as a number without decimals and export again.")
    readings = {mark: value for mark in (".", ",") if (value := _reading(text, mark)) is not None}
    if not readings:
        raise CountNotRead(f"The count {raw.strip()!r} is not a whole number of 0 or more.")
    values = set(readings.values())
    if len(values) == 1:
        value = values.pop()
    else:
        preferred = {",": ".", ";": ","}.get(delimiter)
        if preferred in readings and readings[preferred] == max(values):
            value = readings[preferred]  # the file's thousands separator: never the smaller reading
        else:
            low, high = sorted(values)
            raise CountNotRead(f"The count {raw.strip()!r} could be read as {_show(low)} or as {_show(high)}; "
                               "write it without separators (for example 1000).")
    if value != value.to_integral_value():
        raise CountNotRead(f"The count {raw.strip()!r} reads as {_show(value)}: not a whole number of 0 or more.")
    if value > MAX_COUNT:
        raise CountNotRead(f"The count {raw.strip()!r} is more than one area can hold in a count "
                           f"(at most {MAX_COUNT:,}).")
    return int(value)

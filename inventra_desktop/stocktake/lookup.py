"""Finding the variant a code means: the one lookup for the scan box, the counter, the CLI's
`--sku`/`--barcode` and the paper-count import (one policy, one set of sentences).

Policy: the barcode as scanned, together with every barcode that is the same GTIN written with
other leading zeros (labels and scanners move between UPC-A, EAN-13, GTIN-14 and EAN-8 by adding
or dropping them); failing that, the SKU ignoring case. More than one variant for a code is
ambiguous, even when one of them holds the exact form: all are named and nothing is counted, since
a wrong count is worse than a second scan (pre-flight lists such barcodes before the count). `AREA:<key>` switches the area of later scans.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from stdnum import ean

from ..sentences import say
from .models import Area
from .variant import VariantRecord

CodeKind = Literal["any", "sku", "barcode"]
GTIN_LENGTHS = (8, 12, 13, 14)  # EAN-8, UPC-A, EAN-13, GTIN-14


def _digits(code: str) -> str | None:
    """The digits of a code written as a number, or None. Full-width digits (a scanner typing
    through a Japanese or Chinese input method) count as digits; the spaces and hyphens people
    put between a printed GTIN's groups (`0 12345 67890 5`) are dropped."""
    digits = unicodedata.normalize("NFKC", code).strip().replace(" ", "").replace("-", "")
    return digits if digits.isascii() and digits.isdigit() else None


def gtin_key(code: str) -> str | None:
    """The GTIN a code stands for with leading zeros dropped, or None when it is no GTIN form
    (not all digits, or not 8/12/13/14 long). `012345678905` and `0012345678905` share a key."""
    digits = _digits(code)
    if digits is None or len(digits) not in GTIN_LENGTHS:
        return None
    return digits.lstrip("0") or "0"


def _lookup_key(code: str) -> str | None:
    """The key a typed or scanned all-digit code looks up by: leading zeros dropped, so a GTIN
    in another length (or a spreadsheet's number that lost its leading zeros) still matches."""
    digits = _digits(code)
    if digits is None or len(digits) > max(GTIN_LENGTHS):
        return None
    return digits.lstrip("0") or "0"


def misread(code: str) -> bool:
    """A code that claims to be a GTIN (all digits, a GTIN's length) whose check digit is wrong;
    a scanner types no separators, so a code typed with them is no misread."""
    digits = _digits(code)
    plain = unicodedata.normalize("NFKC", code).strip()
    return digits == plain and len(digits) in GTIN_LENGTHS and not ean.is_valid(digits)


def describe(v: VariantRecord) -> str:
    return f"{v.display_name} (SKU {v.sku or '—'}, barcode {v.barcode or '—'})"


class CodeIndex:
    """The variants of a session (or a search) by barcode, GTIN and SKU, built once."""

    def __init__(self, records: Iterable[VariantRecord]) -> None:
        self.by_barcode: dict[str, list[VariantRecord]] = {}
        self.by_gtin: dict[str, list[VariantRecord]] = {}
        self.by_sku: dict[str, list[VariantRecord]] = {}
        for r in records:
            if r.barcode:
                code = r.barcode.strip()
                self.by_barcode.setdefault(code, []).append(r)
                key = gtin_key(code)
                if key:
                    self.by_gtin.setdefault(key, []).append(r)
            if r.sku:
                self.by_sku.setdefault(r.sku.strip().casefold(), []).append(r)

    def find(self, code: str, by: CodeKind = "any") -> list[VariantRecord]:
        """Every variant `code` may mean, by the policy above (an empty list: none)."""
        code = code.strip()
        if not code:
            return []
        if by in ("any", "barcode"):
            hits = list(self.by_barcode.get(code, []))
            key = _lookup_key(code)
            for other in self.by_gtin.get(key, []) if key else []:  # the same GTIN written another way
                if all(other is not h for h in hits):
                    hits.append(other)
            if hits or by == "barcode":
                return hits
        return list(self.by_sku.get(code.casefold(), []))

    def duplicates(self) -> list[tuple[str, str, list[VariantRecord]]]:
        """Codes that name more than one variant: (kind "barcode" or "sku", code, variants), the
        GTIN forms of one barcode counted as one code (a scan of either is ambiguous)."""
        out: list[tuple[str, str, list[VariantRecord]]] = []
        for group in self.by_gtin.values():
            if len({id(v) for v in group}) > 1:
                out.append(("barcode", group[0].barcode or "", group))
        for code, group in self.by_barcode.items():
            if len(group) > 1 and gtin_key(code) is None:
                out.append(("barcode", code, group))
        for group in self.by_sku.values():
            if len(group) > 1:
                out.append(("sku", group[0].sku or "", group))
        return sorted(out, key=lambda d: (d[0], d[1]))


@dataclass
class ScanResult:
    kind: Literal["variant", "area", "unknown", "ambiguous", "not_counted", "misread"]
    code: str
    variant_id: str | None = None
    area: str | None = None
    candidates: list[VariantRecord] = field(default_factory=list)

    @property
    def counted(self) -> bool:
        return self.kind == "variant"

    def sentence(self) -> str:
        """What a user reads when the code counts nothing (empty for a variant or an area)."""
        if self.kind == "unknown":
            return say("Nothing in this session has the code {code}. Nothing was counted.", code=self.code)
        if self.kind == "misread":
            return say("The code {code} has a wrong check digit: the scanner misread the label. Nothing was "
                       "counted; scan it again.", code=self.code)
        if self.kind == "ambiguous":
            names = "; ".join(describe(c) for c in self.candidates[:5])
            return say("{n} variants share the code {code}: {names}. Nothing was counted; pick the right one in "
                       "the list.", n=len(self.candidates), code=self.code, names=names)
        if self.kind == "not_counted":
            return say("{name} is left out of this count. Nothing was counted.", name=self.candidates[0].display_name)
        return ""


def match_code(code: str, index: CodeIndex, *, session: str, by: CodeKind = "any") -> ScanResult:
    """What `code` means among the indexed variants of `session`."""
    code = code.strip()
    hits = index.find(code, by)
    if not hits:
        return ScanResult("misread" if by != "sku" and misread(code) else "unknown", code)
    if len(hits) > 1:
        return ScanResult("ambiguous", code, candidates=hits)
    if not hits[0].takes_part(session):
        return ScanResult("not_counted", code, candidates=hits)
    return ScanResult("variant", code, variant_id=hits[0].id, candidates=hits)


def interpret_scan(code: str, index: CodeIndex, areas: list[Area], *, session: str,
                   area_prefix: str = "AREA:") -> ScanResult:
    """A barcode (or SKU) adds one in the current area; `AREA:<key or label>` switches area."""
    code = code.strip()
    if area_prefix and code.upper().startswith(area_prefix.upper()):
        key = code[len(area_prefix):].strip().casefold()
        match = next((a for a in areas if a.key == key or a.label.casefold() == key), None)
        return ScanResult("area", code, area=match.key) if match else ScanResult("unknown", code)
    return match_code(code, index, session=session)

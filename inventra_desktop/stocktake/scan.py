"""What a scanned code means during a count: a variant, an area switch, or a warning."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

from .models import Area
from .variants import VariantRecord


@dataclass
class ScanResult:
    kind: Literal["variant", "area", "unknown", "ambiguous", "not_counted"]
    code: str
    variant_id: str | None = None
    area: str | None = None
    candidates: list[VariantRecord] = field(default_factory=list)

    def sentence(self) -> str:
        if self.kind == "unknown":
            return f"Nothing in this session has the code {self.code}. Nothing was counted."
        if self.kind == "ambiguous":
            names = "; ".join(f"{c.display_name} (SKU {c.sku or '—'})" for c in self.candidates[:5])
            return (f"{len(self.candidates)} variants share the code {self.code}: {names}. Nothing was counted; "
                    "pick the right one in the list.")
        if self.kind == "not_counted":
            return f"{self.candidates[0].display_name} is left out of this count. Nothing was counted."
        return ""


def interpret_scan(code: str, records: Iterable[VariantRecord], areas: list[Area], *,
                   session: str, area_prefix: str = "AREA:") -> ScanResult:
    """A barcode (or SKU) adds one in the current area; `AREA:<key>` switches area. An unknown
    or shared code counts nothing: a wrong count is worse than a second scan."""
    code = code.strip()
    if area_prefix and code.upper().startswith(area_prefix.upper()):
        key = code[len(area_prefix):].strip().lower()
        match = next((a for a in areas if a.key == key or a.label.lower() == key), None)
        return ScanResult("area", code, area=match.key) if match else ScanResult("unknown", code)
    rows = list(records)
    hits = [r for r in rows if r.barcode and r.barcode == code]
    if not hits:
        hits = [r for r in rows if r.sku and r.sku.lower() == code.lower()]
    if not hits:
        return ScanResult("unknown", code)
    if len(hits) > 1:
        return ScanResult("ambiguous", code, candidates=hits)
    if not hits[0].takes_part(session):
        return ScanResult("not_counted", code, candidates=hits)
    return ScanResult("variant", code, variant_id=hits[0].id)

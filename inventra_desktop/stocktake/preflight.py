"""Pre-flight: the health report of a session's products before counting (DESIGN.md section 2)."""

from __future__ import annotations

from dataclasses import dataclass

from ..sentences import say
from .areas import mapped_locations, session_areas
from .lookup import CodeIndex
from .models import Area, SessionRecord
from .variant import VariantRecord


@dataclass
class PreflightLine:
    kind: str
    subject: str
    detail: str
    effect: str


def preflight(record: SessionRecord, variants: list[VariantRecord], areas: list[Area],
              location_names: dict[str, str]) -> list[PreflightLine]:
    """The health report of DESIGN.md section 2: each line says what it will cause."""
    lines: list[PreflightLine] = []
    used = session_areas(record, areas)
    for area in used:
        if not area.location_id:
            lines.append(PreflightLine("unmapped_area", area.label, say("Area {key} is mapped to no location.",
                                                                         key=area.key),
                                       say("Counts in this area cannot be written to Shopify's inventory.")))
    counted = [v for v in variants if not v.bundle_parent and not v.omit]
    for kind, code, group in CodeIndex(counted).duplicates():
        forms = sorted({v.barcode or "" for v in group}) if kind == "barcode" else []
        shared = (f"the barcode {code}" if len(forms) <= 1 else
                  f"one barcode written as {' and '.join(forms)}") if kind == "barcode" else f"the SKU {code}"
        lines.append(PreflightLine(f"duplicate_{kind}", code, f"{len(group)} variants share {shared}: "
                                   + ", ".join(v.display_name for v in group[:4]) + ".",
                                   say("A scan of it is ambiguous: it will warn and count nothing; count these "
                                       "by tapping.")))
    for v in counted:
        if not v.sku and not v.barcode:
            lines.append(PreflightLine("no_code", v.display_name, say("Neither SKU nor barcode."),
                                       say("It cannot be scanned or found by code: count it by tapping in the grid.")))
        if not v.tracked:
            lines.append(PreflightLine("untracked", v.sku or v.display_name,
                                       say("Shopify does not track its inventory."),
                                       say("Its baseline is the quantity Shopify still holds (sales do not change "
                                           "it while it is untracked), and the count cannot be applied until "
                                           "tracking is turned on.")))
        for loc in mapped_locations(used):
            if v.tracked and loc not in v.on_hand:
                lines.append(PreflightLine("not_stocked", v.sku or v.display_name,
                                           say("Not stocked at {location}.", location=location_names.get(loc, loc)),
                                           say("Its baseline there is 0; applying a count there first activates "
                                               "the item at that location.")))
    for v in variants:
        if v.bundle_parent:
            lines.append(PreflightLine("bundle_parent", v.sku or v.display_name,
                                       say("A bundle: its stock is derived from its components."),
                                       say("Omitted automatically; its components are counted instead.")))
        if v.omit:
            lines.append(PreflightLine("omitted", v.sku or v.display_name, say("Marked “never count” (omit flag)."),
                                       say("Left out of every session until the flag is cleared.")))
    return lines

"""What a session looks like now (status) and before it starts (pre-flight)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .models import Area, SessionRecord, Status
from .snapshot import mapped_locations, session_areas
from .variants import VariantRecord


@dataclass
class Problem:
    variant: str
    sku: str | None
    key: str
    reason: str


@dataclass
class SessionStatus:
    session: str
    state: str
    variants: int
    by_status: dict[str, int]
    omitted: int
    areas_counted: dict[str, int]  # area key -> variants with that area counted
    waiting: int
    rejected: int
    problems: list[Problem] = field(default_factory=list)
    not_snapshotted: int = 0

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def session_status(record: SessionRecord, variants: list[VariantRecord], areas: list[Area], *,
                   waiting: int, rejected: int) -> SessionStatus:
    name = record.name
    statuses: Counter[str] = Counter()
    counted: Counter[str] = Counter({a.key: 0 for a in session_areas(record, areas)})
    omitted = not_snapshotted = 0
    problems = [Problem(v.id, v.sku, key, reason) for v in variants for key, reason in v.problems]
    for v in variants:
        if v.bundle_parent or v.omit or (v.counts and v.counts.session == name and v.counts.omitted):
            omitted += 1
            continue
        if not v.in_session(name):
            if record.snapshot_at and not any(k == "counts" for k, _ in v.problems):
                not_snapshotted += 1
            continue
        statuses[(v.status or Status.PENDING).value] += 1
        for key, area in (v.counts.areas if v.counts else {}).items():
            if area.counted:
                counted[key] += 1
    return SessionStatus(name, record.state.value, len(variants),
                         {s.value: statuses.get(s.value, 0) for s in Status}, omitted, dict(counted), waiting,
                         rejected, problems, not_snapshotted)


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
            lines.append(PreflightLine("unmapped_area", area.label, f"Area {area.key} is mapped to no location.",
                                       "Counts in this area cannot be written to Shopify's inventory."))
    counted = [v for v in variants if not v.bundle_parent and not v.omit]
    for field_name, label in (("sku", "SKU"), ("barcode", "barcode")):
        seen: dict[str, list[VariantRecord]] = {}
        for v in counted:
            code = getattr(v, field_name)
            if code:
                seen.setdefault(code, []).append(v)
        for code, group in sorted(seen.items()):
            if len(group) > 1:
                lines.append(PreflightLine(f"duplicate_{field_name}", code,
                                           f"{len(group)} variants share the {label} {code}: "
                                           + ", ".join(v.display_name for v in group[:4]) + ".",
                                           "A scan of it is ambiguous: it will warn and count nothing; count these "
                                           "by tapping."))
    for v in counted:
        if not v.sku and not v.barcode:
            lines.append(PreflightLine("no_code", v.display_name, "Neither SKU nor barcode.",
                                       "It cannot be scanned or found by code: count it by tapping in the grid."))
        if not v.tracked:
            lines.append(PreflightLine("untracked", v.sku or v.display_name, "Shopify does not track its inventory.",
                                       "Its baseline is 0 and the count cannot be applied until tracking is "
                                       "turned on."))
        for loc in mapped_locations(used):
            if v.tracked and loc not in v.on_hand:
                lines.append(PreflightLine("not_stocked", v.sku or v.display_name,
                                           f"Not stocked at {location_names.get(loc, loc)}.",
                                           "Its baseline there is 0; applying a count there first activates the "
                                           "item at that location."))
    for v in variants:
        if v.bundle_parent:
            lines.append(PreflightLine("bundle_parent", v.sku or v.display_name,
                                       "A bundle: its stock is derived from its components.",
                                       "Omitted automatically; its components are counted instead."))
        if v.omit:
            lines.append(PreflightLine("omitted", v.sku or v.display_name, "Marked “never count” (omit flag).",
                                       "Left out of every session until the flag is cleared."))
    return lines

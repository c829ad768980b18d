"""Closing rules (DESIGN.md section 2): the completion gate, the choice for what is not done,
the area tags a product's counted stock calls for, and what release resets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .changes import Change, Known, NewState
from .errors import SessionError
from .models import ALERT_TAG_PREFIX, LOCATION_TAG_PREFIX, Area, AreaCount, Status, VariantCounts
from .variant import VariantRecord

Uncounted = Literal["zero", "omit"]


class GateClosed(SessionError):
    """Variants not done. `still_counting`: the manager's choice for them was applied, and some were
    counted again meanwhile (devices are still counting), so the gate is closed anyway."""

    def __init__(self, name: str, not_done: list[VariantRecord], *, still_counting: bool = False) -> None:
        self.not_done = not_done
        examples = ", ".join(v.sku or v.display_name for v in not_done[:5]) + (", …" if len(not_done) > 5 else "")
        if still_counting:
            super().__init__(f"Session {name} cannot be finalized yet: {len(not_done)} variants were counted again "
                             f"while finalizing ({examples}), so devices are still counting. Stop the counting, "
                             "then finalize again.")
            return
        super().__init__(f"Session {name} cannot be finalized: {len(not_done)} variants are not done ({examples}). "
                         "Count them and mark them done, or finalize with --uncounted zero (count them as 0) or "
                         "--uncounted omit (leave them out).")


@dataclass
class FinalizeReport:
    participants: int
    zeroed: int = 0  # not counted in any area: now counted as 0
    closed_with_counts: int = 0  # not done but with counts entered: done, the counts kept
    omitted: int = 0
    tags_added: int = 0
    tags_removed: int = 0
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (product title, area key)
    histories: int = 0  # variants whose count history now holds this count (cycle counting)
    histories_reset: int = 0  # of them, histories unreadable (edited by hand) and started afresh


def check_usable(name: str, problems: dict[str, str]) -> None:
    """The gate cannot pass over a variant whose stock-take data cannot be used (integrity.py):
    it is neither done nor omitted, so no choice covers it."""
    if problems:
        listed = "; ".join(list(problems.values())[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise SessionError(f"{len(problems)} variants of session {name} cannot be finalized as they are: "
                           f"{listed}{more}. Nothing was changed.")


def not_done(variants: list[VariantRecord], name: str) -> list[VariantRecord]:
    return [v for v in variants if v.takes_part(name) and v.status is not Status.DONE]


def never_counted(counts: VariantCounts) -> bool:
    """Nothing entered in any area: a zero choice sets this variant to 0 (rather than closing its counts)."""
    return counts.total == 0 and not any(a.counted for a in counts.areas.values())


def closing(name: str, areas: list[Area], uncounted: Uncounted, *, by: str, at: str,
            zeroed: set[str] | None = None) -> Change:
    """The manager's choice for a variant not done: omit it, or zero it exactly like an explicit
    done (areas never counted become counted at 0; counts already entered stay). `zeroed`
    collects the variants the zero choice set to 0 (nothing was counted for them)."""
    def close(variant_id: str, known: Known) -> NewState | None:
        counts, status = known.state.counts, known.state.status
        if counts is None or counts.session != name or status is Status.DONE or counts.omitted:
            return None  # someone finished it meanwhile
        counts = counts.model_copy(deep=True)
        if uncounted == "omit":
            counts.omitted = True
            return NewState(counts)
        if zeroed is not None:  # decided on the state being written (a retry after a stale read decides again)
            (zeroed.add if never_counted(counts) else zeroed.discard)(variant_id)
        for area in areas:
            entry = counts.areas.setdefault(area.key, AreaCount())
            if not entry.counted:
                entry.counted, entry.by, entry.at = True, by, at
        return NewState(counts, Status.DONE, last_done=at)
    return close


def area_tags(variants: list[VariantRecord], name: str, areas: list[Area]) -> tuple[set[str], set[str]]:
    """The location tags and alert tags a product's counted stock calls for."""
    standard = {a.key: a.standard for a in areas}
    held = {key for v in variants if v.takes_part(name) and v.counts
            for key, count in v.counts.areas.items() if count.qty > 0}
    return ({LOCATION_TAG_PREFIX + k for k in held},
            {ALERT_TAG_PREFIX + k for k in held if not standard.get(k, True)})


@dataclass
class Retag:
    adds: dict[str, list[str]] = field(default_factory=dict)  # product id -> tags to add
    removes: dict[str, list[str]] = field(default_factory=dict)
    alerts: list[tuple[str, str]] = field(default_factory=list)  # (product title, area key)


def retag(variants: list[VariantRecord], name: str, areas: list[Area]) -> Retag:
    """Per product: the area tags it gains and the ones that no longer hold."""
    products: dict[str, list[VariantRecord]] = {}
    for v in variants:
        products.setdefault(v.product_id, []).append(v)
    out = Retag()
    for product_id, members in products.items():
        wanted_locations, wanted_alerts = area_tags(members, name, areas)
        current = set(members[0].product_tags)
        ours = {t for t in current if t.startswith((LOCATION_TAG_PREFIX, ALERT_TAG_PREFIX))}
        wanted = wanted_locations | wanted_alerts
        if wanted - current:
            out.adds[product_id] = sorted(wanted - current)
        if ours - wanted:
            out.removes[product_id] = sorted(ours - wanted)
        out.alerts += [(members[0].product_title, t[len(ALERT_TAG_PREFIX):]) for t in sorted(wanted_alerts)]
    return out


def releasing(name: str) -> Change:
    """Counters to zero, status pending, session omission cleared; the watermark stays."""
    def reset(variant_id: str, known: Known) -> NewState | None:
        counts = known.state.counts
        if counts is None or counts.session != name:
            return None  # released already, or never part of it
        counts = counts.model_copy(deep=True)
        counts.areas = {key: AreaCount() for key in counts.areas}
        counts.omitted = False
        counts.session = None  # counts made for this session no longer apply
        return NewState(counts, Status.PENDING)
    return reset


def session_omission(name: str, omitted: bool, title: str) -> Change:
    """Omit a variant from session `name` (or bring it back)."""
    def change(variant_id: str, known: Known) -> NewState | None:
        counts = known.state.counts
        if counts is None or counts.session != name:
            raise SessionError(f"{title} has no snapshot in session {name} yet: snapshot first.")
        counts = counts.model_copy(deep=True)
        counts.omitted = omitted
        return NewState(counts)
    return change

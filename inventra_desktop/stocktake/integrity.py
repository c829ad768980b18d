"""Whether a session's variants hold stock-take data the closing steps can trust.

A variant of a snapshotted session whose `counts` cannot be read, or belong to another session or
snapshot (edited by hand in Shopify admin), must not drop silently out of the gate, the report or
the apply: each is named with what to do (DESIGN.md section 3: hand-edited values).
"""

from __future__ import annotations

from .models import SessionRecord
from .variant import VariantRecord


def data_problems(variants: list[VariantRecord], session: SessionRecord) -> dict[str, str]:
    """Variant id -> one sentence naming the variant, what is wrong and what to do, for every
    variant of `session` (by its tag) that takes part but whose stock-take data cannot be used."""
    name = session.name
    out: dict[str, str] = {}
    for v in variants:
        if v.bundle_parent or v.omit:
            continue  # never counted: nothing of theirs is used
        label = v.sku or v.display_name
        fix = f"reset it (inventra reset {name} --variant {v.id.rsplit('/', 1)[-1]}) and count it again"
        unreadable = dict(v.problems).get("counts")
        if unreadable:
            out[v.id] = f"{label}: its counts metafield cannot be read ({unreadable}); {fix}"
        elif session.snapshot_at and v.counts is not None and v.counts.session != name:
            other = f"session {v.counts.session!r}" if v.counts.session else "no session"
            out[v.id] = f"{label}: its counts metafield says it belongs to {other}, not {name}; {fix}"
        elif session.snapshot_at and v.counts is not None and v.counts.snapshot_at != session.snapshot_at:
            out[v.id] = (f"{label}: its counts come from another snapshot ({v.counts.snapshot_at}) than the "
                         f"session's ({session.snapshot_at}); {fix}")
    return out

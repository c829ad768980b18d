"""Apply and revert: the counts written to Shopify's inventory, every line exactly once.

The rules are the domain's (stocktake/apply_plan.py, apply_writes.py); this module reads the
session, writes the bookkeeping with compare digests and sends the inventory calls. Whatever is
interrupted (a killed process, a lost answer, a stale line, a fix) and run again, from this PC or
another: a call left unanswered goes again with its key and its very lines, a landed line never
goes again, and a new line goes in a new call with a new key (DESIGN.md section 2, apply).
"""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any, Callable

from ..gateway import inventory
from ..gateway.records import get_session, load_records, set_state
from ..gateway.variant_state import as_read, update_variants
from ..gateway.variants import load_session_variants
from ..stocktake.apply_plan import (
    BATCH,
    MAX_FAILED_KEPT,
    ApplyPlan,
    ApplyResult,
    Keep,
    Line,
    apply_run,
    build_plan,
    call_entries,
    reference_uri,
)
from ..stocktake.apply_writes import (
    RevertLine,
    forgetting,
    intending,
    new_key,
    revert_settling,
    revert_todo,
    reverted_lines,
    reverting,
    settling,
)
from ..stocktake.areas import session_areas
from ..stocktake.changes import Known
from ..stocktake.errors import SessionError
from ..stocktake.integrity import data_problems
from ..stocktake.models import SessionState
from ..stocktake.variant import VariantRecord
from . import count_history
from .setup import readable_areas
from .shop import ShopSession

Progress = Callable[[int, int], None]
UserErrorList = list[dict[str, Any]]


async def plan_apply(shop: ShopSession, name: str, keep: Keep) -> ApplyPlan:
    """The apply preview: a line per variant and mapped location, with Shopify's quantity now.
    The variants are read with their count histories: a successful apply notes its changes in
    them without reading every variant again."""
    session = await get_session(shop.client, name)
    records = await load_records(shop.client)
    areas = session_areas(session, readable_areas(records))
    variants = await load_session_variants(shop.client, session.name, reading="applying")
    return build_plan(session, variants, areas, keep, records.location_names, data_problems(variants, session))


def _check_appliable(plan: ApplyPlan) -> None:
    if plan.session.state is not SessionState.FINALIZED:
        raise SessionError(f"Session {plan.session.name} is {plan.session.state.value}: "
                           + ("it was applied already; revert it first to apply anew."
                              if plan.session.state is SessionState.APPLIED else "finalize it before applying counts."))


async def fix_items(shop: ShopSession, plan: ApplyPlan) -> int:
    """Turn tracking on and stock items at their locations, explicitly, for the lines that would
    write something and cannot (never where nothing was counted and nothing is kept)."""
    _check_appliable(plan)
    fixed = 0
    for line in plan.blocked:
        if not line.fixable:
            continue
        if "tracking" in (line.problem or ""):
            await inventory.track(shop.client, line.inventory_item_id)
            fixed += 1
        if line.now is None:
            key = f"{plan.session.name}|{plan.run}|activate|{line.key}"  # activating twice is the same
            await inventory.activate(shop.client, line.inventory_item_id, line.location_id,
                                     str(uuid.uuid5(uuid.NAMESPACE_URL, "inventra:" + key)))
            line.now = 0
            fixed += 1
        line.problem, line.fixable = None, False
        line.choose(line.keep)
    return fixed


async def apply(shop: ShopSession, plan: ApplyPlan, *, progress: Progress | None = None) -> ApplyResult:
    """Write the plan's lines to Shopify's inventory, each exactly once (see the module's doc).
    The session becomes applied only when every line is in Shopify; otherwise it stays finalized
    and a later apply (after `fix_items`, or with fresh quantities) writes exactly what is left."""
    client = shop.client
    session = plan.session
    result = ApplyResult(blocked=plan.blocked, unreadable=plan.unreadable)
    if session.state is SessionState.APPLIED:
        result.already = True
        await count_history.note_applied(shop, session.name)  # finishes a note a crash cut short (idempotent)
        return result
    _check_appliable(plan)
    if not plan.locked:  # the choices are on record before the first call: a resumed run keeps them
        await set_state(client, session.name, SessionState.FINALIZED, "apply-started", shop.by,
                        note=f"keep {plan.keep}, run {plan.run}", apply_keep=plan.keep,
                        apply_exceptions=plan.exceptions)
        plan.locked = True
    # What the preview read, then what we wrote last: a bookkeeping write needs no read (one a
    # variant written since by another device is refused by its digest, read again and redone).
    cache: dict[str, Known] = as_read(plan.variants)
    for key, landed in plan.unsettled.items():  # answered calls whose bookkeeping was cut short
        await update_variants(client, plan.unsettled_variants[key], settling(key, landed), cache)
    todo = plan.writable
    resends: dict[str, list[Line]] = {}
    for line in todo:
        if line.resend and line.written:
            resends.setdefault(line.written.key, []).append(line)
    fresh = [line for line in todo if not line.resend]
    total = len(todo)
    for key, lines in resends.items():  # the calls an interrupted run sent without an answer
        await _call(shop, plan, call_entries(lines), key, result, cache, resend=True)
        _report(progress, result, total)
    for keep in ("difference", "counted"):
        group = [line for line in fresh if line.keep == keep]
        for start in range(0, len(group), BATCH):
            batch = group[start:start + BATCH]
            while batch:
                batch = await _call(shop, plan, batch, new_key(), result, cache)
            _report(progress, result, total)
    await _close_run(shop, plan, result, cache)
    return result


def _report(progress: Progress | None, result: ApplyResult, total: int) -> None:
    if progress:
        progress(len(result.applied), total)


async def _call(shop: ShopSession, plan: ApplyPlan, batch: list[Line], key: str, result: ApplyResult,
                cache: dict[str, Known], *, resend: bool = False) -> list[Line]:
    """Send one call (recorded first unless it is a resend); returns the lines to send again at
    once in a new call (the rest of a call Shopify refused for some of its lines)."""
    client, run = shop.client, plan.run
    variants = sorted({line.variant_id for line in batch})
    if not resend:
        claimed: set[str] = set()
        await update_variants(client, variants, intending(batch, key, run, claimed), cache)
        batch = [line for line in batch if line.key in claimed]  # another PC sent the others
        if not batch:
            return []
    errors = await _send(shop, plan, batch, key)
    await update_variants(client, variants, settling(key, landed=not errors), cache)
    if not errors:
        result.applied += batch
        return []
    # The call is atomic: nothing of it was written. Lines Shopify names are stale (keep counted:
    # read again and shown again) or refused (listed with the reason); the rest goes again at once
    # in a new call, with a new key. A refusal that names no line stops the whole call.
    named: dict[int, dict[str, Any]] = {}
    for e in errors:
        index = _line_index(e)
        if index is None or index >= len(batch):
            result.failed += [(line, _reason(e)) for line in batch]
            return []
        named.setdefault(index, e)
    for index, e in sorted(named.items()):
        line = batch[index]
        if e.get("code") == "CHANGE_FROM_QUANTITY_STALE":
            result.stale.append(line)
        else:
            result.failed.append((line, _reason(e)))
    for line in batch:
        if line.written is not None:  # a resent call refused: each line is a line of its own again
            line.written = None
            line.choose(line.keep)
    return [line for i, line in enumerate(batch) if i not in named]


def _line_index(error: dict[str, Any]) -> int | None:
    field = error.get("field") or []
    if len(field) > 2 and str(field[2]).isdigit():
        return int(field[2])
    return None


def _reason(error: dict[str, Any]) -> str:
    return str(error.get("message") or error.get("code") or "refused")


async def _send(shop: ShopSession, plan: ApplyPlan, batch: list[Line], key: str) -> UserErrorList:
    """One inventory call: `batch` holds one choice; a resent call is built from what was
    recorded when it was first sent, so its variables are the same."""
    uri = reference_uri(plan.session.name)
    if batch[0].keep == "difference":
        return await inventory.adjust_available(shop.client, key, uri, [
            (line.inventory_item_id, line.location_id, line.written.delta if line.written else line.change)
            for line in batch])
    return await inventory.set_on_hand(shop.client, key, uri, [
        (line.inventory_item_id, line.location_id,
         line.written.quantity if line.written and line.written.quantity is not None else line.counted,
         line.written.change_from if line.written else line.now) for line in batch])


def _as_written(variants: list[VariantRecord], cache: dict[str, Known]) -> list[VariantRecord]:
    """The variants read for the preview with the counts this apply wrote since (`applied`)."""
    out = []
    for v in variants:
        known = cache.get(v.id)
        out.append(dataclasses.replace(v, counts=known.state.counts)
                   if known is not None and known.state.counts is not None else v)
    return out


async def _close_run(shop: ShopSession, plan: ApplyPlan, result: ApplyResult, cache: dict[str, Known]) -> None:
    name, client = plan.session.name, shop.client
    if result.complete:
        note = f"keep {plan.keep}" + (f" ({len(plan.exceptions)} lines the other way)" if plan.exceptions else "")
        await set_state(client, name, SessionState.APPLIED, "applied", shop.by,
                        note=f"{note}, run {plan.run}, {len(result.applied) + len(plan.landed)} lines",
                        apply_failed=[])
        # Cycle counting: what the count changed, in the histories the preview read with the
        # variants (a history written since is refused by its digest and read again).
        await count_history.note_applied(shop, name, _as_written(plan.variants, cache) if plan.variants else None)
        return
    names = plan.location_names
    kept = ([[line.variant_id, f"{line.title} at {names.get(line.location_id, line.location_id)}: {why}"]
             for line, why in result.failed]
            + [[line.variant_id, f"{line.title} at {names.get(line.location_id, line.location_id)}: "
                f"{line.problem}"] for line in result.blocked]
            + [[variant, why] for variant, _, why in result.unreadable])
    if kept or result.stale:  # kept in the shop for the report's exceptions, whichever device makes it
        await set_state(client, name, SessionState.FINALIZED, "apply-failed" if kept else "apply-stale", shop.by,
                        note=f"{len(kept)} lines not written, {len(result.stale)} changed in Shopify",
                        apply_failed=kept[:MAX_FAILED_KEPT])


# ---- revert ---------------------------------------------------------------------------------

class RevertResult:
    def __init__(self, lines: list[tuple[str, str, int]]) -> None:
        self.lines = lines  # variant, location, the opposite delta posted
        self.reverted = len(lines)


async def revert(shop: ShopSession, name: str) -> RevertResult:
    """Post the opposite adjustment of what the current apply run wrote (never a delete), each
    line exactly once however often it is interrupted and run again, and return the session to
    finalized so that a new apply run is possible. An apply that stopped part-way (lines it could
    not write yet) can be reverted too."""
    client = shop.client
    session = await get_session(client, name)
    name = session.name
    variants = await load_session_variants(client, name)
    run = apply_run(session)
    landed = reverted_lines(variants, run)
    if session.state is not SessionState.APPLIED and not (session.state is SessionState.FINALIZED and landed):
        raise SessionError(f"Session {name} is {session.state.value} and nothing of an apply is in Shopify: "
                           "there is nothing to revert.")
    resend, fresh = revert_todo(variants, run)
    cache: dict[str, Known] = {}
    for key, lines in resend.items():
        await _revert_call(shop, name, lines, key, cache, resend=True)
    for start in range(0, len(fresh), BATCH):
        await _revert_call(shop, name, fresh[start:start + BATCH], new_key(), cache)
    await update_variants(client, sorted({line.variant_id for line in landed}), forgetting, cache)
    await set_state(client, name, SessionState.FINALIZED, "reverted", shop.by, note=f"run {run}, {len(landed)} lines",
                    apply_keep=None, apply_exceptions=[], apply_failed=[])
    await count_history.note_reverted(shop, name)  # cycle counting: the counts no longer changed anything
    return RevertResult([(line.variant_id, line.location_id, -line.write.delta) for line in landed])


async def _revert_call(shop: ShopSession, name: str, lines: list[RevertLine], key: str, cache: dict[str, Known],
                       *, resend: bool = False) -> None:
    client = shop.client
    variants = sorted({line.variant_id for line in lines})
    if not resend:
        await update_variants(client, variants, reverting(lines, key), cache)
    errors = await inventory.adjust_available(client, key, reference_uri(name) + "/revert",
                                              [(line.inventory_item_id, line.location_id, -line.write.delta)
                                               for line in lines])
    await update_variants(client, variants, revert_settling(key, done=not errors), cache)
    if errors:
        raise SessionError(f"Shopify refused the revert: {_reason(errors[0])}. Nothing of that part was written; "
                           "run revert again once it is sorted out.")

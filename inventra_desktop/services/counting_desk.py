"""One device counting one session: what the GUI drives and what every CLI command that counts
uses (Qt-free, so it is tested headless).

A tap is checked by the domain's rule (stocktake/taps.py), committed to the journal (in the
journal's own thread) before it is shown as saved; the screen shows it at once from the device's
own view (the shop's last known state plus this device's waiting operations); a background loop
delivers what waits a moment later, coalesced, and keeps the rows current with what other
devices counted.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Callable

from ..gateway.records import get_session, load_records
from ..gateway.variant_state import read_known
from ..gateway.variants import load_session_variants
from ..journal.store import Journal
from ..journal.sync import SyncEngine, SyncReport
from ..shopify.errors import ShopifyError
from ..stocktake.areas import session_areas
from ..stocktake.counting import apply_operations
from ..stocktake.errors import TapRefused
from ..stocktake.lookup import CodeIndex, ScanResult, interpret_scan
from ..stocktake.models import Area, CountOperation, OpKind, SessionRecord, Settings
from ..stocktake.taps import tap_refusal
from ..stocktake.variant import VariantRecord
from .messages import describe
from .shop import ShopSession

log = logging.getLogger(__name__)


@dataclass
class DeskStatus:
    online: bool = True
    waiting: int = 0
    rejected: int = 0
    last_error: str | None = None
    bucket_fill: float = 1.0


@dataclass
class ScanOutcome:
    """What one scanned code did: counted one (`view` is the variant now), switched the area, or
    nothing (`result.sentence()` says why)."""

    result: ScanResult
    view: VariantRecord | None = None
    area: str | None = None


class CountingDesk:
    def __init__(self, shop: ShopSession, journal: Journal | None = None, *, sync_delay: float = 2.0) -> None:
        self.shop = shop
        self._owns_journal = journal is None
        self.journal = journal or shop.journal()
        self.device = shop.device
        self.engine = SyncEngine(shop.client, self.journal, self.device.name, db=self._in_db)
        self.sync_delay = sync_delay
        self.session: SessionRecord | None = None
        self.areas: list[Area] = []
        self.settings = Settings()
        self.records: dict[str, VariantRecord] = {}
        self.index = CodeIndex([])
        self.status = DeskStatus()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal")  # one thread owns SQLite
        self._pending: dict[str, list[CountOperation]] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.on_rows_changed: Callable[[list[VariantRecord]], None] = lambda rows: None
        self.on_status: Callable[[DeskStatus], None] = lambda status: None
        self.on_rejected: Callable[[list[tuple[CountOperation, str]]], None] = lambda rejected: None

    # ---- loading -----------------------------------------------------------------
    async def open(self, name: str, *, variants: list[VariantRecord] | None = None) -> list[VariantRecord]:
        """Load session `name` and this device's waiting taps; `variants` (already read, e.g. the
        one a CLI command names) stand in for reading all of the session's."""
        client = self.shop.client
        self.session = await get_session(client, name)
        records = await load_records(client)
        self.settings = records.settings or Settings()
        self.areas = session_areas(self.session, records.areas or [])
        if variants is None:
            variants = await load_session_variants(client, self.session.name, reading="grid")
        self.records = {v.id: v for v in variants}
        self.index = await asyncio.to_thread(CodeIndex, variants)
        waiting = await self._in_db(self.journal.pending)
        self._pending = {}
        for op in waiting:
            self._pending.setdefault(op.variant, []).append(op)
        self.status.waiting = len(waiting)
        self.status.rejected = await self._in_db(self.journal.rejected_count, self.session.name)
        if waiting:
            self._wake.set()
        rows: list[VariantRecord] = []
        for i in range(0, len(variants), 1000):  # thousands of rows: let the GUI run between slices
            if i:
                await asyncio.sleep(0)
            rows += [self.view(v.id) for v in variants[i:i + 1000]]
        return rows

    def start(self) -> None:
        """Deliver in the background from now on (the GUI); a CLI command calls `deliver`."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="counting-desk-sync")

    async def close(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        if self._owns_journal:
            await self._in_db(self.journal.close)
        self._db.shutdown(wait=True)

    # ---- what the screen shows -------------------------------------------------------
    def view(self, variant_id: str) -> VariantRecord:
        """The shop's last known state of the variant plus this device's waiting operations."""
        record = self.records[variant_id]
        mine = self._pending.get(variant_id)
        if not mine or record.counts is None:
            return record
        applied = apply_operations(record.state(), mine, self.device.name)
        state = applied.state
        return replace(record, counts=state.counts, status=state.status, last_done=state.last_done)

    def waiting_for(self, variant_id: str) -> bool:
        """Whether taps on this variant wait to be delivered."""
        return bool(self._pending.get(variant_id))

    # ---- taps --------------------------------------------------------------------
    async def tap(self, variant_id: str, kind: OpKind, area: str | None = None, value: int | None = None) -> VariantRecord:
        """Record one operation durably, then return the variant as it now looks; `TapRefused`
        (nothing recorded) when the domain's rule says no."""
        return (await self.record(variant_id, kind, area, value))[1]

    async def record(self, variant_id: str, kind: OpKind, area: str | None = None,
                     value: int | None = None) -> tuple[CountOperation, VariantRecord]:
        """`tap`, returning the operation recorded too."""
        session = self.session
        current = self.view(variant_id)
        refusal = tap_refusal(current, session, kind, area, value, [a.key for a in self.areas])
        if refusal:
            raise TapRefused(refusal)
        assert session is not None
        op = await self._in_db(lambda: self.journal.record(session=session.name, snapshot_at=session.snapshot_at or "",
                                                           variant=variant_id, kind=kind, area=area, value=value,
                                                           sku=current.sku))
        self._pending.setdefault(variant_id, []).append(op)
        self.status.waiting += 1
        self._announce()
        self._wake.set()
        return op, self.view(variant_id)

    def interpret(self, code: str) -> ScanResult:
        """What a scanned code means here (no side effect): a variant, an area switch, or nothing."""
        if self.session is None:
            raise TapRefused("Open a session before scanning.")
        return interpret_scan(code, self.index, self.areas, session=self.session.name,
                              area_prefix=self.settings.area_scan_prefix)

    async def scan(self, code: str | ScanResult, area: str | None) -> ScanOutcome:
        """A scanned code (or what `interpret` made of it): +1 in `area` for a variant, an area
        switch, or nothing with a reason. A code that names several variants is noted for the
        report (a duplicate met while counting)."""
        result = self.interpret(code) if isinstance(code, str) else code
        if result.kind == "area":
            return ScanOutcome(result, area=result.area)
        if result.kind == "ambiguous" and self.session is not None:
            await self._in_db(self.journal.note_duplicate, self.session.name, result.code)
        if result.kind != "variant" or not result.variant_id:
            return ScanOutcome(result)
        return ScanOutcome(result, await self.tap(result.variant_id, OpKind.ADD, area, 1), area)

    # ---- delivery ------------------------------------------------------------------
    async def deliver(self) -> SyncReport:
        """Deliver what waits now and settle this desk's view; shop errors propagate (the CLI)."""
        report = await self.engine.deliver()
        await self._settle(report)
        return report

    async def sync_now(self) -> None:
        """Deliver what waits now; errors are reported through `status`, never raised (the GUI)."""
        if not any(self._pending.values()):
            return
        try:
            report = await self.engine.deliver()
        except ShopifyError as exc:
            self.status.online, self.status.last_error = False, describe(exc)
            self._announce()
            return
        await self._settle(report)

    async def _settle(self, report: SyncReport) -> None:
        touched = list(self._pending)
        still = await self._in_db(self.journal.pending)
        self._pending = {}
        for op in still:
            self._pending.setdefault(op.variant, []).append(op)
        for variant_id in touched:
            known = self.engine.cache.get(variant_id)
            if known and variant_id in self.records:
                record = self.records[variant_id]
                self.records[variant_id] = replace(record, counts=known.state.counts,
                                                   status=known.state.status or record.status,
                                                   last_done=known.state.last_done or record.last_done)
        self.status.online, self.status.last_error = True, None
        self.status.waiting = len(still)
        if report.rejected:
            self.status.rejected += len(report.rejected)
            reason = report.rejected[-1][1]
            self.status.last_error = f"A count was refused: {reason}."
            self.on_rejected(report.rejected)
        self._announce()
        self.on_rows_changed([self.view(v) for v in touched if v in self.records])

    async def refresh(self, ids: list[str] | None = None) -> None:
        """Re-read counts the shop holds now (other devices' work) and update the rows."""
        wanted = ids or list(self.records)
        try:
            known = await read_known(self.shop.client, wanted)
        except ShopifyError as exc:
            self.status.online, self.status.last_error = False, describe(exc)
            self._announce()
            return
        changed = []
        for variant_id, k in known.items():
            record = self.records.get(variant_id)
            if record is None:
                continue
            if (k.state.counts, k.state.status) != (record.counts, record.status):
                self.records[variant_id] = replace(record, counts=k.state.counts, status=k.state.status,
                                                   last_done=k.state.last_done, problems=k.problems)
                changed.append(variant_id)
        if changed:
            self.on_rows_changed([self.view(v) for v in changed])

    def refresh_interval(self) -> float:
        """Poll for other devices' counts using at most a fifth of a standard bucket's refill
        (a counts-only read costs about 2 points a variant), and not more often than every 20 s:
        a manager watching the kiosks' progress sees it within half a minute on a small session."""
        return max(20.0, len(self.records) * 2 / 20)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        backoff = 5.0
        next_refresh = loop.time() + self.refresh_interval()
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=max(0.0, next_refresh - loop.time()))
            except asyncio.TimeoutError:
                await self.refresh()
                next_refresh = loop.time() + self.refresh_interval()
                continue
            self._wake.clear()
            await asyncio.sleep(self.sync_delay)  # gather the next moments' taps into one write
            await self.sync_now()
            if self.status.online:
                backoff = 5.0
            else:  # offline: try again later, less and less often; taps stay safe in the journal
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60.0)
                self._wake.set()

    def _announce(self) -> None:
        self.status.bucket_fill = self.shop.bucket_fill
        self.on_status(replace(self.status))

    async def rejected(self) -> list[tuple[CountOperation, str]]:
        """This device's operations for the session that the shop refused, with the reasons."""
        return await self._in_db(self.journal.rejected, self.session.name if self.session else None)

    async def _in_db(self, fn: Callable[..., Any], *args: object) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

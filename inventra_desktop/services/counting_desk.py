"""One device counting one session: what the GUI drives and what every CLI command that counts
uses (Qt-free, so it is tested headless).

A tap is checked by the domain's rule (stocktake/taps.py), committed to the journal (in the
journal's own thread) before it is shown as saved; the screen shows it at once from the device's
own view: the shop's last known state of the variant plus this device's operations that state
does not hold yet (by the `ops` watermark: waiting ones, and delivered ones the row was read
before). A background loop delivers what waits a moment later, coalesced, and keeps the rows
current with what other devices counted.

Opening (issue 16, goal 1): a session this device has opened before opens from its local copy
(journal/session_cache.py) without waiting for the shop, and `start` then reconciles it with the
shop in the background, reporting the rows that differ through `on_rows_changed` (and a changed
session record through `on_session_changed`). A session opened for the first time is read from
the shop with only what the screens need, its progress reported as it goes.

What the GUI calls: `rows = await desk.open(name, progress=...)` (fast when `desk.warm` after
it), set the callbacks, `desk.start()`; then taps. `desk.reconciled` is set once the rows are the
shop's of now.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Callable

from ..gateway.records import get_session, load_records
from ..gateway.variant_state import (
    BULK_READ_POINTS,
    KNOWN_POINTS_PER_VARIANT,
    read_known,
    read_session_known,
)
from ..gateway.variants import load_session_variants
from ..journal.store import REJECTED, Journal, NewOperation, Recorded
from ..journal.sync import SyncEngine, SyncReport
from ..shopify.errors import ShopifyError, Throttled
from ..stocktake.areas import session_areas
from ..stocktake.changes import Known
from ..stocktake.clock import iso_ago, now_iso
from ..stocktake.counting import ACTIVE_WINDOW, apply_operations, devices_counting
from ..stocktake.errors import TapRefused
from ..stocktake.lookup import CodeIndex, ScanResult, interpret_scan
from ..stocktake.models import Area, CountOperation, OpKind, SessionRecord, Settings
from ..stocktake.taps import tap_refusal
from ..stocktake.variant import VariantRecord, session_search
from . import bucket_share
from .device_copy import KeptCopy
from .messages import describe
from .shop import ShopSession

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# The scan index of 100,000 variants takes a second or two: it is built beside the open, and a
# scan that comes before it is ready waits for it.
_INDEXER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="code-index")


def _same_state(record: VariantRecord, known: Known) -> bool:
    """Whether a read of the shop (`known`) holds what the row holds. The counts' digest says it
    for the counts without comparing them field by field (a poll of 100,000 rows would otherwise
    hold the GUI's loop for seconds)."""
    if known.state.status != record.status:
        return False
    digest = record.digests.get("counts")
    return (digest is not None and digest == known.digest) or known.state.counts == record.counts


@dataclass
class DeskStatus:
    online: bool = True
    waiting: int = 0
    rejected: int = 0
    last_error: str | None = None
    bucket_fill: float = 1.0
    busy: bool = False  # the shop asked us to slow down: deliveries wait, nothing is wrong


@dataclass
class ScanOutcome:
    """What one scanned code did: counted one (`view` is the variant now), switched the area, or
    nothing (`result.sentence()` says why)."""

    result: ScanResult
    view: VariantRecord | None = None
    area: str | None = None


class CountingDesk:
    def __init__(self, shop: ShopSession, journal: Journal | None = None, *, sync_delay: float = 2.0,
                 use_cache: bool = True) -> None:
        self.shop = shop
        # A tap is checked against the variant as it looks with the taps before it: two taps in
        # flight at once (a keypad's Set, then +10 at once) must not both pass the same check.
        self._tap_turn = asyncio.Lock()
        self._owns_journal = journal is None
        self.journal = journal or shop.journal()
        self.device = shop.device
        self.engine = SyncEngine(shop.client, self.journal, self.device.name, db=self._in_db,
                                 renew=shop.renew_device)
        # Rows read at open, by a poll or a reconcile carry the digest of the variant's counts; a
        # delivery trusts one that young instead of reading again (a stale one costs a refused
        # write and a read; the compare digest keeps it correct either way).
        self.engine.trust_seconds = 60.0
        self.sync_delay = sync_delay
        self.use_cache = use_cache
        self.session: SessionRecord | None = None
        self.areas: list[Area] = []
        self.settings = Settings()
        self.records: dict[str, VariantRecord] = {}
        self._index: CodeIndex | Future[CodeIndex] = CodeIndex([])
        self.status = DeskStatus()
        self.warm = False  # opened from this device's copy: `start` reconciles it with the shop
        self.devices = 1  # devices counting this session lately, as its rows show (this one at least)
        self._read_at: float | None = None  # when the rows were read from the shop (None: from the copy)
        self.reconciled = asyncio.Event()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="journal")  # one thread owns SQLite
        self._copy = KeptCopy(shop)  # used in the journal thread
        self._pending: dict[str, list[CountOperation]] = {}  # waiting to be delivered, per variant
        self._mine: dict[str, list[CountOperation]] = {}  # this device's ops a row may not hold yet
        self._wake = asyncio.Event()
        self._delivering = asyncio.Lock()  # one delivery at a time: they share the engine's cache
        self._failed = False  # the last delivery failed: try again later
        self._closed = False
        self._task: asyncio.Task[None] | None = None
        self._reconciling: asyncio.Task[None] | None = None
        self.on_rows_changed: Callable[[list[VariantRecord]], None] = lambda rows: None
        self.on_status: Callable[[DeskStatus], None] = lambda status: None
        self.on_rejected: Callable[[list[tuple[CountOperation, str]]], None] = lambda rejected: None
        self.on_session_changed: Callable[[SessionRecord], None] = lambda session: None

    # ---- loading -----------------------------------------------------------------
    async def open(self, name: str, *, variants: list[VariantRecord] | None = None,
                   known: tuple[SessionRecord, list[Area], Settings] | None = None,
                   progress: Progress | None = None, fresh: bool = False) -> list[VariantRecord]:
        """Load session `name` and this device's own operations, and return its rows as this
        device sees them. From this device's copy when it has one (`warm`: no request to the
        shop; `start` reconciles), else, or when `fresh` (just after this device changed the
        session in the shop), from the shop (`progress(done, total)` as it reads).
        `variants` (and `known`: the session record, the shop's areas and settings) stand in for
        reading them, e.g. the one variant a CLI command names."""
        cached = None
        if variants is None and known is None and self.use_cache and not fresh:
            cached = await self._in_db(self._copy.load, name)
        if cached is not None:
            self.warm = True
            self.session, self.settings = cached.session, cached.settings
            self.areas = session_areas(cached.session, cached.areas)
            variants = cached.rows
        else:
            client = self.shop.client
            if known is not None:
                self.session, shop_areas, self.settings = known
            else:
                self.session = await get_session(client, name)
                records = await load_records(client)
                self.settings = records.settings or Settings()
                shop_areas = records.areas or []
            self.areas = session_areas(self.session, shop_areas)
            if variants is None:
                variants = await load_session_variants(client, self.session.name, reading="grid", progress=progress)
                self._read_at = time.monotonic()
                self.reconciled.set()
                if self.use_cache:  # kept in the journal thread while the rows are shown
                    session, settings, rows = self.session, self.settings, list(variants)
                    self._db.submit(self._copy.save, session, shop_areas, settings, rows)
        self.records = {v.id: v for v in variants}
        await self._load_own_operations()
        rows: list[VariantRecord] = []
        for i in range(0, len(variants), 1000):  # thousands of rows: let the GUI run between slices
            if i:
                await asyncio.sleep(0)
            rows += [self.view(v.id) for v in variants[i:i + 1000]]
        self._index = _INDEXER.submit(CodeIndex, variants)  # after the rows: it takes the CPU a while
        return rows

    def _seed(self, variant_ids: list[str]) -> None:
        """Give the delivery the digests a fresh read of these rows saw (it need not read them
        again while they are young); rows from this device's copy are too old to trust."""
        if self._read_at is None:
            return
        cache = self.engine.cache
        for variant_id in variant_ids:
            record = self.records.get(variant_id)
            if variant_id not in cache and record is not None:
                cache[variant_id] = Known(record.state(), record.digests.get("counts"), at=self._read_at)

    async def _load_own_operations(self) -> None:
        session = self.session
        assert session is not None

        def read() -> tuple[list[CountOperation], list[tuple[CountOperation, str, str | None]], int]:
            return (self.journal.pending(), self.journal.operations(session.name),
                    self.journal.rejected_count(session.name))
        waiting, everything, rejected = await self._in_db(read)
        self._pending = {}
        for op in waiting:
            self._pending.setdefault(op.variant, []).append(op)
        self._mine = {}
        for op, state, _ in everything:
            if state != REJECTED and op.snapshot_at == session.snapshot_at and op.variant in self.records:
                self._mine.setdefault(op.variant, []).append(op)
        self._prune(list(self._mine))
        self.status.waiting = len(waiting)
        self.status.rejected = rejected
        if waiting:
            self._wake.set()

    def _prune(self, variant_ids: list[str]) -> None:
        """Forget this device's operations that the variant's row already holds (by the watermark)."""
        device = self.device.device_id
        for variant_id in variant_ids:
            mine = self._mine.get(variant_id)
            record = self.records.get(variant_id)
            if not mine or record is None or record.counts is None:
                continue
            mark = record.counts.ops.get(device, 0)
            kept = [op for op in mine if op.seq > mark]
            if kept:
                self._mine[variant_id] = kept
            else:
                del self._mine[variant_id]

    def start(self) -> None:
        """Deliver and poll in the background from now on (the GUI), reconciling a warm open
        first; a CLI command calls `deliver`."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="counting-desk-sync")

    async def close(self) -> None:
        """Stop the background work and let go of the journal thread; a second close does nothing."""
        if self._closed:
            return
        self._closed = True
        self._wake.set()  # the loop sees it is closed even if a cancel below is lost in a wait_for
        for task in (self._reconciling, self._task):
            if task:
                task.cancel()
                try:
                    await task
                except asyncio.CancelledError:
                    pass
        self._task = self._reconciling = None

        def shut() -> None:
            self._copy.close()
            if self._owns_journal:
                self.journal.close()
        await self._in_db(shut)
        self._db.shutdown(wait=True)

    @property
    def index(self) -> CodeIndex:
        """The session's variants by code (what a scan looks up)."""
        if isinstance(self._index, Future):
            self._index = self._index.result()  # waits only for a scan within a moment of the open
        return self._index

    # ---- what the screen shows -------------------------------------------------------
    def view(self, variant_id: str) -> VariantRecord:
        """The shop's last known state of the variant plus this device's operations it does not
        hold yet: never a count older than this device's journal."""
        record = self.records[variant_id]
        mine = self._mine.get(variant_id)
        if not mine or record.counts is None:
            return record
        applied = apply_operations(record.state(), mine, self.device.name, display=True)
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
        async with self._tap_turn:
            session = self.session
            current = self.view(variant_id)
            refusal = tap_refusal(current, session, kind, area, value, [a.key for a in self.areas])
            if refusal:
                raise TapRefused(refusal)
            assert session is not None
            op = await self._in_db(lambda: self.journal.record(
                session=session.name, snapshot_at=session.snapshot_at or "", variant=variant_id, kind=kind, area=area,
                value=value, sku=current.sku))
            self._pending.setdefault(variant_id, []).append(op)
            self._mine.setdefault(variant_id, []).append(op)
        self.status.waiting += 1
        self._announce()
        self._wake.set()
        return op, self.view(variant_id)

    async def record_all(self, variant_id: str, taps: list[tuple[OpKind, str | None, int | None]], *,
                         caller_key: str | None = None) -> Recorded:
        """Record several taps on one variant as one durable step (all or nothing), each checked
        by the domain's rule as if the ones before it were recorded; `TapRefused` records nothing.
        With `caller_key`, what was recorded under that key before comes back instead
        (`Recorded.already`): a repeated command never counts twice."""
        async with self._tap_turn:
            return await self._record_all(variant_id, taps, caller_key)

    async def _record_all(self, variant_id: str, taps: list[tuple[OpKind, str | None, int | None]],
                          caller_key: str | None) -> Recorded:
        session = self.session
        assert session is not None
        view = self.view(variant_id)
        keys = [a.key for a in self.areas]
        new: list[NewOperation] = []
        for i, (kind, area, value) in enumerate(taps, start=1):
            refusal = tap_refusal(view, session, kind, area, value, keys)
            if refusal:
                raise TapRefused(refusal)
            new.append(NewOperation(session.name, session.snapshot_at or "", variant_id, kind, area, value, view.sku))
            if view.counts is not None:  # the next tap is checked against this one's effect
                preview = CountOperation(op_id=f"preview-{i}", device_id="preview", seq=i, session=session.name,
                                         snapshot_at=session.snapshot_at or "", variant=variant_id, area=area,
                                         kind=kind, value=value, at=now_iso())
                state = apply_operations(view.state(), [preview], self.device.name, display=True).state
                view = replace(view, counts=state.counts, status=state.status, last_done=state.last_done)
        recorded: Recorded = await self._in_db(lambda: self.journal.record_all(new, caller_key=caller_key))
        if not recorded.already:
            self._pending.setdefault(variant_id, []).extend(recorded.operations)
            self._mine.setdefault(variant_id, []).extend(recorded.operations)
            self.status.waiting += len(recorded.operations)
            self._announce()
            self._wake.set()
        return recorded

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
        async with self._delivering:
            self._seed(list(self._pending))
            report = await self.engine.deliver()
            await self._settle(report)
        return report

    async def sync_now(self) -> None:
        """Deliver what waits now; errors are reported through `status`, never raised (the GUI).
        A shop that asks us to slow down is busy, not offline: nothing is shown as an error."""
        if not any(self._pending.values()):
            return
        async with self._delivering:
            self._seed(list(self._pending))
            try:
                report = await self.engine.deliver()
            except Throttled:
                self.status.busy = True
                self._announce()
                return
            except Exception as exc:  # noqa: BLE001 - the taps stay in the journal; the loop must live on
                offline = isinstance(exc, ShopifyError)
                if not offline:
                    log.exception("delivery failed")
                self.status.online, self.status.last_error = not offline, describe(exc)
                self._failed = True
                self._announce()
                return
            self.status.busy = False
            await self._settle(report)

    async def _settle(self, report: SyncReport) -> None:
        touched = list(self._pending)
        still = await self._in_db(self.journal.pending)
        self._pending = {}
        for op in still:
            self._pending.setdefault(op.variant, []).append(op)
        updated = []
        for variant_id in touched:
            known = self.engine.cache.get(variant_id)
            if known and variant_id in self.records:
                record = self.records[variant_id]
                self.records[variant_id] = replace(
                    record, counts=known.state.counts, status=known.state.status or record.status,
                    last_done=known.state.last_done or record.last_done,
                    digests={**record.digests, "counts": known.digest})
                updated.append(self.records[variant_id])
        self._prune(touched)
        self.status.online, self.status.last_error = True, None
        self.status.waiting = len(still)
        if report.rejected:
            self.status.rejected += len(report.rejected)
            reason = report.rejected[-1][1]
            self.status.last_error = f"A count was refused: {reason}."
            self.on_rejected(report.rejected)
        self._announce()
        await self._remember(updated)
        self.on_rows_changed([self.view(v) for v in touched if v in self.records])

    async def _remember(self, rows: list[VariantRecord]) -> None:
        """Keep this device's copy of the session current with rows we learnt (never fails a count)."""
        session = self.session
        if rows and session is not None and self.use_cache:
            await self._in_db(self._copy.update, session, rows)

    # ---- other devices' counts, and what changed while we were closed ---------------
    async def refresh(self, ids: list[str] | None = None) -> None:
        """Re-read counts the shop holds now (other devices' work) and update the rows: a bulk
        read of the session's counts for a large session, the variants by id otherwise."""
        wanted = ids or list(self.records)
        try:
            if ids is None and len(wanted) > bucket_share.BULK_POLL_ABOVE and self.session is not None:
                known = await read_session_known(self.shop.client, session_search(self.session.name))
            else:
                known = await read_known(self.shop.client, wanted)
        except Throttled:
            self.status.busy = True  # the next poll comes later; nothing to show
            self._announce()
            return
        except ShopifyError as exc:
            self.status.online, self.status.last_error = False, describe(exc)
            self._announce()
            return
        changed = []
        for variant_id, k in known.items():
            record = self.records.get(variant_id)
            if record is None:
                continue
            self.engine.cache[variant_id] = k  # the freshest digest: the next delivery reads nothing
            if not _same_state(record, k):
                self.records[variant_id] = replace(record, counts=k.state.counts, status=k.state.status,
                                                   last_done=k.state.last_done, problems=k.problems,
                                                   digests={**record.digests, "counts": k.digest})
                changed.append(variant_id)
        self._count_devices()
        if self.status.busy or not self.status.online:
            self.status.online, self.status.last_error, self.status.busy = True, None, False
            self._announce()
        if changed:
            self._prune(changed)
            await self._remember([self.records[v] for v in changed])
            self.on_rows_changed([self.view(v) for v in changed])

    async def reconcile(self, progress: Progress | None = None) -> bool:
        """Read the session from the shop as a cold open would and make the rows exactly that (plus
        this device's own operations): what other devices counted and what changed in Shopify
        while this device was closed. Reports the rows that look different and a changed session
        record; False (and the status says why) when the shop cannot be reached."""
        assert self.session is not None
        client = self.shop.client
        read_at = time.monotonic()
        try:
            session = await get_session(client, self.session.name)
            shop_records = await load_records(client)
            # Nobody waits for it (the rows show already): one bulk lane, as few points as may be; the
            # shop's five lanes are shared by every device (fifty reconciling at four lanes each held
            # the deliveries back: p95 31 s, against 8 s).
            fresh = await load_session_variants(client, session.name, reading="grid", progress=progress, lanes=1)
        except Throttled:
            self.status.busy = True  # tried again in a moment; nothing to show
            self._announce()
            return False
        except ShopifyError as exc:
            self.status.online, self.status.last_error = False, describe(exc)
            self._announce()
            return False
        before = {v: self.view(v) for v in self.records}
        session_changed = session != self.session
        self.session, self.settings = session, shop_records.settings or Settings()
        shop_areas = shop_records.areas or []
        self.areas = session_areas(session, shop_areas)
        self.records = {v.id: v for v in fresh}
        self._read_at = read_at
        self._index = await asyncio.wrap_future(_INDEXER.submit(CodeIndex, fresh))
        await self._load_own_operations()
        self._count_devices()
        changed: list[VariantRecord] = []
        for i in range(0, len(fresh), 5000):  # 100,000 rows compared: let the GUI run between slices
            if i:
                await asyncio.sleep(0)
            changed += [row for v in fresh[i:i + 5000] if before.get(v.id) != (row := self.view(v.id))]
        gone = [v for v in before if v not in self.records]
        await self._in_db(self._copy.save, session, shop_areas, self.settings, fresh)
        self.status.online, self.status.last_error, self.status.busy = True, None, False
        self._announce()
        self.reconciled.set()
        if session_changed or gone:
            self.on_session_changed(session)
        if changed:
            self.on_rows_changed(changed)
        return True

    def _count_devices(self) -> None:
        """How many devices counted this session lately (this one at least), by its rows."""
        names = devices_counting((r.counts for r in self.records.values()), iso_ago(ACTIVE_WINDOW))
        self.devices = len(names | {self.device.name})

    def share(self) -> float:
        """Points per second this device may count on (services/bucket_share.py)."""
        bucket = self.shop.client.bucket
        return bucket_share.share(bucket.rate, bucket.restore_rate, self.devices)

    def refresh_interval(self) -> float:
        """Seconds between polls for the other devices' counts."""
        n = len(self.records)
        points = BULK_READ_POINTS if n > bucket_share.BULK_POLL_ABOVE else n * KNOWN_POINTS_PER_VARIANT
        return bucket_share.poll_interval(points, self.share())

    def delivery_delay(self) -> float:
        """Seconds from a tap to its delivery."""
        return bucket_share.delivery_delay(self.share(), self.sync_delay, self.shop.client.bucket.fill)

    async def _keep_reconciling(self) -> None:
        """Reconcile a warm open, again and again while the shop cannot be reached."""
        pause = 5.0
        while not await self.reconcile():
            await asyncio.sleep(pause)
            pause = min(pause * 2, 60.0)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        backoff = 5.0
        self._count_devices()
        if self.warm and not self.reconciled.is_set():  # beside the deliveries: taps never wait for it
            self._reconciling = loop.create_task(self._keep_reconciling(), name="counting-desk-reconcile")
        next_refresh = loop.time() + self.refresh_interval()
        while not self._closed:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=max(0.0, next_refresh - loop.time()))
            except asyncio.TimeoutError:
                if self.reconciled.is_set():
                    await self.refresh()
                next_refresh = loop.time() + self.refresh_interval()
                continue
            self._wake.clear()
            if self._closed:  # Python 3.11's wait_for can lose a cancel that comes as the wait ends
                return
            await asyncio.sleep(self.delivery_delay())  # gather the next moments' taps into one write
            await self.sync_now()
            if self.status.online and not self.status.busy and not self._failed:
                backoff = 5.0
            else:  # offline, busy or failed: try again later, less and less often; taps stay safe in the journal
                self._failed = False
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

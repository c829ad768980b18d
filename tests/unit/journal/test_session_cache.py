"""This device's copy of a session: what goes in comes out, a save is all or nothing even when the
process is killed with -9 in the middle of it, and a copy it cannot read is started afresh."""

from __future__ import annotations

import gc
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import weakref
from pathlib import Path

from builders import SNAP, session, twenty, variant

from inventra_desktop.journal.session_cache import CACHE_FILE, SessionCache
from inventra_desktop.stocktake.models import Area, Settings

SHOP = "http://127.0.0.1:1"
AREAS = [Area(key="showroom", label="Showroom", location_id="gid://shopify/Location/1")]


def test_rows_come_back_as_they_went_in(tmp_path: Path) -> None:
    rows = twenty()
    rows[0].digests = {"counts": "abc", "status": None}
    rows[0].image_url = "https://cdn.example/x.png"
    rows[0].unit_cost = "3.50"
    with SessionCache(tmp_path) as cache:
        cache.save(SHOP, session(), AREAS, Settings(review_threshold_units=7), rows, saved_at=SNAP)
        copy = cache.load(SHOP, "s1")  # session names ignore case, as their tags do
    assert copy is not None and copy.complete and copy.saved_at == SNAP
    assert copy.session == session() and copy.areas == AREAS and copy.settings.review_threshold_units == 7
    assert sorted(copy.rows, key=lambda r: r.id) == sorted(rows, key=lambda r: r.id)


def test_the_rows_of_a_copy_are_out_of_the_collectors_sight_and_earlier_garbage_is_not(tmp_path: Path) -> None:
    """Each full pass of the collector over 100,000 rows cost a warm open's first tap 1.5 s."""
    with SessionCache(tmp_path) as cache:
        cache.save(SHOP, session(), AREAS, Settings(), twenty(), saved_at=SNAP)
        cycle: list[object] = []
        cycle.append(cycle)
        gone = weakref.ref(_Node(cycle))  # garbage in a reference cycle, made before the load
        gc.unfreeze()
        copy = cache.load(SHOP, "s1")
    assert copy is not None
    seen = {id(o) for o in gc.get_objects()}  # what the collector walks (not the frozen)
    assert all(gc.is_tracked(r) for r in copy.rows) and not any(id(r) in seen for r in copy.rows)
    assert gone() is None  # collected, not frozen with the rows


class _Node:
    def __init__(self, payload: object) -> None:
        self.me, self.payload = self, payload


def test_update_adds_and_replaces_rows_and_a_new_copy_is_not_complete(tmp_path: Path) -> None:
    with SessionCache(tmp_path) as cache:
        cache.update(SHOP, session(), [variant(1, showroom=2)], areas=AREAS, settings=Settings())
        part = cache.load(SHOP, "S1")
        assert part is not None and not part.complete and [r.id for r in part.rows] == [variant(1).id]
        cache.save(SHOP, session(), AREAS, Settings(), [variant(1), variant(2)], saved_at=SNAP)
        cache.update(SHOP, session(), [variant(2, showroom=9)])
        whole = cache.load(SHOP, "S1")
        assert whole is not None and whole.complete and whole.areas == AREAS
        assert {r.id: r.counts.areas["showroom"].qty for r in whole.rows if r.counts} == {
            variant(1).id: 0, variant(2).id: 9}
        assert cache.load("http://other-shop", "S1") is None
        cache.forget(SHOP, "S1")
        assert cache.load(SHOP, "S1") is None


def test_a_copy_that_cannot_be_read_is_started_afresh(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database, it is what a crashed disk left" * 100)
    with SessionCache(tmp_path) as cache:
        assert cache.load(SHOP, "S1") is None
        cache.save(SHOP, session(), AREAS, Settings(), [variant(1)], saved_at=SNAP)
        assert cache.load(SHOP, "S1") is not None


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    from builders import SNAP, session, variant
    from inventra_desktop.journal.session_cache import SessionCache
    from inventra_desktop.stocktake.models import Settings
    cache = SessionCache(Path(sys.argv[1]))
    generation = 0
    print("ready", flush=True)
    while True:  # every save replaces 3,000 rows; each row carries the generation in its title
        generation += 1
        rows = [variant(n, title=f"generation {generation}", showroom=generation % 50) for n in range(1, 3001)]
        cache.save("http://127.0.0.1:1", session(), [], Settings(), rows, saved_at=str(generation))
""")


def test_killed_with_minus_9_mid_save_the_copy_is_one_whole_save(tmp_path: Path) -> None:
    tests_dir = Path(__file__).resolve().parents[2]
    for delay in (0.4, 0.9, 1.7):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(tests_dir)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        with sqlite3.connect(tmp_path / CACHE_FILE) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with SessionCache(tmp_path) as cache:
            copy = cache.load(SHOP, "S1")
        if copy is None:
            continue  # killed before its first save committed: no copy, not half of one
        generations = {r.title for r in copy.rows}
        assert len(copy.rows) == 3000 and generations == {f"generation {copy.saved_at}"}, generations


def test_the_file_is_beside_the_journal_and_apart_from_it(tmp_path: Path) -> None:
    with SessionCache(tmp_path) as cache:
        cache.save(SHOP, session(), AREAS, Settings(), [variant(1)], saved_at=SNAP)
    assert (tmp_path / CACHE_FILE).is_file() and not (tmp_path / "journal.sqlite3").exists()
    with sqlite3.connect(tmp_path / CACHE_FILE) as raw:
        sku, counts = raw.execute("SELECT sku, counts FROM variants").fetchone()
    assert sku == "SKU-1" and json.loads(counts)["session"] == "S1"

"""The journal keeps every tap across reopen, crash and concurrent processes (DESIGN.md section 5)."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from inventra_desktop.journal.store import (
    CSV_HEADER,
    JOURNAL_FILE,
    Journal,
    JournalSchemaError,
    UnknownOperationError,
)
from inventra_desktop.stocktake.models import CountOperation, OpKind

DEVICE = "d" * 32
VARIANT = "gid://shopify/ProductVariant/1"
SNAPSHOT = "2026-11-23T10:00:00Z"


def tap(journal: Journal, **overrides: object) -> CountOperation:
    fields: dict[str, object] = {
        "session": "S1", "snapshot_at": SNAPSHOT, "variant": VARIANT,
        "kind": OpKind.ADD, "area": "showroom", "value": 1,
    }
    fields.update(overrides)
    return journal.record(**fields)  # type: ignore[arg-type]


def run_python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


@pytest.fixture
def journal(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Journal(tmp_path, DEVICE) as j:
        yield j


def test_a_data_dir_holds_the_journal_file(tmp_path: Path) -> None:
    Journal(tmp_path, DEVICE).close()
    Journal(tmp_path / "new-data-dir", DEVICE).close()
    Journal(tmp_path / "elsewhere.sqlite3", DEVICE).close()
    assert (tmp_path / JOURNAL_FILE).is_file()
    assert (tmp_path / "new-data-dir" / JOURNAL_FILE).is_file()
    assert (tmp_path / "elsewhere.sqlite3").is_file()


def test_pragmas_are_wal_and_full(journal: Journal) -> None:
    conn = journal._connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_record_returns_a_complete_operation(journal: Journal) -> None:
    op = tap(journal, sku="SKU-1", value=3)
    assert len(op.op_id) == 32 and op.device_id == DEVICE and op.seq == 1
    assert (op.kind, op.value, op.sku, op.area) == (OpKind.ADD, 3, "SKU-1", "showroom")
    assert op.at.endswith("Z") and len(op.at) == len("2026-11-23T10:00:00.000Z")
    assert tap(journal, at="2026-01-01T00:00:00.000Z").at == "2026-01-01T00:00:00.000Z"


def test_operations_survive_a_reopen(tmp_path: Path) -> None:
    with Journal(tmp_path, DEVICE) as j:
        written = [tap(j, value=i) for i in range(5)]
        tap(j, kind=OpKind.DONE, area=None, value=None)
    with Journal(tmp_path, DEVICE) as j:
        again = j.pending()
        assert again[:5] == written
        assert again[5].kind == OpKind.DONE and again[5].area is None
        assert tap(j).seq == 7  # numbering continues after a restart


def test_seq_strictly_increases(journal: Journal) -> None:
    seqs = [tap(journal).seq for _ in range(50)]
    assert seqs == list(range(1, 51))


def test_pending_delivered_rejected_transitions(journal: Journal) -> None:
    a, b, c, d = (tap(journal, session="S1" if i < 3 else "S2") for i in range(4))
    assert journal.pending_count() == 4
    assert journal.pending(limit=2) == [a, b]

    journal.mark_delivered([a.op_id, b.op_id])
    journal.mark_delivered([a.op_id])  # idempotent
    journal.mark_rejected(c.op_id, "the session was released")
    journal.mark_rejected(c.op_id, "another reason")  # idempotent: the first reason stays
    journal.mark_delivered([c.op_id])  # a rejected op stays rejected

    assert journal.pending() == [d] and journal.pending_count() == 1
    assert journal.rejected() == [(c, "the session was released")]
    assert journal.rejected_count() == 1 and journal.rejected_count("S1") == 1
    assert journal.rejected_count("S2") == 0 and journal.rejected("S2") == []
    states = {op.op_id: (state, reason) for op, state, reason in journal.operations()}
    assert states == {
        a.op_id: ("delivered", None), b.op_id: ("delivered", None),
        c.op_id: ("rejected", "the session was released"), d.op_id: ("waiting", None),
    }
    assert [op for op, _, _ in journal.operations("S2")] == [d]


def test_unknown_op_ids_are_an_error(journal: Journal) -> None:
    op = tap(journal)
    with pytest.raises(UnknownOperationError):
        journal.mark_delivered([op.op_id, "nope"])
    with pytest.raises(UnknownOperationError):
        journal.mark_rejected("nope", "why")
    assert journal.pending() == [op]  # the failed call changed nothing


def test_pending_for_variant(journal: Journal) -> None:
    mine = tap(journal)
    tap(journal, variant="gid://shopify/ProductVariant/2")
    later = tap(journal, kind=OpKind.SET, value=7)
    journal.mark_delivered([mine.op_id])
    assert journal.pending_for_variant(VARIANT) == [later]


def test_export_csv_reads_back(journal: Journal, tmp_path: Path) -> None:
    a = tap(journal, sku="SKU-1, \"quoted\"", value=-2)
    b = tap(journal, kind=OpKind.DONE, area=None, value=None)
    tap(journal, session="other")
    journal.mark_delivered([a.op_id])
    journal.mark_rejected(b.op_id, "snapshot changed: ü")
    out = tmp_path / "exports" / "S1.csv"

    assert journal.export_csv(out, "S1") == 2
    with out.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == CSV_HEADER
        rows = list(reader)
    assert rows[0] == {
        "time": a.at, "device": DEVICE, "session": "S1", "variant": VARIANT, "sku": 'SKU-1, "quoted"',
        "area": "showroom", "kind": "add", "value": "-2", "state": "delivered", "reason": "",
    }
    assert (rows[1]["kind"], rows[1]["area"], rows[1]["value"]) == ("done", "", "")
    assert (rows[1]["state"], rows[1]["reason"]) == ("rejected", "snapshot changed: ü")
    assert [p.name for p in out.parent.iterdir()] == ["S1.csv"]  # no temp file left behind


def test_closed_journal_refuses_work(tmp_path: Path) -> None:
    j = Journal(tmp_path, DEVICE)
    j.close()
    j.close()
    with pytest.raises(Exception, match="closed"):
        tap(j)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    Journal(tmp_path, DEVICE).close()
    with sqlite3.connect(tmp_path / JOURNAL_FILE) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    with pytest.raises(JournalSchemaError, match="newer"):
        Journal(tmp_path, DEVICE)


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE things (x)")
    conn.close()
    with pytest.raises(JournalSchemaError, match="not an Inventra journal"):
        Journal(db, DEVICE)


RECORD_MANY = """
    import sys
    from pathlib import Path
    from inventra_desktop.journal.store import Journal
    with Journal(Path(sys.argv[1]), sys.argv[2]) as j:
        for i in range(int(sys.argv[3])):
            j.record(session="S1", snapshot_at="t", variant="v", kind="add", area="a", value=i)
    print("ok")
"""


@pytest.mark.slow
def test_two_processes_never_share_a_seq(tmp_path: Path) -> None:
    Journal(tmp_path, DEVICE).close()  # both start on a ready file; a fresh one is covered below
    procs = [run_python(RECORD_MANY, str(tmp_path), DEVICE, "200") for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        assert out.strip() == "ok"
    with Journal(tmp_path, DEVICE) as j:
        seqs = [op.seq for op in j.pending()]
    assert seqs == list(range(1, 401))


def test_processes_opening_a_fresh_file_at_once(tmp_path: Path) -> None:
    procs = [run_python(RECORD_MANY, str(tmp_path), DEVICE, "5") for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    with Journal(tmp_path, DEVICE) as j:
        assert [op.seq for op in j.pending()] == list(range(1, 16))


RECORD_THEN_WAIT = """
    import sys, time
    from pathlib import Path
    from inventra_desktop.journal.store import Journal
    j = Journal(Path(sys.argv[1]), sys.argv[2])
    op = j.record(session="S1", snapshot_at="t", variant="v", kind="set", area="a", value=42)
    print(op.op_id, flush=True)
    time.sleep(60)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_an_operation_survives_sigkill_right_after_record(tmp_path: Path) -> None:
    proc = run_python(RECORD_THEN_WAIT, str(tmp_path), DEVICE)
    assert proc.stdout is not None
    op_id = proc.stdout.readline().strip()
    os.kill(proc.pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=10)
    assert op_id, err
    assert proc.returncode == -signal.SIGKILL
    with Journal(tmp_path, DEVICE) as j:
        [op] = j.pending()
    assert (op.op_id, op.kind, op.value, op.seq) == (op_id, OpKind.SET, 42, 1)


def test_taps_of_one_command_are_recorded_together_once_per_caller_key(journal: Journal) -> None:
    from inventra_desktop.journal.store import NewOperation

    taps = [NewOperation("S1", SNAPSHOT, VARIANT, OpKind.SET, "showroom", 4), NewOperation("S1", SNAPSHOT, VARIANT,
                                                                                           OpKind.DONE)]
    first = journal.record_all(taps, caller_key="scan-1")
    again = journal.record_all(taps, caller_key="scan-1")
    assert not first.already and again.already
    assert [op.op_id for op in again.operations] == [op.op_id for op in first.operations]
    assert [op.seq for op in first.operations] == [1, 2] and len(journal.operations()) == 2
    journal.mark_delivered([first.operations[0].op_id])
    assert journal.by_caller_key("scan-1").states == ["delivered", "waiting"]  # type: ignore[union-attr]
    assert journal.by_caller_key("scan-2") is None


def test_rekeyed_operations_keep_their_order_under_the_fresh_id(journal: Journal) -> None:
    ops = [tap(journal, value=n) for n in (1, 2, 3)]
    journal.mark_sent([ops[0].op_id])
    fresh = "f" * 32
    moved = journal.rekey([ops[2].op_id, ops[1].op_id], fresh)
    assert [(op.value, op.device_id, op.seq, op.sent) for op in moved] == [(2, fresh, 1, False), (3, fresh, 2, False)]
    assert tap(journal).device_id == fresh and tap(journal).seq == 4  # new taps follow, under the fresh id
    assert [op.sent for op in journal.pending() if op.device_id == DEVICE] == [True]


def test_a_version_2_journal_counts_its_waiting_operations_as_sent(tmp_path: Path) -> None:
    """An older app may have sent what still waits: its watermark must read as a replay after the upgrade."""
    path = tmp_path / JOURNAL_FILE
    conn = sqlite3.connect(path)
    conn.executescript(f"""
        CREATE TABLE operations (op_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
            session TEXT NOT NULL, snapshot_at TEXT NOT NULL, variant TEXT NOT NULL, area TEXT, kind TEXT NOT NULL,
            value INTEGER, at TEXT NOT NULL, sku TEXT, state TEXT NOT NULL DEFAULT 'waiting', reason TEXT,
            UNIQUE (device_id, seq));
        CREATE TABLE duplicates_met (session TEXT NOT NULL, code TEXT NOT NULL, at TEXT NOT NULL,
            PRIMARY KEY (session, code));
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta VALUES ('schema_version', '2');
        INSERT INTO operations (op_id, device_id, seq, session, snapshot_at, variant, area, kind, value, at)
            VALUES ('a', '{DEVICE}', 1, 'S1', '{SNAPSHOT}', '{VARIANT}', 'showroom', 'add', 1, '{SNAPSHOT}');
    """)
    conn.close()
    with Journal(path, DEVICE) as journal:
        assert [op.sent for op in journal.pending()] == [True]
        assert tap(journal).sent is False and tap(journal).seq == 3

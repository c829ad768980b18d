"""The write-ahead log under the demo store's state file: what survives a torn write, damage and
compaction, and that concurrent writers share fsyncs without any of them returning early."""

from __future__ import annotations

import threading
from pathlib import Path

from inventra_desktop.simulator.write_ahead_log import WriteAheadLog


def _log(tmp_path: Path, n: int) -> WriteAheadLog:
    wal = WriteAheadLog(tmp_path / "shop.json.wal")
    wal.open(0, fresh=True)
    for i in range(n):
        wal.sync(wal.append({"rows": {"products": [{"id": i, "title": f"Ä-{i}"}]}}))
    return wal


def test_records_come_back_in_order_after_a_given_seq(tmp_path: Path) -> None:
    wal = _log(tmp_path, 5)
    wal.close()
    again = WriteAheadLog(wal.path)
    assert [r["seq"] for r in again.read(after=2)] == [3, 4, 5]
    assert again.read(after=0)[0]["rows"]["products"][0]["title"] == "Ä-0"
    again.open(0)
    assert again.append({}) == 6  # numbering goes on after the last record


def test_a_torn_last_line_is_dropped_and_cut_off_so_new_lines_follow_intact_ones(tmp_path: Path) -> None:
    wal = _log(tmp_path, 3)
    wal.close()
    intact = wal.path.read_bytes()
    wal.path.write_bytes(intact + b'1234abcd {"seq": 4, "rows": {"prod')  # a crash in the middle of write()
    again = WriteAheadLog(wal.path)
    assert [r["seq"] for r in again.read(after=0)] == [1, 2, 3]
    assert wal.path.read_bytes() == intact
    assert not wal.path.with_name(wal.path.name + ".damaged").exists()  # a torn line is no damage
    again.open(0)
    again.sync(again.append({"rows": {}}))
    again.close()
    assert [r["seq"] for r in WriteAheadLog(wal.path).read(after=0)] == [1, 2, 3, 4]


def test_damage_stops_the_replay_there_and_is_kept_aside(tmp_path: Path) -> None:
    wal = _log(tmp_path, 4)
    wal.close()
    lines = wal.path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"\xc3\x84-2", b"\xc3\x84-X")  # a flipped byte: the CRC no longer matches
    wal.path.write_bytes(b"\n".join(lines))
    again = WriteAheadLog(wal.path)
    assert [r["seq"] for r in again.read(after=0)] == [1, 2]
    assert b"X" in wal.path.with_name(wal.path.name + ".damaged").read_bytes()


def test_drop_through_keeps_only_the_later_records(tmp_path: Path) -> None:
    wal = _log(tmp_path, 3)
    offset = wal.size
    for _ in range(2):
        wal.append({})
    wal.drop_through(3, offset)
    wal.sync(wal.append({}))
    wal.close()
    assert [r["seq"] for r in WriteAheadLog(wal.path).read(after=0)] == [4, 5, 6]


def test_concurrent_writers_share_fsyncs_and_each_returns_durable(tmp_path: Path) -> None:
    wal = _log(tmp_path, 0)
    lock = threading.Lock()  # the shop's lock orders appends
    returned_unsynced: list[int] = []

    def writer() -> None:
        for _ in range(40):
            with lock:
                seq = wal.append({"rows": {}})
            wal.sync(seq)
            if wal.synced < seq:
                returned_unsynced.append(seq)

    threads = [threading.Thread(target=writer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert returned_unsynced == []
    assert wal.written == 320 and wal.synced == 320
    assert wal.fsyncs < 320  # grouped: fewer fsyncs than records

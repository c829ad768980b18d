"""What finalize and the session-record writes ask of the shop (issue 16, goal 5): the record's
read-modify-write reads only the record, and the record stays guarded by its compare digest."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Iterator

import pytest
from helpers import counting_session, sent_documents, shop_session

from inventra_desktop.gateway import records
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.stocktake import codec
from inventra_desktop.stocktake.models import SessionState, find_session


@pytest.fixture
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(plan="plus", synthetic=20, seed=5, order_lines=0)) as running:
        yield running


def test_a_session_state_change_reads_the_record_alone_and_keeps_its_digest(shop: EmbeddedShop,
                                                                              tmp_path: Path) -> None:
    pc = shop_session(shop, tmp_path, "office")

    async def go() -> None:
        await counting_session(pc, "Light", "status:active")
        seen = sent_documents(pc.client)
        # Another PC writes the record between our read and our write: ours is refused and redone.
        real_write = records.write_shop_metafield
        raced = [False]

        async def racing(client: Any, shop_id: str, key: str, value: str, digest: Any = codec.OMIT_DIGEST) -> None:
            if not raced[0]:
                raced[0] = True
                state = shop.state
                with state.lock:
                    mf = state.metafield(shop_id, codec.NAMESPACE, codec.Keys.SESSIONS)
                    state.put_metafield(shop_id, codec.NAMESPACE, codec.Keys.SESSIONS, "json", mf.value)
            await real_write(client, shop_id, key, value, digest)
        records.write_shop_metafield = racing  # type: ignore[assignment]
        try:
            await records.set_state(pc.client, "Light", SessionState.FINALIZED, "finalized", "office",
                                    expect=SessionState.SNAPSHOTTED)
        finally:
            records.write_shop_metafield = real_write  # type: ignore[assignment]
        reads = [d for d in seen if d.lstrip().startswith("query")]
        assert len(reads) == 2, seen  # read, refused write, read again, write
        assert all("locations" not in d and "SessionsRecordDigest" in d for d in reads), reads
        stored = shop.state.metafield(shop.state.shop_gid(), codec.NAMESPACE, codec.Keys.SESSIONS)
        session = find_session(codec.decode_sessions(stored.value), "Light")
        assert session is not None and session.state is SessionState.FINALIZED
        assert [e.what for e in session.events].count("finalized") == 1
        await pc.aclose()
    asyncio.run(go())


def test_finalize_reads_the_histories_with_the_variants_and_writes_each_count_once(shop: EmbeddedShop,
                                                                                   tmp_path: Path) -> None:
    from inventra_desktop.services import closing

    pc = shop_session(shop, tmp_path, "office")

    async def go() -> None:
        await counting_session(pc, "OneRead", "status:active")
        seen = sent_documents(pc.client)
        report = await closing.finalize(pc, "OneRead", uncounted="zero")
        assert report.histories == report.participants > 0
        names = [d.split("(")[0].split("{")[0].split()[-1] for d in seen]
        assert not any(h in d for d in seen for h in ("SessionHistories", "VariantHistories")), names
        assert any("SessionVariantsClosing" in d for d in seen), names
        await pc.aclose()
    asyncio.run(go())
    counted = 0
    for variant in shop.state.variants.values():
        mf = shop.state.metafield(f"gid://shopify/ProductVariant/{variant.id}", codec.NAMESPACE, "history")
        if mf is not None:
            entries = codec.decode_history(mf.value)
            assert [e.session for e in entries].count("OneRead") == 1
            counted += 1
    assert counted > 0


def test_the_paced_share_counts_the_restore_while_bulk_runs_and_leaves_what_others_take() -> None:
    from types import SimpleNamespace

    from inventra_desktop.gateway.batch import BULK_PART, CALL_POINTS, paced_share
    from inventra_desktop.shopify.pacing import CostBucket

    client = SimpleNamespace(bucket=CostBucket(), learned={})  # standard plan: 2,000 points, 100 a second
    held_now = int(client.bucket.maximum * 0.9 // CALL_POINTS)
    alone = paced_share(client, 495)  # type: ignore[arg-type]
    assert held_now < alone < 495  # what the restore pays for while 4 bulk parts work is paced too
    beside = paced_share(client, 495, reserve=600)  # type: ignore[arg-type]
    assert alone - 70 < beside < alone - 40  # 60 calls of others: fewer paced, the rest in bulk
    # Bulk lines at their measured rate: a slower shop leaves more to the bucket's calls.
    client.learned["bulk_mutation_lines_per_s"] = 5.0
    assert paced_share(client, 495) > alone  # type: ignore[arg-type]
    # A remainder too small for a bulk part is paced as well.
    assert paced_share(client, held_now + BULK_PART - 1) == held_now + BULK_PART - 1  # type: ignore[arg-type]


def test_the_sessions_record_read_costs_what_the_gateway_reserves_for_it(shop: EmbeddedShop) -> None:
    from helpers import gql_raw

    from inventra_desktop.shopify.documents import document

    body = gql_raw(shop, document("SessionsRecordDigest"))
    assert body["extensions"]["cost"]["requestedQueryCost"] == records.SESSIONS_RECORD_POINTS

"""How the gateway reads a session: page sizes from the shop's own costs, paged or bulk by the
time each would take, a bulk read split into id ranges, and a bulk start that waits for a slot."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from helpers import gql_raw, shop_session

from inventra_desktop.gateway import variants as reading_module
from inventra_desktop.gateway.variants import (
    LEVELED,
    PAGE_POINTS,
    REQUESTED,
    estimate,
    load_variants,
    page_size,
    plan_read,
)
from inventra_desktop.shopify.bulk import bulk_query
from inventra_desktop.shopify.documents import document
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig


@pytest.mark.parametrize("reading", ["full", "grid", "state", "closing", "applying"])
def test_page_sizes_keep_each_page_under_the_single_query_cap(reading: str) -> None:
    with EmbeddedShop(ShopConfig(plan="plus")) as shop:
        levels = len(shop.state.locations)
        first = page_size(reading, levels)  # type: ignore[arg-type]
        variables: dict = {"query": "", "first": first} | ({"levels": levels} if reading in LEVELED else {})
        body = gql_raw(shop, document(reading_module.PAGED[reading]), variables)  # type: ignore[index]
        requested = body["extensions"]["cost"]["requestedQueryCost"]
        per_variant = REQUESTED[reading] + ((2 + 3 * levels) if reading in LEVELED else 0)
        assert requested == 2 + first * per_variant  # our figure is the shop's
        assert requested <= PAGE_POINTS


def test_a_small_read_is_paged_and_a_large_one_bulk_a_drained_bucket_tips_a_middle_one(tmp_path: Path) -> None:
    with EmbeddedShop(ShopConfig(synthetic=700, synthetic_variants=3, plan="standard")) as shop:
        async def scenario() -> None:
            async with shop_session(shop, tmp_path) as pc:
                client = pc.client
                fiftieth = sorted(shop.state.variants)[49]
                small = await plan_read(client, f"id:<={fiftieth}", "state", 0)
                large = await plan_read(client, "", "full", 3)
                assert small.variants == 50 and not small.bulk, small
                assert large.variants == len(shop.state.variants) and large.bulk and large.chunks > 1, large
                # 150 variants: paged while the bucket holds the points, bulk once it is spent.
                full_bucket = estimate(client, "grid", 150, 0)
                client.bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": 0, "restoreRate": 100})
                drained = estimate(client, "grid", 150, 0)
                assert full_bucket[0] < full_bucket[1] and drained[0] > drained[1], (full_bucket, drained)
        asyncio.run(scenario())


def test_a_bulk_read_in_id_ranges_reads_every_variant_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading_module, "BULK_CHUNK", 100)  # several parts for a test-sized session
    with EmbeddedShop(ShopConfig(synthetic=200, synthetic_variants=3, plan="plus", bulk_query_rate=2000)) as shop:
        async def scenario() -> None:
            async with shop_session(shop, tmp_path) as pc:
                plan = await plan_read(pc.client, "", "full", 3)
                plan.bulk = True
                assert plan.chunks == reading_module.BULK_PARALLEL
                parts = reading_module._ranges(plan)
                assert len(parts) == plan.chunks
                seen: list[tuple[int, int]] = []
                split = await load_variants(pc.client, "", reading="full", plan=plan,
                                            progress=lambda done, total: seen.append((done, total)))
                whole = await load_variants(pc.client, "", reading="full", force_bulk=False)
                assert [r.id for r in split] == [r.id for r in whole]
                assert [r.on_hand for r in split] == [r.on_hand for r in whole]
                assert [r.counts for r in split] == [r.counts for r in whole]
                assert seen and seen[-1][0] == seen[-1][1] == len(whole)
        asyncio.run(scenario())


def test_a_bulk_read_waits_for_a_free_slot_instead_of_failing(tmp_path: Path) -> None:
    """Shopify runs five bulk operations per shop and app at once (other devices' polls, a
    snapshot): the sixth start is refused with LIMIT_REACHED and waits for a slot."""
    with EmbeddedShop(ShopConfig(synthetic=30, synthetic_variants=1, plan="plus", bulk_query_rate=20)) as shop:
        async def scenario() -> float:
            async with shop_session(shop, tmp_path) as pc:
                text = document("BulkSessionVariantsState").replace("__SEARCH__", "")
                others = [asyncio.create_task(bulk_query(pc.client, text)) for _ in range(5)]
                await asyncio.sleep(0.3)  # the five are running: every slot is taken for ~1.5 s
                started = time.monotonic()
                rows = await load_variants(pc.client, "", reading="state", force_bulk=True)
                took = time.monotonic() - started
                await asyncio.gather(*others)
                assert len(rows) == 30
                return took
        took = asyncio.run(scenario())
        assert took >= 1.0  # it waited for one of the five to finish


def test_a_change_to_thousands_of_variants_goes_in_bulk_and_a_line_that_lost_a_race_is_redone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Release of a large session: its resets go as bulk operations, a line per write batch, each
    `counts` guarded by the digest the read saw; a variant another device wrote meanwhile is read
    again and written again."""
    from helpers import counting_session

    from inventra_desktop.gateway import variant_state
    from inventra_desktop.services import closing
    from inventra_desktop.stocktake import codec

    monkeypatch.setattr(variant_state, "BULK_WRITE_ABOVE", 5)
    real_run_many = variant_state.run_many
    raced: list[str] = []
    armed: list[bool] = []

    async def racing_run_many(client, mutation, inputs, **kw):  # type: ignore[no-untyped-def]
        if armed and not raced:  # another device writes one of the variants between the read and the write
            owner = inputs[0]["metafields"][0]["ownerId"]
            mf = shop.state.metafield(owner, "inventra", "counts")
            counts = codec.decode_counts(mf.value)
            counts.areas["showroom"].qty += 1
            shop.state.put_metafield(owner, "inventra", "counts", "json", codec.encode_counts(counts))
            raced.append(owner)
        assert kw.get("bulk_threshold") == 1
        return await real_run_many(client, mutation, inputs, **kw)
    monkeypatch.setattr(variant_state, "run_many", racing_run_many)
    with EmbeddedShop(ShopConfig(plan="plus", bulk_mutation_rate=200)) as shop:
        async def scenario() -> None:
            async with shop_session(shop, tmp_path) as pc:
                await counting_session(pc, "BIG", "vendor:'Northbound Gear'")
                await closing.finalize(pc, "BIG", uncounted="zero")
                armed.append(True)
                await closing.release(pc, "BIG")
        asyncio.run(scenario())
        assert raced
        for variant in shop.state.variants.values():
            gid = f"gid://shopify/ProductVariant/{variant.id}"
            mf = shop.state.metafield(gid, "inventra", "counts")
            if mf is None:
                continue
            counts = codec.decode_counts(mf.value)
            assert all(a.qty == 0 and not a.counted for a in counts.areas.values()), gid
            assert shop.state.metafield(gid, "inventra", "status").value == "pending"


def test_a_bulk_read_of_a_1500_variant_session_runs_in_parts() -> None:
    """Issue 16, goal 5: a release's state read of 1,490 variants in two bulk parts at once, an
    apply's read with the levels in four (one part took 0.6-0.8 s longer)."""
    from types import SimpleNamespace

    from inventra_desktop.shopify.pacing import CostBucket

    client = SimpleNamespace(bucket=CostBucket(), learned={})
    assert estimate(client, "state", 1490, 0)[2] == 2  # type: ignore[arg-type]
    assert estimate(client, "applying", 1490, 1)[2] == reading_module.BULK_PARALLEL  # type: ignore[arg-type]
    assert estimate(client, "state", 500, 0)[2] == 1  # type: ignore[arg-type]



def test_a_read_nobody_waits_for_takes_one_bulk_lane() -> None:
    """The shop's five bulk lanes are shared by every device: a background reconcile asks for one
    (fifty devices reconciling at four lanes each held their deliveries back)."""
    from types import SimpleNamespace

    from inventra_desktop.shopify.pacing import CostBucket

    client = SimpleNamespace(bucket=CostBucket(), learned={})
    assert estimate(client, "grid", 10_000, 0)[2] == reading_module.BULK_PARALLEL  # type: ignore[arg-type]
    assert estimate(client, "grid", 10_000, 0, lanes=1)[2] == 1  # type: ignore[arg-type]

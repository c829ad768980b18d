"""What an apply asks of the shop (issue 16, goal 5): the preview reads each variant once, with
its count history; the exactly-once bookkeeping writes start from that read (no second read of
the variants it writes), and a successful apply notes its changes in the histories read with the
preview (no second read of the session, no read of the histories). A variant or a history
written by someone else in between is refused by its digest, read again and written right."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from helpers import counting_session, sent_documents, shop_session

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.stocktake import codec


@pytest.fixture
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(plan="plus", synthetic=20, seed=5, order_lines=0)) as running:
        yield running


def histories(shop: EmbeddedShop, name: str) -> dict[str, Any]:
    out = {}
    for variant in shop.state.variants.values():
        gid = f"gid://shopify/ProductVariant/{variant.id}"
        mf = shop.state.metafield(gid, codec.NAMESPACE, "history")
        if mf is not None:
            out[gid] = [e for e in codec.decode_history(mf.value) if e.session == name]
    return out


def touch(shop: EmbeddedShop, gid: str, key: str) -> None:
    """Another device writes the variant's metafield (same value, a new digest)."""
    with shop.state.lock:
        mf = shop.state.metafield(gid, codec.NAMESPACE, key)
        shop.state.put_metafield(gid, codec.NAMESPACE, key, mf.type, mf.value)


@pytest.mark.parametrize("race", [False, True])
def test_apply_reads_each_variant_once_and_notes_the_changes_in_the_histories_read_with_it(
        shop: EmbeddedShop, tmp_path: Path, race: bool) -> None:
    from inventra_desktop.services import closing

    pc = shop_session(shop, tmp_path, "office")

    async def go() -> None:
        await counting_session(pc, "Once", "status:active")
        await closing.finalize(pc, "Once", uncounted="zero")  # every baseline > 0 goes to 0: a change
        seen = sent_documents(pc.client, names=True)
        plan = await closing.plan_apply(pc, "Once", "difference")
        await closing.fix_items(pc, plan)
        lines = plan.writable
        assert len(lines) > 1
        raced = lines[0].variant_id
        if race:  # another device writes a variant's counts and history after the preview
            touch(shop, raced, "counts")
            touch(shop, raced, "history")
        result = await closing.apply(pc, plan)
        assert result.complete and len(result.applied) == len(lines)
        reads = [name for name in seen if not name.startswith(("mutation", "Bulk")) and "Session" in name]
        assert reads.count("SessionVariantsApplying") >= 1 and "SessionVariants" not in reads, seen
        assert not {"SessionHistories", "BulkSessionHistories"} & set(seen), seen
        # Only what another device wrote since the preview is read again: its counts, its history.
        assert seen.count("VariantsByIds") + seen.count("VariantCountsRead") == (1 if race else 0), seen
        assert seen.count("VariantHistories") == (1 if race else 0), seen
        await pc.aclose()
    asyncio.run(go())
    noted = histories(shop, "Once")
    applied = {gid: json.loads(shop.state.metafield(gid, codec.NAMESPACE, "counts").value)["applied"]
               for gid in noted}
    assert noted and all(len(entries) == 1 for entries in noted.values())
    for gid, [entry] in noted.items():
        assert entry.applied == sum(applied[gid].values()), gid
    assert any(entry.applied for [entry] in noted.values())

"""Release untags each product as soon as its variants are reset (issue 16, goal 5: the tags'
bulk lanes start while later resets are still paid for), never before: a release interrupted at
any point and run again finds, by the tag, every variant it has not reset."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from helpers import counting_session, shop_session

from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig


def test_release_untags_a_product_only_after_its_variants_are_reset_and_before_all_are(tmp_path: Path,
                                                                                      monkeypatch: Any) -> None:
    from inventra_desktop.gateway import variant_state
    from inventra_desktop.services import closing

    monkeypatch.setattr(variant_state, "WRITE_CONCURRENCY", 1)  # resets one call after another
    with EmbeddedShop(ShopConfig(plan="plus", synthetic=30, synthetic_variants=3, seed=5, order_lines=0)) as shop:
        pc = shop_session(shop, tmp_path, "office")
        events: list[tuple[str, Any]] = []

        async def go() -> None:
            await counting_session(pc, "Order", "status:active")
            await closing.finalize(pc, "Order", uncounted="zero")
            variants = await closing.load_session_variants(pc.client, "Order", reading="state")
            product_of = {v.id: v.product_id for v in variants if v.in_session("Order")}
            execute = pc.client.execute

            async def recording(document: str, variables: Any = None, **kw: Any) -> Any:
                if "tagsRemove" in document:
                    events.append(("untag", variables["id"]))
                answer = await execute(document, variables, **kw)
                if "metafieldsSet" in document and variables and "metafields" in variables:
                    events.append(("reset", {m["ownerId"] for m in variables["metafields"]
                                             if "ProductVariant" in m["ownerId"]}))
                return answer
            pc.client.execute = recording  # type: ignore[method-assign]
            report = await closing.release(pc, "Order")
            assert report.products_untagged >= len(set(product_of.values())) > 10
            reset: set[str] = set()
            untagged_early = 0
            for what, payload in events:
                if what == "reset":
                    reset |= payload
                    continue
                mine = {v for v, p in product_of.items() if p == payload}
                assert mine <= reset, payload  # its variants' counts are reset before its tag goes
                untagged_early += len(reset) < len(product_of)
            assert untagged_early > 0  # tags went while later variants were still being reset
            assert len(reset) == len(product_of)
            await pc.aclose()
        asyncio.run(go())


def test_bulk_parts_whose_lines_are_ready_one_after_another_are_longer_first_and_end_together() -> None:
    from inventra_desktop.gateway.batch import staggered_parts

    assert staggered_parts(388, 4, 20.0, 0.0) == [97, 97, 97, 97]  # all ready at once: equal parts
    sizes = staggered_parts(388, 4, 20.0, 0.003)  # a product reset every 3 ms (1,490 variants)
    assert sum(sizes) == 388 and sizes == sorted(sizes, reverse=True) and sizes[0] - sizes[-1] > 10, sizes
    ends, before = [], 0
    for n in sizes:  # a part starts when its last line is ready and works 20 lines a second
        before += n
        ends.append(before * 0.003 + n / 20.0)
    assert max(ends) - min(ends) < 0.15, ends
    assert staggered_parts(41, 1, 20.0, 0.003) == [41] and staggered_parts(0, 1, 20.0, 0.003) == []

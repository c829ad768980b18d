"""The Admin client against the simulator over a real loopback socket."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any, Iterator

import httpx
import pytest

from inventra_desktop.shopify.address import ShopAddress
from inventra_desktop.shopify.auth import ClientCredentials, StaticToken
from inventra_desktop.shopify.bulk import bulk_mutation, bulk_query
from inventra_desktop.shopify.client import AdminClient, RetryPolicy
from inventra_desktop.shopify.errors import (
    AuthenticationFailed,
    MissingScopes,
    ShopUnavailable,
    Throttled,
    UserErrors,
)
from inventra_desktop.simulator.embedded import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, EmbeddedShop, ShopConfig

FAST = RetryPolicy(base_delay=0.05, max_delay=0.2)
SET_MF = """mutation SetOne($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) {
  metafields { id } userErrors { field message code elementIndex } } }"""


@pytest.fixture(scope="module")
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(synthetic=1100, synthetic_variants=1, plan="standard",
                                 bulk_query_rate=5000, bulk_mutation_rate=500)) as running:
        yield running


def client_for(shop: EmbeddedShop, token: str | None = None, **kw: Any) -> AdminClient:
    return AdminClient(ShopAddress.parse(shop.url), StaticToken(token or shop.token), retry=FAST, **kw)


def faults(shop: EmbeddedShop, **plan: Any) -> None:
    httpx.post(f"{shop.url}/_simulator/faults", json=plan, headers=shop.admin_headers).raise_for_status()


def variant_ids(shop: EmbeddedShop, n: int) -> list[str]:
    return [f"gid://shopify/ProductVariant/{v}" for v in sorted(shop.state.variants)[:n]]


def test_paginates_across_more_than_1000_products(shop: EmbeddedShop) -> None:
    async def run() -> list[str]:
        async with client_for(shop) as client:
            return [node["id"] async for node in client.paginate(
                "query Page($after: String) { products(first: 250, after: $after, query: \"status:active,draft,archived\") "
                "{ pageInfo { hasNextPage endCursor } nodes { id } } }", {}, ("products",))]
    ids = asyncio.run(run())
    assert len(ids) == len(set(ids)) == len(shop.state.products) > 1000


def test_the_points_spent_are_told_per_operation(shop: EmbeddedShop) -> None:
    """What a benchmark reads to say where a device's points went (deliveries, polls, reads)."""
    async def run() -> AdminClient:
        async with client_for(shop) as client:
            await client.execute("query ShopName { shop { name } }")
            await client.execute("query ShopName { shop { name } }")
            await client.execute("{ shop { id } }")
            return client
    client = asyncio.run(run())
    assert set(client.points_by_operation) == {"ShopName", "anonymous"}
    assert client.points_by_operation["ShopName"] > client.points_by_operation["anonymous"] > 0
    assert sum(client.points_by_operation.values()) == client.stats["points"]


def test_a_known_count_asks_the_last_page_for_only_what_is_left(shop: EmbeddedShop) -> None:
    """A page reserves its whole requested cost before it is sent: the last page asks for the rest
    only (and reserves that much), and a count that was low reads on in whole pages."""
    query = ("query Page($first: Int!, $after: String) { products(first: $first, after: $after, "
             "query: \"status:active,draft,archived\") { pageInfo { hasNextPage endCursor } nodes { id } } }")
    total = len(shop.state.products)

    async def run(expected: int) -> tuple[int, list[int]]:
        async with client_for(shop) as client:
            asked: list[int] = []
            execute = client.execute

            async def spy(document: str, variables: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
                asked.append((variables or {})["first"])
                return await execute(document, variables, **kw)
            client.execute = spy  # type: ignore[method-assign]
            found = [n async for n in client.paginate(query, {"first": 250}, ("products",), expected=expected)]
            return len(found), asked
    assert total % 250, "a shop whose last page is short"
    assert asyncio.run(run(total)) == (total, [250] * (total // 250) + [total % 250])
    low = asyncio.run(run(total - 300))  # the shop has more than counted: whole pages after the short one
    assert low[0] == total and sum(low[1]) >= total and low[1][-1] == 250


def test_a_burst_beyond_the_bucket_is_paced_without_throttling() -> None:
    """300 mutations of 10 points at once on a standard-plan shop of its own (a full bucket of 2,000
    restoring 100 a second): the client spreads them instead of being throttled."""
    async def run(shop: EmbeddedShop, owner: str) -> tuple[float, float, AdminClient]:
        async with client_for(shop) as client:
            # One cheap call first: its answer tells the model (and us) how full the bucket is.
            await client.execute("query { shop { id } }")
            start, level = time.monotonic(), client.bucket.fill * client.bucket.maximum
            await asyncio.gather(*(client.mutate(SET_MF, {"m": [{
                "ownerId": owner, "namespace": "burst", "key": f"k{i:03d}", "type": "number_integer", "value": str(i)}]})
                for i in range(300)))
            return time.monotonic() - start, level, client

    with EmbeddedShop(ShopConfig(synthetic=20, synthetic_variants=1, plan="standard")) as shop:
        owner = variant_ids(shop, 1)[0]
        elapsed, level, client = asyncio.run(run(shop, owner))
        assert shop.api.throttled_count == 0, "the client provoked THROTTLED answers"
        assert client.stats["throttled"] == 0
        # 3,000 points against what the bucket held, refilling at 100/s: the least time it can take.
        ideal = (300 * 10 - level) / 100
        assert ideal >= 9  # the burst goes well beyond the bucket
        # Not faster than the refill allows; slower only by the work of 300 calls on a busy machine.
        assert ideal * 0.9 <= elapsed <= ideal * 1.25 + 3.5, (elapsed, ideal)
        assert shop.state.metafield(owner, "burst", "k299").value == "299"


def test_a_retried_mutation_after_a_dropped_connection_applies_once(shop: EmbeddedShop) -> None:
    level = next(lv for lv in shop.state.levels.values()
                 if shop.state.items[lv.item_id].tracked and not shop.state.variants[shop.state.items[lv.item_id].variant_id].components)
    before = level.quantity("available")
    adjust = """mutation Adjust($i: InventoryAdjustQuantitiesInput!, $k: String!) {
      inventoryAdjustQuantities(input: $i) @idempotent(key: $k) { inventoryAdjustmentGroup { id } userErrors { code message } } }"""
    variables = {"k": str(uuid.uuid4()), "i": {"name": "available", "reason": "cycle_count_available",
                                               "referenceDocumentUri": "gid://inventra/StockTake/retry", "changes": [{
        "inventoryItemId": f"gid://shopify/InventoryItem/{level.item_id}",
        "locationId": f"gid://shopify/Location/{level.location_id}", "delta": 3, "changeFromQuantity": None}]}}
    faults(shop, fail_next=["drop_after", "http_503"])

    async def run() -> dict:
        async with client_for(shop) as client:
            return await client.mutate(adjust, variables)
    result = asyncio.run(run())
    assert result["inventoryAdjustmentGroup"]["id"]
    assert level.quantity("available") == before + 3
    applied = [g for g in shop.state.adjustments.values() if g.reference_document_uri == "gid://inventra/StockTake/retry"]
    assert len(applied) == 1


def test_a_write_that_is_not_safe_to_repeat_is_not_retried(shop: EmbeddedShop) -> None:
    owner = variant_ids(shop, 2)[1]
    faults(shop, fail_next=["drop_after"])

    async def run() -> None:
        async with client_for(shop) as client:
            await client.mutate(SET_MF, {"m": [{"ownerId": owner, "namespace": "once", "key": "tap",
                                                "type": "number_integer", "value": "1"}]}, retry_safe=False)
    with pytest.raises(ShopUnavailable) as info:
        asyncio.run(run())
    assert "connection broke off" in str(info.value)
    assert shop.state.metafield(owner, "once", "tap") is not None  # the shop did apply it once


def test_5xx_and_429_are_retried_for_reads(shop: EmbeddedShop) -> None:
    faults(shop, fail_next=["http_502", "http_503", "http_429", "throttled", "drop"])

    async def run() -> dict:
        async with client_for(shop) as client:
            data = await client.execute("query { shop { name } }")
            return {"data": data, "stats": client.stats}
    out = asyncio.run(run())
    assert out["data"]["shop"]["name"]
    assert out["stats"]["retries"] == 3 and out["stats"]["throttled"] == 2


def test_persistent_failure_becomes_shop_unavailable(shop: EmbeddedShop) -> None:
    faults(shop, rates={"http_503": 1.0})
    try:
        async def run() -> None:
            async with client_for(shop) as client:
                await client.execute("query { shop { name } }")
        with pytest.raises(ShopUnavailable) as info:
            asyncio.run(run())
        assert "HTTP 503" in str(info.value)
    finally:
        faults(shop)


def test_an_unreachable_shop_is_shop_unavailable() -> None:
    async def run() -> None:
        client = AdminClient(ShopAddress.parse("http://127.0.0.1:9"), StaticToken("x"), retry=FAST)
        async with client:
            await client.execute("query { shop { name } }")
    with pytest.raises(ShopUnavailable) as info:
        asyncio.run(run())
    assert "no connection" in str(info.value)


def test_endless_throttling_surfaces_as_throttled(shop: EmbeddedShop) -> None:
    faults(shop, rates={"throttled": 1.0})
    try:
        async def run() -> None:
            client = AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token),
                                 retry=RetryPolicy(max_throttle_wait=0.5))
            async with client:
                client.bucket.settle(0, 0, {"maximumAvailable": 2000, "currentlyAvailable": 0, "restoreRate": 100})
                await client.execute("query { shop { name } }", cost=100)
        started = time.monotonic()
        with pytest.raises(Throttled) as info:
            asyncio.run(run())
        assert "slow down" in str(info.value)
        assert time.monotonic() - started >= 0.5  # it gave up after waiting that long, not before
    finally:
        faults(shop)


def test_a_throttled_request_waits_it_does_not_fail_after_a_number_of_answers(shop: EmbeddedShop) -> None:
    # More THROTTLED answers in a row than the old cap of 50 allowed: the request waits them out.
    faults(shop, fail_next=["throttled"] * 60)
    try:
        async def run() -> tuple[dict, dict]:
            async with client_for(shop) as client:
                return await client.execute("query { shop { name } }"), dict(client.stats)
        data, stats = asyncio.run(run())
        assert data["shop"]["name"] and stats["throttled"] == 60
    finally:
        faults(shop)


def test_a_hanging_shop_is_given_up_on_after_the_deadline_with_a_sentence(shop: EmbeddedShop) -> None:
    # The shop takes every request and never answers in time: each attempt times out.
    faults(shop, rates={"slow": 1.0}, slow_seconds=30)
    try:
        async def run() -> None:
            policy = RetryPolicy(base_delay=0.05, max_delay=0.2, deadline=2.0, attempt_timeout=0.7)
            async with AdminClient(ShopAddress.parse(shop.url), StaticToken(shop.token), retry=policy) as client:
                await client.execute("query { shop { name } }")
        started = time.monotonic()
        with pytest.raises(ShopUnavailable) as info:
            asyncio.run(run())
        took = time.monotonic() - started
        assert took < 4.0, took  # not six attempts of the full timeout
        assert "did not answer within 2 s" in str(info.value) and "keeps your work" in str(info.value)
    finally:
        faults(shop)
    assert RetryPolicy().deadline <= 30  # a command on a hanging shop gives up within half a minute


@pytest.mark.slow
def test_devices_sharing_a_bucket_back_off_together() -> None:
    """Five clients of one app on one standard-plan shop ask for far more than the bucket restores
    (100-point requests, as fast as each may): they learn what the others spend and share the
    restore rate, instead of being throttled turn by turn (66-77 % THROTTLED before)."""
    query = "query { products(first: 98) { nodes { id } } }"  # 100 points a request, 100 restored a second
    settled_at = 6.0  # seconds for the devices to learn what the others spend

    async def device(shop: EmbeddedShop, seconds: float) -> tuple[dict, dict]:
        async with client_for(shop) as client:
            start = time.monotonic()
            early: dict = {}
            while time.monotonic() < start + seconds:
                await client.execute(query)
                if not early and time.monotonic() > start + settled_at:
                    early = dict(client.stats)
            return early, dict(client.stats)

    with EmbeddedShop(ShopConfig(synthetic=200, synthetic_variants=1, plan="standard")) as shop:
        async def run() -> list[tuple[dict, dict]]:
            return await asyncio.gather(*(device(shop, 16.0) for _ in range(5)))
        stats = asyncio.run(run())
    requests = sum(end["requests"] for _, end in stats)
    throttled = sum(end["throttled"] for _, end in stats)
    late_requests = sum(end["requests"] - early["requests"] for early, end in stats)
    late_throttled = sum(end["throttled"] - early["throttled"] for early, end in stats)
    assert throttled / requests < 0.35, (throttled, requests)
    assert late_throttled / late_requests < 0.15, (late_throttled, late_requests)  # once they have learnt
    assert min(end["requests"] - end["throttled"] for _, end in stats) >= 4  # every device got its turns
    assert requests - throttled >= 30  # and together they used the bucket: 2,000 + 16 s x 100 points


def test_a_wrong_token_is_authentication_failed_without_the_token_in_the_message(shop: EmbeddedShop) -> None:
    async def run() -> None:
        async with client_for(shop, token="shpat_this_is_wrong") as client:
            await client.execute("query { shop { name } }")
    with pytest.raises(AuthenticationFailed) as info:
        asyncio.run(run())
    assert "shpat_this_is_wrong" not in str(info.value) and "access token" in str(info.value)


def test_missing_scopes_are_named_at_connect(shop: EmbeddedShop) -> None:
    shop.api.add_token("shpat_partial", frozenset({"read_products", "read_locations"}))

    async def run() -> None:
        async with client_for(shop, token="shpat_partial") as client:
            await client.connect()
    with pytest.raises(MissingScopes) as info:
        asyncio.run(run())
    assert info.value.missing == ["read_inventory", "write_inventory", "write_products"]
    assert "write_inventory" in str(info.value)

    async def full() -> str:
        async with client_for(shop) as client:
            return (await client.connect()).name
    assert asyncio.run(full()) == shop.state.shop.name


def test_user_errors_carry_codes_and_indexes(shop: EmbeddedShop) -> None:
    owner = variant_ids(shop, 1)[0]

    async def run() -> None:
        async with client_for(shop) as client:
            await client.mutate(SET_MF, {"m": [
                {"ownerId": owner, "namespace": "inventra", "key": "fine", "type": "number_integer", "value": "1"},
                {"ownerId": owner, "namespace": "inventra", "key": "bad", "type": "number_integer", "value": "x"}]})
    with pytest.raises(UserErrors) as info:
        asyncio.run(run())
    assert info.value.codes() == {"INVALID_VALUE"} and info.value.errors[0].element_index == 1
    assert str(info.value).startswith("Shopify refused the change:")


def test_client_credentials_renew_before_expiry_and_after_a_401(shop: EmbeddedShop) -> None:
    shop.api.apps[DEMO_CLIENT_ID].token_lifetime = 2
    try:
        address = ShopAddress.parse(shop.url)
        creds = ClientCredentials(address, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)

        async def run() -> int:
            async with AdminClient(address, creds, retry=FAST) as client:
                for _ in range(6):
                    await client.execute("query { shop { name } }")
                    await asyncio.sleep(0.5)
                renewals = creds.renewals
                shop.api.tokens.clear()  # revoked behind our back: one 401, one renewal, success
                shop.api.add_token(shop.token, app_id="inventra")
                await client.execute("query { shop { name } }")
                return renewals
        renewals = asyncio.run(run())
        assert renewals >= 2 and creds.renewals == renewals + 1
    finally:
        shop.api.apps[DEMO_CLIENT_ID].token_lifetime = 86399


def test_wrong_client_secret_is_authentication_failed(shop: EmbeddedShop) -> None:
    address = ShopAddress.parse(shop.url)

    async def run() -> None:
        async with AdminClient(address, ClientCredentials(address, DEMO_CLIENT_ID, "wrong"), retry=FAST) as client:
            await client.execute("query { shop { name } }")
    with pytest.raises(AuthenticationFailed):
        asyncio.run(run())


def test_bulk_query_and_bulk_mutation(shop: EmbeddedShop) -> None:
    owners = variant_ids(shop, 40)

    async def run() -> tuple[list, Any]:
        async with client_for(shop) as client:
            rows = await bulk_query(client, '{ products(query: "status:active,draft,archived") { edges { node { id '
                                            'variants { edges { node { id sku } } } } } } }')
            query_rate = client.learned["bulk_objects_per_s"]
            result = await bulk_mutation(client, SET_MF, [{"m": [{"ownerId": o, "namespace": "bulk", "key": "seq",
                                                                  "type": "number_integer", "value": str(i)}]}
                                                          for i, o in enumerate(owners)])
            # Each kind keeps its own rate: a mutation's (500 lines/s here) is not what the next read plans with.
            assert client.learned["bulk_objects_per_s"] == query_rate
            assert 0 < client.learned["bulk_mutation_lines_per_s"] < query_rate
            return rows, result
    rows, result = asyncio.run(run())
    assert len(rows) == len(shop.state.products)
    assert all(r["__children"] and r["__children"][0]["id"].startswith("gid://shopify/ProductVariant/") for r in rows)
    assert result.status == "COMPLETED" and [line["__lineNumber"] for line in result.lines] == list(range(40))
    assert all(line["data"]["metafieldsSet"]["userErrors"] == [] for line in result.lines)
    assert shop.state.metafield(owners[39], "bulk", "seq").value == "39"

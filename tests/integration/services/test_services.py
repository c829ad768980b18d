"""The services both faces call, tested below the faces against the simulator over loopback."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Iterator

import pytest
from helpers import counting_session, shop_session

from inventra_desktop.services import closing, counting, setup
from inventra_desktop.services.counting_desk import CountingDesk
from inventra_desktop.services.messages import UNEXPECTED, describe, is_usage
from inventra_desktop.services.shop import ShopSession
from inventra_desktop.simulator.embedded import EmbeddedShop, ShopConfig
from inventra_desktop.stocktake import codec
from inventra_desktop.stocktake.errors import AreasInvalid, TapRefused, VariantNotFound
from inventra_desktop.stocktake.models import Area, OpKind, Status

VENDOR = "vendor:'Northbound Gear'"


@pytest.fixture
def shop() -> Iterator[EmbeddedShop]:
    with EmbeddedShop(ShopConfig(plan="plus")) as running:
        yield running


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def sku_of(shop: EmbeddedShop, sku: str) -> str:
    variant = next(v for v in shop.state.variants.values() if v.sku == sku)
    return f"gid://shopify/ProductVariant/{variant.id}"


def test_an_omitted_variant_is_refused_at_once_with_the_same_sentence_on_both_faces(shop: EmbeddedShop,
                                                                                   tmp_path: Path) -> None:
    async def scenario() -> tuple[str, str, int]:
        async with shop_session(shop, tmp_path / "pc") as pc:
            await counting_session(pc, "S", VENDOR)
            await setup.omit_in_session(pc, "S", setup.VariantRef(sku="NB-TNT2-GRN"), True)
            with pytest.raises(TapRefused) as cli_face:  # what `inventra count … --no-wait` calls
                await counting.count(pc, "S", setup.VariantRef(sku="NB-TNT2-GRN"),
                                     [(OpKind.ADD, "showroom", 1)], wait=False)
            desk = CountingDesk(pc)  # what the GUI's counter calls
            await desk.open("S")
            with pytest.raises(TapRefused) as gui_face:
                await desk.tap(sku_of(shop, "NB-TNT2-GRN"), OpKind.ADD, "showroom", 1)
            await desk.close()
            with pc.journal() as journal:
                return str(cli_face.value), str(gui_face.value), journal.pending_count()
    said_by_cli, said_by_gui, waiting = run(scenario())
    assert said_by_cli == said_by_gui and "left out of this count" in said_by_cli
    assert waiting == 0  # nothing waits in the journal to be refused later


def test_a_bundle_parent_and_a_count_above_the_limit_are_refused_before_the_journal(shop: EmbeddedShop,
                                                                                    tmp_path: Path) -> None:
    with shop.state.lock:
        bundle = next(v for v in shop.state.variants.values() if v.components)
        title = shop.state.products[bundle.product_id].title

    async def scenario() -> None:
        async with shop_session(shop, tmp_path) as pc:
            await counting_session(pc, "B", f"title:'{title}'")
            with pytest.raises(TapRefused, match="bundle"):
                await counting.count(pc, "B", setup.VariantRef(variant=f"gid://shopify/ProductVariant/{bundle.id}"),
                                     [(OpKind.ADD, "showroom", 1)], wait=False)
            with pc.journal() as journal:
                assert journal.pending_count() == 0
    run(scenario())


def test_taps_in_flight_together_are_each_checked_after_the_one_before(shop: EmbeddedShop, tmp_path: Path) -> None:
    """Two −1 taps at once on a count of 1 (a double tap): the second sees the first and is refused,
    never both recorded and the count taken below zero."""
    async def scenario() -> tuple[list[object], int]:
        async with shop_session(shop, tmp_path / "pc") as pc:
            await counting_session(pc, "TWICE", VENDOR)
            desk = CountingDesk(pc)
            await desk.open("TWICE")
            variant = sku_of(shop, "NB-TNT2-GRN")
            await desk.tap(variant, OpKind.ADD, "showroom", 1)
            results = await asyncio.gather(desk.tap(variant, OpKind.ADD, "showroom", -1),
                                           desk.tap(variant, OpKind.ADD, "showroom", -1), return_exceptions=True)
            qty = desk.view(variant).counts.areas["showroom"].qty  # type: ignore[union-attr]
            await desk.close()
            return results, qty
    results, qty = run(scenario())
    assert qty == 0 and sum(isinstance(r, TapRefused) for r in results) == 1


def test_review_flags_sends_back_and_accepts_on_record(shop: EmbeddedShop, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with shop_session(shop, tmp_path) as pc:
            await counting_session(pc, "R", VENDOR)
            await counting.count(pc, "R", setup.VariantRef(sku="NB-TNT2-GRN"), [(OpKind.SET, "showroom", 40),
                                                                                (OpKind.DONE, None, None)])
            await counting.count(pc, "R", setup.VariantRef(sku="NB-TNT2-SND"), [(OpKind.SET, "showroom", 1)])
            reviewed = await closing.review(pc, "R")
            flagged = {f.variant.sku: f.variance for f in reviewed.flagged}
            assert "NB-TNT2-GRN" in flagged and flagged["NB-TNT2-GRN"] > 5
            assert all(f.variant.status is not Status.PENDING for f in reviewed.flagged)  # not counted: not flagged
            strict = await closing.review(pc, "R", threshold=1000)
            assert strict.flagged == []
            chosen = closing.choose_recount(reviewed, ["nb-tnt2-grn"])
            await closing.send_back(pc, "R", [v.id for v in chosen], labels=["NB-TNT2-GRN"])
            await closing.accept(pc, "R", reviewed.flagged, units=reviewed.units)
            record = await setup.open_session_record(pc, "R")
            notes = [e.note for e in record.events if e.what == "review"]
            assert notes[0] == "recount: NB-TNT2-GRN" and notes[1].startswith(f"accepted {len(reviewed.flagged)}")
            again = await closing.review(pc, "R")
            back = next(f.variant for f in again.flagged if f.variant.sku == "NB-TNT2-GRN")
            assert back.status is Status.IN_PROGRESS and back.counts.total == 40  # the count stays for a correction
            with pytest.raises(Exception, match="None of those SKUs"):
                closing.choose_recount(reviewed, ["NOPE"])
    run(scenario())


def test_areas_are_checked_once_for_both_faces(shop: EmbeddedShop, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with shop_session(shop, tmp_path) as pc:
            await setup.install(pc)
            records = await setup.shop_records(pc)
            home = records.locations[0].id
            for areas, why in (([], "at least one"),
                               ([Area.model_construct(key="Bad Key", label="x", location_id=home)], "lowercase"),
                               ([Area(key="a", label="A"), Area(key="a", label="B")], "own key"),
                               ([Area(key="a", label="A", location_id="gid://shopify/Location/999")], "do not exist")):
                with pytest.raises(AreasInvalid, match=why) as refused:
                    await setup.save_areas(pc, areas)
                assert is_usage(refused.value)
            saved = await setup.save_areas(pc, [Area(key="front", label="Front", location_id=home)])
            assert [a.key for a in setup.readable_areas(await setup.shop_records(pc))] == [a.key for a in saved]
    run(scenario())


def test_an_area_a_counting_session_counts_keeps_its_location_until_release(shop: EmbeddedShop,
                                                                          tmp_path: Path) -> None:
    """Remapping the warehouse to another location mid-count wrote its counts there while the
    baseline stayed at the old one; removing it dropped its counts from the apply. Both are refused
    while a snapshotted session counts the area, and allowed again after release."""
    async def scenario() -> None:
        async with shop_session(shop, tmp_path) as pc:
            await counting_session(pc, "MOVE", VENDOR)
            records = await setup.shop_records(pc)
            areas = setup.readable_areas(records)
            other = next(loc.id for loc in records.locations
                         if loc.id != next(a.location_id for a in areas if a.key == "warehouse"))
            moved = [a.model_copy(update={"location_id": other}) if a.key == "warehouse" else a for a in areas]
            with pytest.raises(AreasInvalid, match="counted in session MOVE.*cannot change") as refused:
                await setup.save_areas(pc, moved)
            assert is_usage(refused.value)
            with pytest.raises(AreasInvalid, match="cannot be removed"):
                await setup.save_areas(pc, [a for a in areas if a.key != "warehouse"])
            renamed = [a.model_copy(update={"label": "Lager"}) if a.key == "warehouse" else a for a in areas]
            await setup.save_areas(pc, renamed)  # a new name is fine: the counts stay where they are
            await setup.save_areas(pc, [*renamed, Area(key="van", label="Van", location_id=other)])  # so is a new area
            await closing.finalize(pc, "MOVE", uncounted="zero")
            await closing.release(pc, "MOVE")
            await setup.save_areas(pc, moved)  # released: the mapping is free again
    run(scenario())


def test_a_hand_edited_sessions_record_is_one_sentence_everywhere(shop: EmbeddedShop, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with shop_session(shop, tmp_path) as pc:
            await setup.install(pc)
            shop.state.put_metafield(shop.state.shop_gid(), "inventra", "sessions", "json", '{"not": "a list"}')
            for call in (setup.list_sessions(pc), setup.open_session_record(pc, "X"),
                         setup.create_session(pc, "X", query=VENDOR)):
                with pytest.raises(codec.CodecError) as broken:
                    await call
                said = describe(broken.value)
                assert "sessions" in said and said != UNEXPECTED
    run(scenario())


def test_a_code_that_names_several_variants_names_them_and_is_noted_for_the_report(shop: EmbeddedShop,
                                                                                   tmp_path: Path) -> None:
    with shop.state.lock:
        first = next(v for v in shop.state.variants.values() if v.sku == "NB-TNT2-GRN")
        second = next(v for v in shop.state.variants.values() if v.sku == "NB-TNT2-SND")
        second.barcode = "0" + (first.barcode or "")  # the same GTIN, another length

    async def scenario() -> None:
        async with shop_session(shop, tmp_path) as pc:
            await counting_session(pc, "D", VENDOR)
            with pytest.raises(VariantNotFound, match="2 variants"):
                await counting.count(pc, "D", setup.VariantRef(barcode=first.barcode), [(OpKind.ADD, "showroom", 1)])
            desk = CountingDesk(pc)
            await desk.open("D")
            outcome = await desk.scan(first.barcode or "", "showroom")
            assert outcome.view is None and outcome.result.kind == "ambiguous"
            await desk.close()
            lines, _ = await setup.session_preflight(pc, "D")
            assert any(line.kind == "duplicate_barcode" for line in lines)
            await closing.finalize(pc, "D", uncounted="zero")
            report = await closing.load_report(pc, "D")
            kinds = {e.kind for e in report.exceptions}
            assert "duplicate_barcode" in kinds
            assert any("Met while counting" in e.detail for e in report.exceptions if e.kind == "duplicate_barcode")
    run(scenario())


def test_a_reset_variant_is_listed_in_the_report_by_every_device(shop: EmbeddedShop, tmp_path: Path) -> None:
    async def scenario() -> None:
        async with shop_session(shop, tmp_path / "pc") as pc, shop_session(shop, tmp_path / "other") as other:
            await counting_session(pc, "Z", VENDOR)
            target = sku_of(shop, "NB-TNT2-GRN")
            shop.state.put_metafield(target, "inventra", "counts", "json", "{broken")
            await setup.reset_variant(pc, "Z", target)
            await closing.finalize(pc, "Z", uncounted="zero")
            report = await closing.load_report(other, "Z")
            assert [e.subject for e in report.exceptions if e.kind == "reset"] == ["NB-TNT2-GRN"]
    run(scenario())


def test_connecting_keeps_the_secret_in_the_keyring_only(shop: EmbeddedShop, tmp_path: Path,
                                                         memory_keyring: Any) -> None:
    from inventra_desktop.services import connecting

    async def scenario() -> ShopSession:
        session = await connecting.connect(connecting.SignIn(shop.url, token=shop.token), data_dir=tmp_path)
        await session.aclose()
        return session
    session = run(scenario())
    assert session.shop_name == "Inventra Demo Store" and session.notes == []
    assert shop.token in memory_keyring.store.values()
    saved = connecting.saved_sign_in(shop.url)
    assert saved is not None and saved.token == shop.token
    assert not any(shop.token in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file()
                   and p.suffix in (".json", ".txt", ".ini"))
    run(session.aclose())


def test_two_finalizes_at_once_one_wins_and_the_other_says_so(shop: EmbeddedShop, tmp_path: Path) -> None:
    async def scenario() -> list[object]:
        async with shop_session(shop, tmp_path / "a", "office") as a, shop_session(shop, tmp_path / "b", "kiosk") as b:
            await counting_session(a, "TWICE", VENDOR)
            return await asyncio.gather(closing.finalize(a, "TWICE", uncounted="zero"),
                                        closing.finalize(b, "TWICE", uncounted="zero"), return_exceptions=True)
    outcomes = run(scenario())
    failed = [o for o in outcomes if isinstance(o, Exception)]
    assert len(failed) == 1 and "TWICE" in str(failed[0]) and describe(failed[0]) != UNEXPECTED
    record = next(r for r in codec.decode_sessions(shop.state.metafield(shop.state.shop_gid(), "inventra",
                                                                          "sessions").value) if r.name == "TWICE")
    assert [e.what for e in record.events].count("finalized") == 1


def test_a_counted_again_variant_while_finalizing_says_counting_goes_on(shop: EmbeddedShop, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import inventra_desktop.services.closing as closing_module
    from inventra_desktop.stocktake.finalize import GateClosed

    real = closing_module.load_session_variants
    calls = {"n": 0}

    async def kiosk_counts_in_between(client, name, **kw):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        variants = await real(client, name, **kw)
        if calls["n"] == 2:  # after the choice was written: a kiosk counts one again (back to in progress)
            for v in variants:
                if v.takes_part(name):
                    v.status = Status.IN_PROGRESS
                    break
        return variants
    monkeypatch.setattr(closing_module, "load_session_variants", kiosk_counts_in_between)

    async def scenario() -> None:
        async with shop_session(shop, tmp_path) as pc:
            await counting_session(pc, "BUSY", VENDOR)
            with pytest.raises(GateClosed) as closed:
                await closing.finalize(pc, "BUSY", uncounted="zero")
            assert "still counting" in str(closed.value) and "--uncounted" not in str(closed.value)
    run(scenario())


def test_a_name_used_again_after_release_keeps_the_old_record_and_works_on_the_new(shop: EmbeddedShop,
                                                                                  tmp_path: Path) -> None:
    async def scenario() -> None:
        async with shop_session(shop, tmp_path) as pc:
            await counting_session(pc, "AGAIN", VENDOR)
            await closing.finalize(pc, "AGAIN", uncounted="zero")
            await closing.release(pc, "AGAIN")
            await counting_session(pc, "again", VENDOR)  # the name again, any case
            await closing.finalize(pc, "AGAIN", uncounted="zero")
            records = [r for r in await setup.list_sessions(pc) if r.name.casefold() == "again"]
            assert [r.state.value for r in records] == ["released", "finalized"]
            assert [e.what for e in records[0].events].count("finalized") == 1  # the history untouched
    run(scenario())

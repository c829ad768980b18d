from __future__ import annotations

import pytest

from inventra_desktop.stocktake.manager_pin import hash_pin, verify_pin
from inventra_desktop.stocktake.models import Area, AreaCount, VariantCounts
from inventra_desktop.stocktake.scan import interpret_scan
from inventra_desktop.stocktake.variants import VariantRecord


def record(n: int, sku: str | None, barcode: str | None, omitted: bool = False) -> VariantRecord:
    return VariantRecord(id=f"gid://shopify/ProductVariant/{n}", product_id="p", product_title=f"P{n}", vendor="",
                         title="Default Title", sku=sku, barcode=barcode, product_tags=[], inventory_item_id="i",
                         tracked=True, bundle_parent=False, on_hand={},
                         counts=VariantCounts(session="S", snapshot_at="x", areas={"showroom": AreaCount()},
                                              omitted=omitted))


AREAS = [Area(key="showroom", label="Showroom"), Area(key="garage", label="Garage", standard=False)]


def test_scans_find_one_variant_switch_areas_and_refuse_unknown_or_shared_codes() -> None:
    rows = [record(1, "A-1", "111"), record(2, "B-2", "222"), record(3, "C-3", "222"), record(4, "D-4", "444", True)]
    assert interpret_scan("111", rows, AREAS, session="S").variant_id == rows[0].id
    assert interpret_scan("b-2", rows, AREAS, session="S").variant_id == rows[1].id  # SKU, any case
    assert interpret_scan("AREA:garage", rows, AREAS, session="S").area == "garage"
    unknown = interpret_scan("999", rows, AREAS, session="S")
    assert unknown.kind == "unknown" and "Nothing was counted" in unknown.sentence()
    shared = interpret_scan("222", rows, AREAS, session="S")
    assert shared.kind == "ambiguous" and len(shared.candidates) == 2 and "B-2" in shared.sentence()
    assert interpret_scan("444", rows, AREAS, session="S").kind == "not_counted"
    assert interpret_scan("AREA:attic", rows, AREAS, session="S").kind == "unknown"


def test_pins_are_salted_slow_hashes() -> None:
    stored = hash_pin("4711")
    assert "4711" not in stored and stored != hash_pin("4711")
    assert verify_pin("4711", stored) and not verify_pin("4712", stored)
    assert not verify_pin("4711", "garbage")
    with pytest.raises(ValueError):
        hash_pin("12")

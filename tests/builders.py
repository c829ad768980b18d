"""Domain objects built by hand for the pure tests: a session, variants with counts, a mixed twenty."""

from __future__ import annotations

from inventra_desktop.stocktake.models import (
    Area,
    AreaCount,
    SessionRecord,
    SessionState,
    Status,
    VariantCounts,
)
from inventra_desktop.stocktake.variant import VariantRecord

SNAP = "2026-11-23T10:00:00Z"
LOC1 = "gid://shopify/Location/1"
LOC2 = "gid://shopify/Location/2"
AREAS = [Area(key="showroom", label="Showroom", location_id=LOC1),
         Area(key="warehouse", label="Warehouse", location_id=LOC2),
         Area(key="garage", label="Garage", location_id=None, standard=False)]


def session(**kw: object) -> SessionRecord:
    data: dict[str, object] = dict(name="S1", state=SessionState.FINALIZED, created_at="2026-11-23T09:00:00Z",
                                   created_by="back-office", snapshot_at=SNAP)
    data.update(kw)
    return SessionRecord.model_validate(data)


def variant(n: int, *, showroom: int = 0, warehouse: int = 0, garage: int = 0, baseline: tuple[int, int] = (0, 0),
            sku: str | None = "", barcode: str | None = None, vendor: str = "Acme", title: str = "Default Title",
            product: str | None = None, status: Status = Status.DONE, counted: bool = True, session_name: str = "S1",
            omitted: bool = False, tags: list[str] | None = None, **kw: object) -> VariantRecord:
    counts = VariantCounts(session=session_name, snapshot_at=SNAP, baseline={LOC1: baseline[0], LOC2: baseline[1]},
                           areas={"showroom": AreaCount(qty=showroom, counted=counted),
                                  "warehouse": AreaCount(qty=warehouse, counted=counted),
                                  "garage": AreaCount(qty=garage, counted=counted and garage > 0)},
                           omitted=omitted)
    fields: dict[str, object] = dict(
        id=f"gid://shopify/ProductVariant/{n}", product_id=f"gid://shopify/Product/{n}",
        product_title=product or f"Product {n}", vendor=vendor, title=title,
        sku=f"SKU-{n}" if sku == "" else sku, barcode=barcode, product_tags=tags or [],
        inventory_item_id=f"gid://shopify/InventoryItem/{n}", tracked=True, bundle_parent=False,
        on_hand={LOC1: baseline[0], LOC2: baseline[1]}, counts=counts, status=status, current_qty=sum(baseline))
    fields.update(kw)
    return VariantRecord(**fields)  # type: ignore[arg-type]


def twenty() -> list[VariantRecord]:
    """20 variants taking part (two share a SKU, two a barcode), plus three that do not."""
    vs = [variant(i, showroom=i % 4 + 2, warehouse=i % 3 + 1, baseline=(i % 4 + 2, i % 3 + 1),
                  barcode=f"40000000{i:05d}", vendor="Acme" if i % 2 else "Bolt & Co") for i in range(1, 17)]
    vs[0] = variant(1, showroom=5, warehouse=3, baseline=(4, 2), barcode="4000000000001", vendor="Bolt & Co",
                    title="Red / L", product="Mug", tags=["Inventra-locations-showroom", "Inventra-alert-garage",
                                                          "Other tag"])  # counted 8 vs 6
    vs.append(variant(17, showroom=1, baseline=(3, 0), sku="DUP", vendor="Zeta"))  # low stock: 1 < 2
    vs.append(variant(18, showroom=2, warehouse=1, baseline=(3, 0), sku="dup", vendor="Zeta"))  # shares SKU "DUP"
    vs.append(variant(19, garage=4, baseline=(0, 0), barcode="999", vendor="Zeta"))  # stock in a non-standard area
    vs.append(variant(20, baseline=(0, 0), barcode="999", status=Status.PENDING, counted=False, vendor="Zeta",
                      product="=HYPERLINK(\"http://x\")"))  # pending at 0: not low stock
    vs.append(variant(21, showroom=9, omitted=True))  # omitted in the session
    vs.append(variant(22, session_name="S0"))  # not snapshotted for S1
    broken = variant(23, counts=None, status=None)
    broken.problems.append(("counts", "not valid JSON"))
    vs.append(broken)
    return vs

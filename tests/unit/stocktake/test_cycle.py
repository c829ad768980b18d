"""Cycle counting's rules on a hand-computed small shop (stocktake/cycle.py, accuracy.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from inventra_desktop.stocktake import accuracy
from inventra_desktop.stocktake.cycle import ItemFacts, classify, counting_speed, due_list, plan
from inventra_desktop.stocktake.models import HistoryEntry, Settings

TODAY = date(2026, 11, 30)
YEAR = Settings(sales_window_days=365)  # a year of sales: the consumption value is units sold × cost


def entry(at: str, baseline: int, counted: int, session: str = "S1", **kw: object) -> HistoryEntry:
    return HistoryEntry(session=session, snapshot_at=at, at=at, baseline=baseline, counted=counted, **kw)  # type: ignore[arg-type]


def item(n: str, sold: int, cost: str | None = "1", on_hand: int = 5, history: tuple[HistoryEntry, ...] = (),
         product: str | None = None, **kw: object) -> ItemFacts:
    return ItemFacts(variant_id=n, product_id=product or f"p-{n}", title=n, sku=n, vendor=kw.pop("vendor", "V"),  # type: ignore[arg-type]
                     product_type=kw.pop("product_type", "T"), unit_cost=None if cost is None else Decimal(cost),  # type: ignore[arg-type]
                     on_hand=on_hand, sold=sold, history=history, **kw)  # type: ignore[arg-type]


SHOP = [
    item("A1", 8000, history=(entry("2026-10-01T10:00:00Z", 5, 5),)),
    item("B1", 1000, history=(entry("2026-10-01T10:00:00Z", 5, 5),)),
    item("X", 500),  # never counted
    item("Y", 400, history=(entry("2026-01-01T10:00:00Z", 5, 5),)),
    item("Z", 100, on_hand=-2, history=(entry("2026-11-01T10:00:00Z", 5, 5),)),
    item("W", 0, history=(entry("2026-11-01T10:00:00Z", 5, 5),)),
]


def test_a_pareto_split_of_consumption_value() -> None:
    # values 8000, 1000, 500, 400, 100, 0 of 10,000: A while the value before is under 80 %, B under 95 %
    assert classify(SHOP, YEAR) == {"A1": "A", "B1": "B", "X": "B", "Y": "C", "Z": "C", "W": "C"}
    ninety = classify([item("q", 90, cost="10"), item("r", 10, cost="10")], Settings())  # 90 days of sales
    assert ninety == {"q": "A", "r": "B"}  # 3650 vs 405.56 a year: the second starts at 90 % of the value


def test_without_sales_the_split_is_by_stock_value() -> None:
    shop = [item("cheap", 0, cost="1", on_hand=10), item("dear", 0, cost="100", on_hand=10)]
    assert classify(shop, YEAR, by_sales=False) == {"dear": "A", "cheap": "C"}  # 1000 of 1010: the rest is C
    assert classify(shop, YEAR) == {"dear": "C", "cheap": "C"}  # by sales: nothing sold, nothing of value


def test_due_dates_and_the_order_to_count() -> None:
    classes = classify(SHOP, YEAR)
    due = due_list(SHOP, classes, YEAR, TODAY)
    assert [d.item.variant_id for d in due] == ["Y", "A1", "X", "Z"]  # most overdue first, then never, then reasons
    by_id = {d.item.variant_id: d for d in due}
    assert by_id["A1"].due == date(2026, 10, 31) and by_id["A1"].overdue_days == 30  # A: every 30 days
    assert by_id["Y"].due == date(2026, 6, 30) and by_id["Y"].overdue_days == 153  # C: every 180 days
    assert by_id["X"].due is None and by_id["X"].reasons == ["never counted"]
    assert by_id["Z"].reasons == ["negative stock"]  # not due by class yet: by its stock
    assert "B1" not in by_id  # B: every 90 days, counted 60 days ago
    erratic = item("E", 1, history=(entry("2026-11-20T10:00:00Z", 10, 2),))
    zero = item("S", 3, on_hand=0, history=(entry("2026-11-20T10:00:00Z", 3, 3),))
    reasons = {d.item.variant_id: d.reasons for d in due_list([erratic, zero], {}, YEAR, TODAY)}
    assert reasons == {"E": ["last count varied by -8"], "S": ["sold but none on hand"]}


def test_a_plan_takes_whole_products_up_to_the_budget() -> None:
    due = due_list(SHOP, classify(SHOP, YEAR), YEAR, TODAY)
    two = plan(due, {f"p-{n}": 1 for n in "A1 B1 X Y Z W".split()}, budget_variants=2)
    assert two.products == ["p-Y", "p-A1"] and two.variants == 2 and not two.over_budget
    sizes = {"p-Y": 5, "p-A1": 1, "p-X": 1, "p-Z": 1}
    fitted = plan(due, sizes, budget_variants=3)  # Y (5 variants) does not fit: the next ones do
    assert fitted.products == ["p-A1", "p-X", "p-Z"] and fitted.variants == 3
    big = plan(due[:1], {"p-Y": 9}, budget_variants=3)  # nothing fits: the most urgent anyway, said so
    assert big.products == ["p-Y"] and big.over_budget
    timed = plan(due, {}, budget_minutes=1, seconds_per_variant=30)  # 2 variants in a minute
    assert timed.variants == 2 and timed.minutes == 1.0


def test_counting_speed_is_the_median_gap_between_counts_without_breaks() -> None:
    stamps = ["10:00:00", "10:00:20", "10:01:00", "10:01:30", "11:00:00"]  # 20, 40, 30 s, then a break
    history = [entry("2026-11-01T09:00:00Z", 1, 1, counted_at=f"2026-11-01T{t}Z") for t in stamps]
    assert counting_speed([history]) == 30.0
    assert counting_speed([]) == 30.0  # nothing counted yet: a default


def test_accuracy_per_session_shrinkage_and_repeat_offenders() -> None:
    s1 = "2026-11-01T10:00:00Z"
    shop = [
        item("a", 1, cost="3", history=(entry(s1, 5, 3, areas={"showroom": 1, "garage": 2}, by=["kiosk-1"]),)),
        item("b", 1, cost="2", vendor="W", history=(entry(s1, 4, 5, by=["kiosk-2"]),)),
        item("c", 1, history=(entry(s1, 7, 7),)),
        item("d", 1, history=(entry(s1, 2, 2),)),
    ]
    [session] = accuracy.by_session(shop, Settings())
    assert (session.lines, session.accurate, session.ira) == (4, 2, 50.0)
    assert session.shrinkage == Decimal("6.00") and session.gain == Decimal("2.00")
    tolerant = accuracy.by_session(shop, Settings(accuracy_tolerance_units=2))[0]
    assert tolerant.ira == 100.0
    vendors = {r.key: r.shrinkage for r in accuracy.shrinkage_by(shop, "vendor")}
    assert vendors == {"V": Decimal("6.00"), "W": Decimal("0")}
    areas = {r.key: r.shrinkage for r in accuracy.shrinkage_by(shop, "area")}
    assert areas["garage"] == Decimal("4.00") and areas["showroom"] == Decimal("2.00")  # spread by quantity
    assert accuracy.shrinkage_by(shop, "counter")[0].key == "kiosk-1"
    s2, s3 = "2026-11-10T10:00:00Z", "2026-11-20T10:00:00Z"
    repeat = item("r", 1, history=(entry(s1, 5, 4), entry(s2, 5, 5, session="S2"), entry(s3, 5, 7, session="S3")))
    once = item("o", 1, history=(entry(s1, 5, 4), entry(s2, 5, 5, session="S2"), entry(s3, 5, 5, session="S3")))
    assert [o.item.variant_id for o in accuracy.repeat_offenders([repeat, once], Settings())] == ["r"]

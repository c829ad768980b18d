"""A live shop during a count: orders sell stock and fulfilments ship it."""

from __future__ import annotations

import random
import threading

from .state import ShopState, now_iso


class SalesGenerator:
    """Each tick is a real order of one unit somewhere (available -1, committed +1: on_hand
    unchanged), which planning reads as a sale, and ships one unit sold in an earlier tick
    (committed -1: on_hand -1), as fulfilments do."""

    def __init__(self, state: ShopState, per_second: float, seed: int | None = None) -> None:
        self.state = state
        self.per_second = per_second
        self._rng = random.Random(seed)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.sold = 0

    def start(self) -> None:
        if self.per_second > 0:
            self._thread = threading.Thread(target=self._run, name="sales", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2)

    def _run(self) -> None:
        while not self._stop.wait(1.0 / self.per_second):
            self.tick()

    def tick(self) -> bool:
        """One sale and one fulfilment; False when nothing is left to sell."""
        with self.state.lock:
            sellable = [lv for lv in self.state.levels.values()
                        if lv.quantities.get("available", 0) > 0 and self._sellable(lv.item_id)]
            if not sellable:
                return False
            # Only units sold in earlier ticks can ship now: chosen before this tick's sale.
            shippable = [lv for lv in self.state.levels.values() if lv.quantities.get("committed", 0) > 0]
            level = self._rng.choice(sellable)
            level.quantities["available"] -= 1
            level.quantities["committed"] = level.quantities.get("committed", 0) + 1
            level.updated_at = now_iso()
            self.state.changed("levels", level)
            changes = [_change("available", -1, level), _change("committed", 1, level)]
            if shippable:
                ship = self._rng.choice(shippable)
                ship.quantities["committed"] -= 1
                ship.updated_at = now_iso()
                self.state.changed("levels", ship)
                changes += [_change("committed", -1, ship), _change("on_hand", -1, ship)]
            order = self.state.add_order([[self.state.items[level.item_id].variant_id, 1]])
            self.state.record_adjustment("order", f"gid://shopify/Order/{order.id}", changes, source="sale")
            self.state.commit()  # logged; made durable by the next acknowledged write's sync
            self.sold += 1
            return True

    def _sellable(self, item_id: int) -> bool:
        item = self.state.items[item_id]
        return item.tracked and not self.state.variants[item.variant_id].components


def _change(name: str, delta: int, level: object) -> dict:
    return {"name": name, "delta": delta, "quantity_after": level.quantity(name),  # type: ignore[attr-defined]
            "ledger_document_uri": None, "item_id": level.item_id, "location_id": level.location_id}  # type: ignore[attr-defined]

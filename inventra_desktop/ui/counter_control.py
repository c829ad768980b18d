"""The counter's wiring (MainController holds one): open it on a row, apply its taps, step
through the grid's order, keep its area the device's one area, and say in it what a scan did."""

from __future__ import annotations


from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ..services import setup
from ..stocktake.blind import expected_hidden
from ..stocktake.models import OpKind
from ..stocktake.variant import VariantRecord
from .counter_dialog import CounterDialog
from .counter_view import CounterView
from .screen_fit import available
from .sentences import translated
from .controller_parts import ControllerParts



class CounterControl(QObject):
    def __init__(self, controller: ControllerParts) -> None:
        super().__init__(controller)
        self.c = controller
        self.counter: CounterDialog | None = None
        self.counter_variant: str | None = None
        self._counter_note: str | None = None

    def open_counter(self, variant_id: str) -> None:
        if self.c.desk is None:
            return
        if self.c.desk.view(variant_id).problems:  # nothing true can be counted on top of nonsense
            self._offer_reset(variant_id)
            return
        if self.counter is None:
            self.counter = CounterDialog(self.c.window, screen=available(self.c.window), kiosk=self.c.kiosk)
            c = self.counter
            c.add_requested.connect(lambda area, delta: self._counter_tap(OpKind.ADD, area, delta))
            c.set_requested.connect(lambda area, value: self._counter_tap(OpKind.SET, area, value))
            c.counted_requested.connect(lambda area, on: self._counter_tap(OpKind.COUNTED, area, int(on)))
            c.done_requested.connect(lambda: self._counter_tap(OpKind.DONE))
            c.reopen_requested.connect(lambda: self._counter_tap(OpKind.REOPEN))
            c.navigate_requested.connect(self._counter_step)
            c.area_changed.connect(self.c.set_area)
            c.scan_requested.connect(self.c._on_scan)
            c.finished.connect(self._counter_closed)
        self.counter_variant = variant_id
        self._counter_note = None
        self._show_counter()
        self.counter.open_fitting()

    def _counter_closed(self) -> None:
        self.counter_variant = None

    def _counter_tap(self, kind: OpKind, area: str | None = None, value: int | None = None) -> None:
        if self.counter_variant:
            if area:
                self.c.set_area(area)
            self._counter_note = None
            self.c.tap(self.counter_variant, kind, area, value)

    def _counter_step(self, step: int) -> None:
        order = self.c.window.model.visible_variant_ids()
        if not order or self.counter_variant not in order:
            return
        index = order.index(self.counter_variant) + step
        if 0 <= index < len(order):
            self.counter_variant = order[index]
            self._counter_note = None
            self._show_counter()

    def tap_refused(self, variant_id: str, why: str) -> None:
        """A tap on the counter's item was refused (a count above the limit, an omitted item): the
        counter says why, where the counter looks."""
        if self.counter is not None and self.counter.isVisible() and variant_id == self.counter_variant:
            self._counter_note = why
            self._show_counter()

    def counter_scanned(self, view: VariantRecord) -> None:
        """A scan counted `view` while the counter is open: say so there when it is another item."""
        if self.counter is None or not self.counter.isVisible() or view.id == self.counter_variant:
            return
        self._counter_note = self.tr("Scanned: +1 for %1 (another item, not this one).").replace(
            "%1", view.display_name)
        self._show_counter()

    def counter_note(self, code: str, why: str) -> None:
        """A scan while the counter is open counted nothing: said in the counter too."""
        if self.counter is not None and self.counter.isVisible():
            self._counter_note = self.tr("Scan %1 not counted: %2").replace("%1", code).replace("%2", why)
            self._show_counter()

    def _show_counter(self) -> None:
        desk, variant_id = self.c.desk, self.counter_variant
        if not self.counter or not desk or not variant_id or variant_id not in desk.records:
            return
        v = desk.view(variant_id)
        order = self.c.window.model.visible_variant_ids()
        counts = v.counts
        last = self.c.last_counts.get(v.id)
        session = desk.session
        hidden = bool(session and expected_hidden(session))
        status = v.status.value if v.status else "pending"
        if not (session and v.takes_part(session.name)):
            status = "problem" if v.problems else "omitted"
        self.counter.show_view(CounterView(
            variant_id=v.id, title=v.product_title, variant_title="" if v.title == "Default Title" else v.title,
            sku=v.sku or "", barcode=v.barcode or "", image=None, areas=[(a.key, a.label) for a in desk.areas],
            qty={k: a.qty for k, a in (counts.areas.items() if counts else [])},
            counted={k: a.counted for k, a in (counts.areas.items() if counts else [])},
            status=status, baseline=None if hidden or not counts else sum(counts.baseline.values()),
            position=self.tr("%1 of %2").replace("%1", str(order.index(v.id) + 1))
            .replace("%2", str(len(order))) if v.id in order else "",
            saved_state=("offline" if not desk.status.online else
                         "waiting" if desk.waiting_for(v.id) else "saved"),
            message=translated(desk.status.last_error) or self._counter_note,
            last_counted=(last.counted.isoformat() if last.counted else "") if last else None,
            last_variance=None if hidden or not last else last.variance))
        if self.c.area:
            self.counter.set_current_area(self.c.area)

    def _offer_reset(self, variant_id: str) -> None:
        """A hand-edited metafield: say what is wrong and offer the one-click reset."""
        assert self.c.desk is not None
        v = self.c.desk.view(variant_id)
        tr = self.tr
        problems = " ".join(tr("The “%1” metafield cannot be read: %2.").replace("%1", key)
                            .replace("%2", reason.rstrip(".")) for key, reason in v.problems)
        self.reset_box = QMessageBox(QMessageBox.Icon.Warning, tr("This variant cannot be counted"), tr(
            "%1 cannot be counted as it is. %2\n\nReset rewrites its stock-take data as a new snapshot would: the "
            "baseline from Shopify now, counts at zero, status pending. Then it can be counted again.")
            .replace("%1", v.display_name).replace("%2", problems),
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Reset, self.c.window)
        self.reset_box.finished.connect(lambda result: result == QMessageBox.StandardButton.Reset and self.c.actions.guarded(
            "reset a variant", lambda: self.c._run(self._reset(variant_id))))
        self.reset_box.open()

    async def _reset(self, variant_id: str) -> None:
        desk = self.c.desk
        assert desk is not None and desk.session is not None
        name = desk.session.name
        await setup.reset_variant(self.c.shop, name, variant_id)
        await self.c.reload(name)
        self.c.window.statusBar().showMessage(self.tr("%1 was reset: it can be counted again.")
                                            .replace("%1", desk.records[variant_id].display_name), 8000)

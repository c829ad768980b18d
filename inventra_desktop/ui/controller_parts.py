"""What the controller's parts (the counter's wiring, the manager's actions) use of the controller:
a protocol, so that the parts know no controller module and the controller composes them freely."""

from __future__ import annotations

from typing import Any, Coroutine, Protocol

from ..services.counting_desk import CountingDesk
from ..services.shop import ShopSession
from ..stocktake.models import OpKind
from .main_window import MainWindow


class ControllerParts(Protocol):
    window: MainWindow
    shop: ShopSession
    desk: CountingDesk | None
    kiosk: bool
    area: str | None
    last_counts: dict[str, Any]
    actions: Any  # the ManagerActions the controller holds (the counter asks it for the PIN)

    def _run(self, coro: Coroutine[Any, Any, Any]) -> None: ...

    async def reload(self, name: str | None = None) -> None: ...

    def set_area(self, area: str) -> None: ...

    def tap(self, variant_id: str, kind: OpKind, area: str | None = None, value: int | None = None) -> None: ...

    def _on_scan(self, code: str) -> None: ...

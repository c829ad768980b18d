"""The Admin API versions the simulator serves, and what it answers for any other.

Shopify (https://shopify.dev/docs/api/usage/versioning): versions are named `YYYY-MM` and ship
quarterly (01, 04, 07, 10) since 2019-04; a request to a version that is no longer supported is
served by the oldest supported version ("falls forward"), and the `X-Shopify-API-Version` response
header names the version that served it; a name that is no version at all is a 404.

The simulator serves the versions whose schema it holds (`schema*.graphql`, extracted from
`../shared/shopify/admin-<version>.graphql`): 2026-01 and 2026-04, each with its own rules. Late
2026, 2026-01 is also Shopify's oldest supported version, so older stable names fall forward to it.
Newer real versions (2026-07 …, the release candidate, `unstable`) are not simulated: they get the
same 404 as an unknown name, with a header saying why, rather than being answered by rules that
are not theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ApiVersion:
    handle: str
    schema_file: str
    # 2026-04: @idempotent(key:) is required on inventory quantity mutations, and every
    # inventorySetQuantities/inventoryAdjustQuantities entry must carry changeFromQuantity.
    # 2026-01: both optional; inventorySetQuantities still takes compareQuantity /
    # ignoreCompareQuantity when changeFromQuantity is left out.
    idempotency_required: bool
    change_from_required: bool

    @property
    def legacy_compare(self) -> bool:
        return not self.change_from_required


SERVED: dict[str, ApiVersion] = {
    "2026-01": ApiVersion("2026-01", "schema-2026-01.graphql", idempotency_required=False,
                          change_from_required=False),
    "2026-04": ApiVersion("2026-04", "schema.graphql", idempotency_required=True, change_from_required=True),
}
LATEST = SERVED["2026-04"]
OLDEST = SERVED["2026-01"]
_STABLE = re.compile(r"(?P<year>\d{4})-(?P<month>01|04|07|10)")
_FIRST_VERSION = "2019-04"


def resolve(requested: str) -> ApiVersion | None:
    """The version that serves a request for `requested`, or None for a 404."""
    if requested in SERVED:
        return SERVED[requested]
    if _STABLE.fullmatch(requested) and _FIRST_VERSION <= requested < OLDEST.handle:
        return OLDEST  # retired: falls forward to the oldest supported version
    return None


def not_served_note(requested: str) -> str:
    """Why a version got a 404, for a response header (Shopify's 404 body says only "Not Found")."""
    served = ", ".join(SERVED)
    return f"API version {requested!r} is not served by the simulator (it serves {served})"

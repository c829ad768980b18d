"""The Admin GraphQL endpoint's behaviour, independent of HTTP: auth, scopes, cost,
throttling, idempotency, execution. `server.py` puts it on a socket."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    build_schema,
    execute,
    get_operation_ast,
    parse,
    print_ast,
    validate,
)
from graphql.error import GraphQLSyntaxError

from . import mutations, queries
from .bulk import BulkEngine
from .cost import actual_cost, requested_cost
from .queries import has_scope
from .state import ShopState
from .throttle import MAX_SINGLE_QUERY_COST, LeakyBucket
from .versions import LATEST, SERVED, ApiVersion
from .views import RequestContext

# The demo app's scopes: what a stock-take needs, and orders for cycle counting's sales velocity
# (read_all_orders: older than 60 days too, for a 90-day window).
DEFAULT_SCOPES = frozenset({"read_products", "write_products", "read_inventory", "write_inventory",
                            "read_locations", "read_orders", "read_all_orders"})
DOCS_RATE_LIMITS = "https://shopify.dev/api/usage/rate-limits"
log = logging.getLogger(__name__)

# Read access each field needs (write_X implies read_X). Mutations are in mutations.MUTATION_SCOPES.
FIELD_SCOPES: dict[tuple[str, str], str] = {
    **{("QueryRoot", f): "read_products" for f in (
        "products", "product", "productsCount", "productVariants", "productVariant", "productVariantsCount")},
    **{("QueryRoot", f): "read_inventory" for f in ("inventoryItems", "inventoryItem", "inventoryLevel")},
    **{("QueryRoot", f): "read_locations" for f in ("locations", "location")},
    **{("QueryRoot", f): "read_orders" for f in ("orders", "ordersCount", "order")},
    ("InventoryItem", "inventoryLevels"): "read_inventory",
    ("InventoryItem", "inventoryLevel"): "read_inventory",
    ("Location", "inventoryLevels"): "read_inventory",
    ("Location", "inventoryLevel"): "read_inventory",
    ("ProductVariant", "inventoryItem"): "read_inventory",
}
PRODUCT_OWNED = {"PRODUCTVARIANT", "PRODUCT"}


@functools.cache  # read-only once built (resolvers are module functions): shared by every shop of the process
def load_schema(version: ApiVersion = LATEST) -> GraphQLSchema:
    """The simulator's subset of `version`'s Admin schema, with its resolvers."""
    sdl = (resources.files("inventra_desktop.simulator") / version.schema_file).read_text(encoding="utf-8")
    schema = build_schema(sdl)
    for name, resolver in queries.RESOLVERS.items():
        schema.query_type.fields[name].resolve = resolver
    for name, resolver in mutations.RESOLVERS.items():
        schema.mutation_type.fields[name].resolve = resolver
    for iface in ("Node", "HasMetafields", "Media"):
        schema.type_map[iface].resolve_type = _typename
    return schema


def _typename(obj: Any, info: Any, abstract_type: Any) -> str | None:
    return obj.get("TYPENAME") if isinstance(obj, dict) else getattr(obj, "TYPENAME", None)


@dataclass
class Token:
    app_id: str
    scopes: frozenset[str]
    expires_at: float | None = None  # time.time(); None: never (a legacy custom-app token)


@dataclass
class AppCredentials:
    client_id: str
    client_secret: str
    scopes: frozenset[str] = DEFAULT_SCOPES
    token_lifetime: int = 86399


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


def _error(message: str, code: str, **extensions: Any) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code, **extensions}}




def access_denied(field_name: str, scope: str) -> GraphQLError:
    return GraphQLError(
        f"Access denied for {field_name} field. Required access: `{scope}` access scope.",
        extensions={"code": "ACCESS_DENIED", "documentation": "https://shopify.dev/api/usage/access-scopes",
                    "requiredAccess": f"`{scope}` access scope."})


MAX_INPUT_ARRAY = 250


def _oversized(value: Any, path: str) -> tuple[str, int] | None:
    """The first input array above Shopify's 250-item limit, as (path, size)."""
    if isinstance(value, list):
        if len(value) > MAX_INPUT_ARRAY:
            return path, len(value)
        items = enumerate(value)
    elif isinstance(value, dict):
        items = value.items()  # type: ignore[assignment]
    else:
        return None
    for key, item in items:
        found = _oversized(item, f"{path}.{key}")
        if found:
            return found
    return None


def scope_middleware(next_: Any, root: Any, info: Any, **args: Any) -> Any:
    """Refuse fields outside the token's scopes (ACCESS_DENIED) and oversized input arrays."""
    scopes = info.context.scopes
    parent = info.parent_type.name
    if parent in ("Mutation", "QueryRoot"):
        too_big = _oversized(args, info.field_name)
        if too_big:
            raise GraphQLError(f"The input array size of {too_big[1]} is greater than the maximum allowed of "
                               f"{MAX_INPUT_ARRAY}.", extensions={"code": "MAX_INPUT_SIZE_EXCEEDED",
                                                                   "path": too_big[0]})
    needed = FIELD_SCOPES.get((parent, info.field_name))
    if parent == "Mutation":
        needed = mutations.MUTATION_SCOPES.get(info.field_name)
        owners: list[str] = []
        if info.field_name in ("metafieldsSet", "metafieldsDelete"):
            owners = [_owner_kind(m["ownerId"]) for m in args.get("metafields", [])]
        elif info.field_name == "metafieldDefinitionCreate":
            owners = [args["definition"]["ownerType"]]
        if any(o in PRODUCT_OWNED for o in owners):
            needed = "write_products"
    elif parent == "QueryRoot" and info.field_name == "metafieldDefinitions" and args.get("ownerType") in PRODUCT_OWNED:
        needed = "read_products"
    if needed and not has_scope(scopes, needed):
        raise access_denied(info.field_name, needed)
    return next_(root, info, **args)


def _owner_kind(owner: str) -> str:
    parts = owner.split("/")
    return {"ProductVariant": "PRODUCTVARIANT", "Product": "PRODUCT"}.get(parts[3] if len(parts) > 4 else "", "SHOP")


class ShopifyAPI:
    """One simulated shop behind the Admin API: tokens, buckets, bulk engine, execution."""

    def __init__(self, state: ShopState, *, plan: str = "standard", bulk_query_rate: float = 1000.0,
                 bulk_mutation_rate: float = 20.0) -> None:
        self.state = state
        self.schemas = {handle: load_schema(version) for handle, version in SERVED.items()}
        self.schema = self.schemas[LATEST.handle]
        self.plan = plan
        self.tokens: dict[str, Token] = {}
        self.apps: dict[str, AppCredentials] = {}
        self._buckets: dict[str, LeakyBucket] = {}
        self._lock = threading.Lock()
        self.bulk = BulkEngine(self, query_rate=bulk_query_rate, mutation_rate=bulk_mutation_rate)
        self.request_count = 0
        self.throttled_count = 0  # THROTTLED answers given, so tests can prove a client never provoked one

    # ---- credentials -------------------------------------------------------------
    def add_token(self, token: str, scopes: frozenset[str] = DEFAULT_SCOPES, app_id: str | None = None,
                  expires_in: float | None = None) -> None:
        expires_at = time.time() + expires_in if expires_in is not None else None
        self.tokens[token] = Token(app_id or f"token-{token[-6:]}", frozenset(scopes), expires_at)

    def add_app(self, creds: AppCredentials) -> None:
        self.apps[creds.client_id] = creds

    def grant_client_credentials(self, form: dict[str, str]) -> Reply:
        if form.get("grant_type") != "client_credentials":
            return Reply(400, {"error": "unsupported_grant_type",
                               "error_description": "The grant type is not supported."})
        app = self.apps.get(form.get("client_id", ""))
        if app is None or not secrets.compare_digest(app.client_secret, form.get("client_secret", "")):
            return Reply(400, {"error": "invalid_client",
                               "error_description": "Client authentication failed: the client ID or secret is wrong."})
        token = "shpat_sim_" + secrets.token_hex(16)
        self.add_token(token, app.scopes, app_id=app.client_id, expires_in=app.token_lifetime)
        return Reply(200, {"access_token": token, "scope": ",".join(sorted(app.scopes)),
                           "expires_in": app.token_lifetime})

    def authenticate(self, token: str | None) -> Token | None:
        info = self.tokens.get(token or "")
        if info is None or (info.expires_at is not None and time.time() >= info.expires_at):
            return None
        return info

    def bucket(self, app_id: str) -> LeakyBucket:
        with self._lock:
            if app_id not in self._buckets:
                self._buckets[app_id] = LeakyBucket(self.plan)
            return self._buckets[app_id]

    # ---- the endpoint -----------------------------------------------------------
    def graphql(self, token: str | None, body: Any, base_url: str, version: ApiVersion = LATEST) -> Reply:
        """One request to `/admin/api/<version>/graphql.json`, answered by that version's schema and rules."""
        self.request_count += 1
        schema = self.schemas[version.handle]
        auth = self.authenticate(token)
        if auth is None:
            return Reply(401, {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"})
        if not isinstance(body, dict) or not isinstance(body.get("query"), str):
            return Reply(400, {"errors": {"query": "Required parameter missing or invalid"}})
        variables = body.get("variables") or {}
        if not isinstance(variables, dict):
            return Reply(400, {"errors": {"variables": "Invalid variables"}})
        try:
            document = parse(body["query"])
        except GraphQLSyntaxError as exc:
            return Reply(200, {"errors": [exc.formatted]})
        problems = validate(schema, document)
        if problems:
            return Reply(200, {"errors": [p.formatted for p in problems]})
        operation = get_operation_ast(document, body.get("operationName"))
        if operation is None:
            return Reply(200, {"errors": [_error("An operation name is required when the document has several.",
                                                 "BAD_REQUEST")]})
        bucket = self.bucket(auth.app_id)
        cost = requested_cost(schema, document, variables, body.get("operationName"))
        if cost > MAX_SINGLE_QUERY_COST:
            return Reply(200, {"errors": [_error(
                f"Query cost is {cost}, which exceeds the single query max cost limit ({MAX_SINGLE_QUERY_COST}).\n\n"
                "See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n"
                "cost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk "
                "operations should be used instead.\n", "MAX_COST_EXCEEDED", cost=cost,
                maxCost=MAX_SINGLE_QUERY_COST, documentation=DOCS_RATE_LIMITS)]})
        try:
            keyed = self._idempotency_keys(operation, variables, version)
        except GraphQLError as exc:
            return Reply(200, {"errors": [exc.formatted]})
        if not bucket.take(cost):
            return self.throttled(bucket, cost)
        ctx = RequestContext(self.state, auth.scopes, base_url, bulk_engine=self.bulk, version=version)
        writes = operation.operation.value == "mutation"
        try:
            with self.state.lock:
                replay = self._replay(keyed, variables)
                if isinstance(replay, GraphQLError):
                    bucket.refund(cost)
                    return Reply(200, {"errors": [replay.formatted], "extensions": self._cost(cost, 0, bucket)})
                if replay is not None:
                    data, errors, spent = replay, None, cost
                else:
                    result = self.execute(document, variables, ctx, body.get("operationName"))
                    data, errors = result.data, result.errors
                    spent = min(cost, actual_cost(schema, document, data, variables, body.get("operationName")))
                    self._remember(keyed, variables, data)
                # Every change set up to here, this one's and (for a replayed answer) the original's.
                seq = self.state.commit() if writes else 0
            if writes:
                self.state.make_durable(seq)  # the answer leaves only once its write is on disk
        except OSError:
            log.exception("the simulator could not write its state file's log")
            return Reply(503, {"errors": "The demo store could not save this change to disk; it was not "
                                         "acknowledged. Check the disk and try again."})
        bucket.refund(cost - spent)
        out: dict[str, Any] = {}
        if errors:
            out["errors"] = [e.formatted for e in errors]
        out["data"] = data
        out["extensions"] = self._cost(cost, spent, bucket)
        return Reply(200, out)

    def throttled(self, bucket: LeakyBucket, cost: int) -> Reply:
        self.throttled_count += 1
        return Reply(200, {
            "errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED", "documentation": DOCS_RATE_LIMITS}}],
            "extensions": {"cost": {"requestedQueryCost": cost, "actualQueryCost": None,
                                    "throttleStatus": bucket.status().as_dict()}}})

    @staticmethod
    def _cost(requested: int, actual: int, bucket: LeakyBucket) -> dict[str, Any]:
        return {"cost": {"requestedQueryCost": requested, "actualQueryCost": actual,
                         "throttleStatus": bucket.status().as_dict()}}

    def execute(self, document: DocumentNode, variables: dict[str, Any], ctx: RequestContext,
                operation_name: str | None = None) -> ExecutionResult:
        result = execute(self.schemas[ctx.version.handle], document, variable_values=variables, context_value=ctx,
                         operation_name=operation_name, middleware=[scope_middleware])
        assert isinstance(result, ExecutionResult)  # no async resolvers here
        return result

    # ---- idempotency ---------------------------------------------------------------
    def _idempotency_keys(self, operation: OperationDefinitionNode, variables: dict[str, Any],
                          version: ApiVersion) -> list[tuple[str, str]]:
        """(key, fingerprint) of each keyed root mutation field; errors where `version` requires a key."""
        if operation.operation.value != "mutation":
            return []
        keyed = []
        for sel in operation.selection_set.selections:
            if not isinstance(sel, FieldNode):
                continue
            directive = next((d for d in sel.directives or () if d.name.value == "idempotent"), None)
            if directive is None:
                if version.idempotency_required and sel.name.value in mutations.IDEMPOTENT_REQUIRED:
                    raise GraphQLError(
                        f"The @idempotent directive is required for {sel.name.value} from API version 2026-04.",
                        extensions={"code": "BAD_REQUEST"})
                continue
            arg = directive.arguments[0].value
            key = variables.get(arg.name.value) if arg.kind == "variable" else getattr(arg, "value", None)
            if not isinstance(key, str) or not key.strip():
                raise GraphQLError("The idempotency key must not be empty.", extensions={"code": "BAD_REQUEST"})
            used = sorted({a.value.name.value for a in sel.arguments if a.value.kind == "variable"})
            # Same mutation, same arguments, same variable values: a replay.
            text = sel.name.value + "(" + ", ".join(print_ast(a) for a in sel.arguments) + ")"
            values = json.dumps({k: variables.get(k) for k in used}, sort_keys=True)
            fingerprint = hashlib.sha256((text + values).encode()).hexdigest()
            keyed.append((key, fingerprint))
        return keyed

    def _replay(self, keyed: list[tuple[str, str]], variables: dict[str, Any]) -> Any:
        if not keyed:
            return None
        stored = [self.state.idempotency.get(k) for k, _ in keyed]
        for (key, fp), entry in zip(keyed, stored):
            if entry is not None and entry["fingerprint"] != fp:
                return GraphQLError(f"The idempotency key {key!r} was already used with different parameters.",
                                    extensions={"code": "IDEMPOTENCY_KEY_PARAMETER_MISMATCH"})
        if all(e is not None for e in stored):
            merged: dict[str, Any] = {}
            for e in stored:
                merged.update(e["data"])
            return merged
        return None

    def _remember(self, keyed: list[tuple[str, str]], variables: dict[str, Any], data: Any) -> None:
        if not keyed or data is None:
            return
        for key, fp in keyed:
            self.state.idempotency[key] = {"fingerprint": fp, "data": data, "at": time.time()}
            self.state.idempotency_changed(key)
        if len(self.state.idempotency) > 20000:  # keep the newest keys only
            for k in sorted(self.state.idempotency, key=lambda k: self.state.idempotency[k]["at"])[:5000]:
                del self.state.idempotency[k]
                self.state.idempotency_changed(k)

"""What bulk operations need of the shop's API (simulator/api.py): its state, the schema of each
served version, one execution. A protocol, so the bulk modules know no api module (api.py runs
them)."""

from __future__ import annotations

from typing import Any, Protocol

from graphql import DocumentNode, ExecutionResult, GraphQLSchema

from .state import ShopState
from .views import RequestContext


class ShopifyAPI(Protocol):
    state: ShopState
    schemas: dict[str, GraphQLSchema]

    def execute(self, document: DocumentNode, variables: dict[str, Any], ctx: RequestContext,
                operation_name: str | None = None) -> ExecutionResult: ...

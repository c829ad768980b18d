"""Regenerate the simulator's schema subsets from Shopify's real Admin schemas.

`admin-2026-04.graphql` gives `inventra_desktop/simulator/schema.graphql`; any other version's file
(`admin-2026-01.graphql`) gives `schema-<version>.graphql` beside it (see simulator/versions.py).

The simulator's SDL is a strict subset of the real schema: the object fields listed in
SELECTION below (with every argument exactly as Shopify declares it), and every input
object, enum and scalar they reach, in full. Descriptions are dropped. Run it after
changing SELECTION:

    python scripts/extract_schema_subset.py ../shared/shopify/admin-2026-04.graphql
    python scripts/extract_schema_subset.py ../shared/shopify/admin-2026-01.graphql
"""

from __future__ import annotations

import sys
from pathlib import Path

from graphql import (
    GraphQLArgument,
    GraphQLDirective,
    GraphQLEnumType,
    GraphQLEnumValue,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    build_schema,
    get_named_type,
    print_schema,
    specified_directives,
)

# Object and interface types we serve, and the fields of each we resolve.
SELECTION: dict[str, list[str]] = {
    "QueryRoot": [
        "shop", "locations", "location", "products", "product", "productsCount",
        "productVariants", "productVariant", "productVariantsCount", "inventoryItems",
        "inventoryItem", "inventoryLevel", "node", "nodes", "metafieldDefinitions",
        "currentAppInstallation", "currentBulkOperation", "bulkOperation", "bulkOperations",
        "inventoryProperties", "orders", "ordersCount", "order",
    ],
    "Mutation": [
        "metafieldsSet", "metafieldsDelete", "metafieldDefinitionCreate", "tagsAdd",
        "tagsRemove", "inventorySetQuantities", "inventoryAdjustQuantities",
        "inventoryActivate", "inventoryItemUpdate", "bulkOperationRunQuery",
        "bulkOperationRunMutation", "bulkOperationCancel", "stagedUploadsCreate",
    ],
    "Node": ["id"],
    "HasMetafields": ["metafield", "metafields"],
    "Shop": ["id", "name", "myshopifyDomain", "currencyCode", "ianaTimezone", "plan", "metafield", "metafields"],
    "ShopPlan": ["partnerDevelopment", "shopifyPlus", "publicDisplayName"],
    "Location": [
        "id", "name", "isActive", "shipsInventory", "fulfillsOnlineOrders", "activatable",
        "deactivatable", "inventoryLevel", "inventoryLevels", "createdAt", "updatedAt",
    ],
    "LocationConnection": ["edges", "nodes", "pageInfo"],
    "LocationEdge": ["cursor", "node"],
    "Product": [
        "id", "title", "handle", "vendor", "productType", "status", "tags", "createdAt",
        "updatedAt", "totalInventory", "tracksInventory", "hasOnlyDefaultVariant",
        "hasVariantsThatRequiresComponents", "featuredMedia", "variants", "variantsCount",
        "metafield", "metafields",
    ],
    "ProductConnection": ["edges", "nodes", "pageInfo"],
    "ProductEdge": ["cursor", "node"],
    "ProductVariant": [
        "id", "title", "displayName", "sku", "barcode", "price", "position", "createdAt",
        "updatedAt", "product", "inventoryItem", "inventoryQuantity", "selectedOptions",
        "requiresComponents", "productVariantComponents", "image", "metafield", "metafields",
    ],
    "ProductVariantConnection": ["edges", "nodes", "pageInfo"],
    "ProductVariantEdge": ["cursor", "node"],
    "ProductVariantComponent": ["id", "quantity", "productVariant"],
    "ProductVariantComponentConnection": ["edges", "nodes", "pageInfo"],
    "ProductVariantComponentEdge": ["cursor", "node"],
    "SelectedOption": ["name", "value"],
    "Media": ["id", "alt", "mediaContentType", "preview"],
    "MediaImage": ["id", "alt", "mediaContentType", "preview", "image"],
    "MediaPreviewImage": ["image", "status"],
    "Image": ["id", "url", "altText", "width", "height"],
    "InventoryItem": [
        "id", "sku", "tracked", "requiresShipping", "unitCost", "createdAt", "updatedAt",
        "variants", "inventoryLevel", "inventoryLevels",
    ],
    "InventoryItemConnection": ["edges", "nodes", "pageInfo"],
    "InventoryItemEdge": ["cursor", "node"],
    "InventoryLevel": ["id", "item", "location", "quantities", "createdAt", "updatedAt"],
    "InventoryLevelConnection": ["edges", "nodes", "pageInfo"],
    "InventoryLevelEdge": ["cursor", "node"],
    "InventoryQuantity": ["id", "name", "quantity", "updatedAt"],
    "InventoryProperties": ["quantityNames"],
    "InventoryQuantityName": ["name", "displayName", "belongsTo", "comprises", "isInUse"],
    "InventoryAdjustmentGroup": ["id", "createdAt", "reason", "referenceDocumentUri", "changes"],
    "InventoryChange": ["name", "delta", "quantityAfterChange", "ledgerDocumentUri", "item", "location"],
    "MoneyV2": ["amount", "currencyCode"],
    "MoneyBag": ["shopMoney", "presentmentMoney"],
    # Orders, as cycle counting reads sales (read_orders): when, whether they count, their lines.
    "Order": ["id", "name", "createdAt", "processedAt", "updatedAt", "cancelledAt", "test", "sourceName", "lineItems"],
    "OrderConnection": ["edges", "nodes", "pageInfo"],
    "OrderEdge": ["cursor", "node"],
    "LineItem": ["id", "name", "title", "variantTitle", "sku", "quantity", "currentQuantity", "variant", "product",
                 "originalUnitPriceSet"],
    "LineItemConnection": ["edges", "nodes", "pageInfo"],
    "LineItemEdge": ["cursor", "node"],
    "Count": ["count", "precision"],
    "PageInfo": ["hasNextPage", "hasPreviousPage", "startCursor", "endCursor"],
    "Metafield": [
        "id", "namespace", "key", "value", "jsonValue", "type", "compareDigest",
        "owner", "ownerType", "createdAt", "updatedAt", "definition",
    ],
    "MetafieldConnection": ["edges", "nodes", "pageInfo"],
    "MetafieldEdge": ["cursor", "node"],
    "MetafieldDefinition": [
        "id", "name", "namespace", "key", "description", "ownerType", "type", "validations",
        "pinnedPosition", "access",
    ],
    "MetafieldDefinitionConnection": ["edges", "nodes", "pageInfo"],
    "MetafieldDefinitionEdge": ["cursor", "node"],
    "MetafieldDefinitionType": ["name", "category"],
    "MetafieldDefinitionValidation": ["name", "type", "value"],
    "MetafieldAccess": ["admin", "storefront", "customerAccount"],
    "AppInstallation": ["id", "accessScopes"],
    "AccessScope": ["handle", "description"],
    "BulkOperationConnection": ["edges", "nodes", "pageInfo"],
    "BulkOperationEdge": ["cursor", "node"],
    "BulkOperation": [
        "id", "status", "errorCode", "type", "query", "createdAt", "completedAt",
        "objectCount", "rootObjectCount", "fileSize", "url", "partialDataUrl",
    ],
    "StagedMediaUploadTarget": ["url", "resourceUrl", "parameters"],
    "StagedUploadParameter": ["name", "value"],
    # Payloads and their user errors.
    "MetafieldsSetPayload": ["metafields", "userErrors"],
    "MetafieldsSetUserError": ["code", "elementIndex", "field", "message"],
    "MetafieldsDeletePayload": ["deletedMetafields", "userErrors"],
    "MetafieldIdentifier": ["ownerId", "namespace", "key"],
    "UserError": ["field", "message"],
    "MetafieldDefinitionCreatePayload": ["createdDefinition", "userErrors"],
    "MetafieldDefinitionCreateUserError": ["code", "field", "message"],
    "TagsAddPayload": ["node", "userErrors"],
    "TagsRemovePayload": ["node", "userErrors"],
    "InventorySetQuantitiesPayload": ["inventoryAdjustmentGroup", "userErrors"],
    "InventorySetQuantitiesUserError": ["code", "field", "message"],
    "InventoryAdjustQuantitiesPayload": ["inventoryAdjustmentGroup", "userErrors"],
    "InventoryAdjustQuantitiesUserError": ["code", "field", "message"],
    "InventoryActivatePayload": ["inventoryLevel", "userErrors"],
    "InventoryItemUpdatePayload": ["inventoryItem", "userErrors"],
    "BulkOperationRunQueryPayload": ["bulkOperation", "userErrors"],
    "BulkOperationRunMutationPayload": ["bulkOperation", "userErrors"],
    "BulkOperationCancelPayload": ["bulkOperation", "userErrors"],
    "BulkOperationUserError": ["code", "field", "message"],
    "BulkMutationUserError": ["code", "field", "message"],
    "StagedUploadsCreatePayload": ["stagedTargets", "userErrors"],
}


def _ref(t, types: dict):
    """Re-point a (wrapped) type reference at our copies."""
    if isinstance(t, GraphQLNonNull):
        return GraphQLNonNull(_ref(t.of_type, types))
    if isinstance(t, GraphQLList):
        return GraphQLList(_ref(t.of_type, types))
    return types[t.name]


def extract(real: GraphQLSchema) -> GraphQLSchema:
    missing = [f"{t}.{f}" for t, fs in SELECTION.items() for f in fs
               if t not in real.type_map or f not in real.type_map[t].fields]
    if missing:
        raise SystemExit("not in the real schema: " + ", ".join(missing))

    # Collect every named type reachable from the selection.
    needed: set[str] = set()
    queue = list(SELECTION)
    while queue:
        name = queue.pop()
        if name in needed:
            continue
        needed.add(name)
        t = real.type_map[name]
        refs = []
        if isinstance(t, (GraphQLObjectType, GraphQLInterfaceType)):
            if name not in SELECTION:
                raise SystemExit(f"{name} is reached but has no SELECTION entry")
            for fname in SELECTION[name]:
                f = t.fields[fname]
                refs.append(f.type)
                refs.extend(a.type for a in f.args.values())
        elif isinstance(t, GraphQLInputObjectType):
            refs.extend(f.type for f in t.fields.values())
        elif isinstance(t, GraphQLUnionType):
            raise SystemExit(f"union {name} is reached: pick concrete types instead")
        queue.extend(get_named_type(r).name for r in refs)

    types: dict = {}
    for name in sorted(needed):
        t = real.type_map[name]
        if isinstance(t, GraphQLScalarType):
            types[name] = t if name in ("String", "Int", "Float", "Boolean", "ID") else GraphQLScalarType(name)
        elif isinstance(t, GraphQLEnumType):
            types[name] = GraphQLEnumType(name, {k: GraphQLEnumValue(k, deprecation_reason=v.deprecation_reason)
                                                 for k, v in t.values.items()})

    def fields_of(t, name):
        def thunk():
            out = {}
            for fname in SELECTION[name]:
                f = t.fields[fname]
                out[fname] = GraphQLField(
                    _ref(f.type, types),
                    args={a: GraphQLArgument(_ref(arg.type, types), default_value=arg.default_value,
                                             deprecation_reason=arg.deprecation_reason)
                          for a, arg in f.args.items()},
                    deprecation_reason=f.deprecation_reason,
                )
            return out
        return thunk

    def input_fields_of(t):
        return lambda: {n: GraphQLInputField(_ref(f.type, types), default_value=f.default_value,
                                             deprecation_reason=f.deprecation_reason)
                        for n, f in t.fields.items()}

    for name in sorted(needed):
        t = real.type_map[name]
        if isinstance(t, GraphQLInterfaceType):
            types[name] = GraphQLInterfaceType(name, fields_of(t, name))
    for name in sorted(needed):
        t = real.type_map[name]
        if isinstance(t, GraphQLObjectType):
            ifaces = [i.name for i in t.interfaces if i.name in needed
                      and set(SELECTION[i.name]) <= set(SELECTION[name])]
            types[name] = GraphQLObjectType(name, fields_of(t, name),
                                            interfaces=lambda ifaces=ifaces: [types[i] for i in ifaces])
        elif isinstance(t, GraphQLInputObjectType):
            types[name] = GraphQLInputObjectType(name, input_fields_of(t))

    directives = [
        GraphQLDirective(d.name, d.locations,
                         {n: GraphQLArgument(_ref(a.type, types)) for n, a in d.args.items()})
        for d in real.directives if d.name == "idempotent"
    ]
    sub = GraphQLSchema(query=types["QueryRoot"], mutation=types["Mutation"],
                        types=list(types.values()), directives=[*specified_directives, *directives])
    return sub


def main() -> None:
    real_path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/shopify/admin-2026-04.graphql")
    version = real_path.stem.removeprefix("admin-")
    name = "schema.graphql" if version == "2026-04" else f"schema-{version}.graphql"
    out = Path(__file__).resolve().parent.parent / "inventra_desktop" / "simulator" / name
    real = build_schema(real_path.read_text(encoding="utf-8"))
    sub = extract(real)
    header = (f"# Subset of Shopify's Admin GraphQL schema ({version}) served by the simulator.\n"
              "# Generated by scripts/extract_schema_subset.py; edit SELECTION there, not this file.\n\n")
    out.write_text(header + print_schema(sub) + "\n", encoding="utf-8")
    print(f"wrote {out.name}: {len(sub.type_map)} types")


if __name__ == "__main__":
    main()

"""What a user types as a shop, and where secrets go."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from inventra_desktop.shopify.address import API_VERSION, ShopAddress
from inventra_desktop.shopify.errors import InsecureShopAddress, InvalidShopDomain, KeyringUnavailable
from inventra_desktop.shopify.secrets import SecretStore


@pytest.mark.parametrize("typed", ["myshop", "MyShop", "myshop.myshopify.com", " myshop.myshopify.com/ ",
                                   "https://myshop.myshopify.com/admin/products", "https://myshop.myshopify.com"])
def test_shop_inputs_normalise_to_one_address(typed: str) -> None:
    address = ShopAddress.parse(typed)
    assert address.base == "https://myshop.myshopify.com"
    assert address.graphql_url == f"https://myshop.myshopify.com/admin/api/{API_VERSION}/graphql.json"
    assert address.name == "myshop.myshopify.com"


@pytest.mark.parametrize("typed", ["", "   ", "my shop", "https://example.com", "myshop.example.com",
                                   "ftp://myshop.myshopify.com", "-bad.myshopify.com", "https://myshop.myshopify.com:8443"])
def test_anything_else_is_an_invalid_shop_domain_with_an_example(typed: str) -> None:
    with pytest.raises(InvalidShopDomain) as info:
        ShopAddress.parse(typed)
    assert "my-shop.myshopify.com" in str(info.value)


def test_plain_http_only_to_loopback() -> None:
    local = ShopAddress.parse("http://127.0.0.1:8787")
    assert local.is_local and local.graphql_url == f"http://127.0.0.1:8787/admin/api/{API_VERSION}/graphql.json"
    assert ShopAddress.parse("http://localhost:9000").is_local
    assert ShopAddress.parse("http://[::1]:9000").base == "http://[::1]:9000"
    with pytest.raises(InsecureShopAddress):
        ShopAddress.parse("http://myshop.myshopify.com")
    with pytest.raises(InsecureShopAddress):
        ShopAddress.parse("http://192.168.1.10:8787")


def test_secrets_round_trip_through_the_keyring(memory_keyring) -> None:  # type: ignore[no-untyped-def]
    store = SecretStore()
    store.put("myshop.myshopify.com", "token", "shpat_secret")
    assert store.get("myshop.myshopify.com", "token") == "shpat_secret"
    assert ("inventra-desktop", "myshop.myshopify.com:token") in memory_keyring.store
    store.delete("myshop.myshopify.com", "token")
    store.delete("myshop.myshopify.com", "token")  # deleting twice is fine
    assert store.get("myshop.myshopify.com", "token") is None


def test_no_keyring_is_a_sentence_saying_what_to_do() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        with pytest.raises(KeyringUnavailable) as info:
            SecretStore().put("myshop.myshopify.com", "token", "x")
        assert "keyring" in str(info.value) and "INVENTRA_TOKEN" in str(info.value)
        with pytest.raises(KeyringUnavailable):
            SecretStore().get("myshop.myshopify.com", "token")
    finally:
        keyring.set_keyring(previous)

"""Secrets (access tokens, client secrets) in the OS keyring, never in settings files."""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from .errors import KeyringUnavailable

SERVICE = "inventra-desktop"


class SecretStore:
    """One entry per shop and kind: `<shop name>:token`, `<shop name>:client_secret`."""

    def __init__(self, service: str = SERVICE) -> None:
        self.service = service

    def get(self, shop: str, kind: str) -> str | None:
        try:
            return keyring.get_password(self.service, f"{shop}:{kind}")
        except NoKeyringError:
            raise KeyringUnavailable() from None
        except KeyringError:
            raise KeyringUnavailable() from None

    def put(self, shop: str, kind: str, secret: str) -> None:
        try:
            keyring.set_password(self.service, f"{shop}:{kind}", secret)
        except (NoKeyringError, KeyringError):
            raise KeyringUnavailable() from None

    def delete(self, shop: str, kind: str) -> None:
        try:
            keyring.delete_password(self.service, f"{shop}:{kind}")
        except PasswordDeleteError:
            pass
        except (NoKeyringError, KeyringError):
            raise KeyringUnavailable() from None

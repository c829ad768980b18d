"""Inventra Desktop: physical stock-takes for Shopify shops, with Shopify as the database."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("inventra-desktop")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

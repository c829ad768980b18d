"""Any failure as the one sentence a user reads: the same words in the GUI and on the CLI's stderr.

Typed failures (the shop's errors, the domain's refusals, an unreadable metafield, the journal)
already carry their sentence; a file that cannot be read or written says so; anything else is a
bug, said as such without a traceback (the log and `--debug` have it). Secrets never appear:
no error of ours puts a token into its message.
"""

from __future__ import annotations

from ..journal.device import DeviceFileError
from ..journal.store import JournalError
from ..sentences import say, sentence_of
from ..shopify.errors import ShopifyError, ShopUnavailable, Throttled
from ..stocktake.codec import CodecError
from ..stocktake.errors import StockTakeError

UNEXPECTED = say("Something unexpected went wrong; your counts are safe in the journal and the details are in the "
                 "log.")


def describe(error: BaseException) -> str:
    """One sentence for `error`."""
    if isinstance(error, (ShopifyError, StockTakeError, CodecError)):
        return sentence_of(error)  # the English sentence, translatable where it was said with `say`
    if isinstance(error, JournalError):
        return f"This device's journal cannot be used: {error}."
    if isinstance(error, DeviceFileError):
        return f"This device's identity file is damaged: {error}."
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return say("A file could not be read or written{where}: {why}.", where=where, why=error.strerror or error)
    return UNEXPECTED


def is_usage(error: BaseException) -> bool:
    """Whether `error` is about what the user typed (the CLI exits 2), not the shop's state."""
    return isinstance(error, StockTakeError) and error.usage


def is_offline(error: BaseException) -> bool:
    """Whether `error` means the shop could not be reached (the GUI shows "offline")."""
    return isinstance(error, (ShopUnavailable, Throttled))

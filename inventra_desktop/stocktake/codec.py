"""The one place that knows the `inventra` metafield keys (DESIGN.md section 3).

Raw metafield values are strings, possibly edited by hand in Shopify admin into nonsense. Decoding
turns them into validated models or raises `CodecError`, whose message is one sentence naming the
key and what is wrong with it, so a screen can show it for that one variant and carry on.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, NoReturn

from pydantic import BaseModel, TypeAdapter, ValidationError

from .models import NAMESPACE as NAMESPACE  # re-exported: callers know only the codec
from .models import AREA_KEY, MAX_QUANTITY, Area, HistoryEntry, Settings, SessionRecord, Status, VariantCounts

MAX_JSON_BYTES = 128 * 1024  # Shopify's limit for a json metafield value


class Keys:
    CURRENT_QTY = "current_qty"
    STATUS = "status"
    COUNTS = "counts"
    LAST_DONE = "last_done"
    OMIT = "omit"
    HISTORY = "history"
    AREAS = "areas"
    SESSIONS = "sessions"
    SETTINGS = "settings"


TYPES: dict[str, str] = {
    Keys.CURRENT_QTY: "number_integer",
    Keys.STATUS: "single_line_text_field",
    Keys.COUNTS: "json",
    Keys.LAST_DONE: "date_time",
    Keys.OMIT: "boolean",
    Keys.HISTORY: "json",
    Keys.AREAS: "json",
    Keys.SESSIONS: "json",
    Keys.SETTINGS: "json",
}

VARIANT_KEYS = (Keys.CURRENT_QTY, Keys.STATUS, Keys.COUNTS, Keys.LAST_DONE, Keys.OMIT, Keys.HISTORY)
SHOP_KEYS = (Keys.AREAS, Keys.SESSIONS, Keys.SETTINGS)
_STATUS_CHOICES = [s.value for s in Status]

_ABOUT: dict[str, tuple[str, str]] = {
    Keys.CURRENT_QTY: ("Inventra baseline quantity", "On hand at the snapshot, summed over the counted locations."),
    Keys.STATUS: ("Inventra count status", "pending, in_progress or done in the current stock-take."),
    Keys.COUNTS: ("Inventra counts", "The variant's working state in the current stock-take (per-area counts)."),
    Keys.LAST_DONE: ("Inventra last counted", "When the variant was last marked done in a stock-take."),
    Keys.OMIT: ("Inventra never count", "Leave this variant out of every stock-take."),
    Keys.HISTORY: ("Inventra count history", "The last finalized counts of this variant (cycle counting)."),
    Keys.AREAS: ("Inventra areas", "The storage areas counted and the locations they belong to."),
    Keys.SESSIONS: ("Inventra stock-takes", "One record per stock-take session."),
    Keys.SETTINGS: ("Inventra settings", "Shop-wide stock-take options."),
}


def _definition(key: str, owner: str) -> dict[str, Any]:
    name, description = _ABOUT[key]
    choices = json.dumps(_STATUS_CHOICES, separators=(",", ":"))  # Shopify wants the list as JSON text
    validations = [{"name": "choices", "value": choices}] if key == Keys.STATUS else []
    return {"name": name, "namespace": NAMESPACE, "key": key, "type": TYPES[key], "ownerType": owner,
            "description": description, "validations": validations}


DEFINITIONS: list[dict[str, Any]] = ([_definition(k, "PRODUCTVARIANT") for k in VARIANT_KEYS]
                                     + [_definition(k, "SHOP") for k in SHOP_KEYS])


class CodecError(ValueError):
    """A metafield value that does not decode; `str(err)` is one sentence naming the key."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


OMIT_DIGEST: Any = object()  # "send no compareDigest"; None is a real value meaning "create only"


# --- helpers -------------------------------------------------------------------------------------

def _fail(key: str, reason: str) -> NoReturn:
    raise CodecError(key, reason)


def _show(value: Any) -> str:
    """A value as a clerk would recognise it in the admin's JSON editor."""
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return str(value)
    return {dict: "an object", list: "a list"}.get(type(value), type(value).__name__)


def _path(key: str, *parts: object) -> str:
    out = key
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _is_iso(value: object) -> bool:
    if not isinstance(value, str) or not value:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_iso(key: str, path: str, value: object, nullable: bool = True) -> None:
    if (value is None and nullable) or _is_iso(value):
        return
    _fail(key, f"{path} is {_show(value)}: expected a date and time like 2026-11-23T10:00:00Z")


def _check_size(key: str, text: str) -> None:
    size = len(text.encode("utf-8", "surrogatepass"))  # lone surrogates: still count, never crash
    if size > MAX_JSON_BYTES:
        _fail(key, f"{key} is too large ({size // 1024} KB): Shopify keeps at most 128 KB in a metafield")


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(name)  # NaN and Infinity are not JSON, whatever Python's json module thinks


def _load(raw: str, key: str) -> Any:
    if not isinstance(raw, str):
        _fail(key, f"{key} is {_show(raw)}: expected text")
    _check_size(key, raw)
    try:
        return json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        _fail(key, f"{key} is not valid JSON")


_EXPECTED = {  # pydantic error type -> what the value should have been
    "int_type": "a whole number", "int_from_float": "a whole number", "int_parsing": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "bool_type": "true or false",
    "bool_parsing": "true or false", "string_type": "text", "list_type": "a list",
    "dict_type": "an object", "model_type": "an object", "model_attributes_type": "an object",
}


def _reason(key: str, exc: ValidationError) -> str:
    """The first pydantic error as one sentence."""
    err = exc.errors()[0]
    path, kind, value = _path(key, *err["loc"]), err["type"], err.get("input")
    if kind == "missing":
        return f"{path} is missing"
    if kind == "json_invalid":
        return f"{key} is not valid JSON"
    if kind == "value_error":
        return f"{path} is {_show(value)}: {err['ctx']['error']}"
    if kind in ("enum", "literal_error"):
        return f"{path} is {_show(value)}: expected {err['ctx']['expected']}"
    if kind in _EXPECTED:
        if not err["loc"] and kind in ("model_type", "list_type"):
            return f"{path} is {_show(value)}: expected a JSON {'list' if kind == 'list_type' else 'object'}"
        return f"{path} is {_show(value)}: expected {_EXPECTED[kind]}"
    msg = err["msg"]
    return f"{path} is {_show(value)}: {msg[:1].lower()}{msg[1:]}"


# built once: an adapter costs milliseconds and a session decodes thousands of variants
_COUNTS: TypeAdapter[VariantCounts] = TypeAdapter(VariantCounts)
_AREAS: TypeAdapter[list[Area]] = TypeAdapter(list[Area])
_SETTINGS: TypeAdapter[Settings] = TypeAdapter(Settings)
_SESSIONS: TypeAdapter[list[SessionRecord]] = TypeAdapter(list[SessionRecord])
_HISTORY: TypeAdapter[list[HistoryEntry]] = TypeAdapter(list[HistoryEntry])
HISTORY_KEPT = 12  # counts of one variant kept in its history


def _validate(raw: str, key: str, shape: TypeAdapter[Any]) -> Any:
    if isinstance(raw, str) and not _ODD.search(raw):
        # The common case, parsed once (it was parsed twice: a third of decoding 10,000 variants).
        # What pydantic's parser accepts, json.loads accepts too, but for what _ODD finds, which
        # goes the careful way below; so does anything pydantic refuses, to word the error.
        _check_size(key, raw)
        try:
            return shape.validate_json(raw, strict=True)
        except ValidationError:
            pass
    _load(raw, key)  # size and JSON syntax first, with our own wording
    try:
        # strict: JSON true is not a number and "3" is not 3; from JSON text so enums take strings
        return shape.validate_json(raw, strict=True)
    except ValidationError as exc:
        _fail(key, _reason(key, exc))


_ODD = re.compile("NaN|Infinity|\ufeff")  # json.loads refuses these (as we ask it to); pydantic takes them


def _dump(key: str, value: Any) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    _check_size(key, text)
    return text


def _dump_model(key: str, value: BaseModel | list[Any]) -> str:
    data = ([v.model_dump(mode="json") for v in value] if isinstance(value, list)
            else value.model_dump(mode="json"))
    return _dump(key, data)


# --- variant metafields --------------------------------------------------------------------------

def _check_counts(c: VariantCounts) -> VariantCounts:
    """The rules the model does not enforce itself."""
    k = Keys.COUNTS
    _check_iso(k, "counts.snapshot_at", c.snapshot_at)
    # baseline is Shopify's on_hand, which goes negative when more was fulfilled than stocked
    for location, qty in c.baseline.items():
        if abs(qty) > MAX_QUANTITY:
            _fail(k, f"counts.baseline.{location} is {qty}: more than Shopify keeps in one place "
                  f"(at most {MAX_QUANTITY:,})")
    for name, area in c.areas.items():
        if not AREA_KEY.match(name):  # a report column and an apply line are named by it
            _fail(k, f"counts.areas has the key {_show(name)}: an area key is lowercase letters, digits, '-' or "
                  "'_' (at most 40)")
        if area.qty < 0:
            _fail(k, f"counts.areas.{name}.qty is {area.qty}: a count cannot be negative")
        if area.qty > MAX_QUANTITY:
            _fail(k, f"counts.areas.{name}.qty is {area.qty}: more than Shopify keeps in one place "
                  f"(at most {MAX_QUANTITY:,})")
        _check_iso(k, f"counts.areas.{name}.at", area.at)
    for device, seq in c.ops.items():
        if seq < 0:
            _fail(k, f"counts.ops.{device} is {seq}: a sequence number cannot be negative")
    return c


def decode_counts(raw: str | None) -> VariantCounts | None:
    if raw is None:
        return None
    counts: VariantCounts = _validate(raw, Keys.COUNTS, _COUNTS)
    return _check_counts(counts)


def encode_counts(c: VariantCounts) -> str:
    return _dump(Keys.COUNTS, _check_counts(c).model_dump(mode="json"))


def decode_history(raw: str | None) -> list[HistoryEntry]:
    """A variant's count history, oldest first (an absent metafield: no history)."""
    if raw is None:
        return []
    entries: list[HistoryEntry] = _validate(raw, Keys.HISTORY, _HISTORY)
    for i, e in enumerate(entries):
        _check_iso(Keys.HISTORY, _path(Keys.HISTORY, i, "at"), e.at, nullable=False)
    return entries


def encode_history(entries: list[HistoryEntry]) -> str:
    return _dump_model(Keys.HISTORY, entries[-HISTORY_KEPT:])


def decode_status(raw: str | None) -> Status | None:
    if raw is None:
        return None
    if raw not in _STATUS_CHOICES:  # exact: Shopify's choices validation is case-sensitive
        _fail(Keys.STATUS, f"status is {_show(raw)}: expected pending, in_progress or done")
    return Status(raw)


_INT = re.compile(r"-?[0-9]+")


def decode_int(raw: str | None, key: str) -> int | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not _INT.fullmatch(raw):  # int() would take " 3" and "1_000"
        _fail(key, f"{key} is {_show(raw)}: expected a whole number")
    return int(raw)


def decode_bool(raw: str | None, key: str) -> bool:
    if raw is None:
        return False  # no omit metafield: the variant is counted
    if raw not in ("true", "false"):
        _fail(key, f"{key} is {_show(raw)}: expected true or false")
    return raw == "true"


def decode_datetime(raw: str | None, key: str) -> str | None:
    if raw is None:
        return None
    _check_iso(key, key, raw, nullable=False)
    return raw


def variant_problems(values: dict[str, str | None]) -> list[tuple[str, str]]:
    """Every (key, reason) among one variant's raw values that does not decode."""
    decoders = {
        Keys.CURRENT_QTY: lambda v: decode_int(v, Keys.CURRENT_QTY),
        Keys.STATUS: decode_status,
        Keys.COUNTS: decode_counts,
        Keys.LAST_DONE: lambda v: decode_datetime(v, Keys.LAST_DONE),
        Keys.OMIT: lambda v: decode_bool(v, Keys.OMIT),
    }
    problems: list[tuple[str, str]] = []
    for key, decode in decoders.items():
        try:
            decode(values.get(key))
        except CodecError as exc:
            problems.append((key, exc.reason))
    return problems


# --- shop metafields -----------------------------------------------------------------------------

def decode_areas(raw: str | None) -> list[Area] | None:
    if raw is None:
        return None
    areas: list[Area] = _validate(raw, Keys.AREAS, _AREAS)
    if not areas:
        _fail(Keys.AREAS, "areas is an empty list: a shop counts at least one storage area")
    seen: set[str] = set()
    for area in areas:
        if area.key in seen:  # counts are keyed by area: two areas with one key would share them
            _fail(Keys.AREAS, f"areas has the key {_show(area.key)} twice: each area needs its own key")
        seen.add(area.key)
    return areas


def encode_areas(areas: list[Area]) -> str:
    return _dump_model(Keys.AREAS, areas)


def decode_settings(raw: str | None) -> Settings | None:
    if raw is None:
        return None
    settings: Settings = _validate(raw, Keys.SETTINGS, _SETTINGS)
    return settings


def encode_settings(s: Settings) -> str:
    return _dump_model(Keys.SETTINGS, s)


def decode_sessions(raw: str | None) -> list[SessionRecord]:
    if raw is None:
        return []
    records: list[SessionRecord] = _validate(raw, Keys.SESSIONS, _SESSIONS)
    for i, r in enumerate(records):  # shown to people: a time, even if pruning does not order by it
        _check_iso(Keys.SESSIONS, _path(Keys.SESSIONS, i, "created_at"), r.created_at, nullable=False)
        _check_iso(Keys.SESSIONS, _path(Keys.SESSIONS, i, "snapshot_at"), r.snapshot_at)
        for j, e in enumerate(r.events):
            _check_iso(Keys.SESSIONS, _path(Keys.SESSIONS, i, "events", j, "at"), e.at, nullable=False)
    return records


def encode_sessions(records: list[SessionRecord]) -> str:
    return _dump_model(Keys.SESSIONS, records)


def prune_sessions(records: list[SessionRecord], keep_closed: int = 50) -> list[SessionRecord]:
    """Every open session and the `keep_closed` most recently released ones, in their order.

    "Most recent" is the order of the record's own writes, not a time: a session moves to the end
    of the list when it is released (gateway/records.set_state), and those writes are serialised by
    the record's compare digest. A time written by a PC whose clock is years off cannot make a
    session that was just released the first to go (issue 14 item 10)."""
    closed = [i for i, r in enumerate(records) if not r.is_open]
    keep = set(closed[len(closed) - max(keep_closed, 0):]) if keep_closed > 0 else set()
    return [r for i, r in enumerate(records) if r.is_open or i in keep]


# --- writing -------------------------------------------------------------------------------------

def metafield_input(owner_id: str, key: str, value: str,
                    compare_digest: str | None | object = OMIT_DIGEST) -> dict[str, Any]:
    """A MetafieldsSetInput; compareDigest only when given (None: create only, never overwrite)."""
    if key not in TYPES:
        raise KeyError(f"{key!r} is not an Inventra metafield key")
    out: dict[str, Any] = {"ownerId": owner_id, "namespace": NAMESPACE, "key": key, "type": TYPES[key],
                           "value": value}
    if compare_digest is not OMIT_DIGEST:
        out["compareDigest"] = compare_digest
    return out

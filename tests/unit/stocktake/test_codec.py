"""The codec: round-trips, hand-edited nonsense as one clear sentence, pruning, metafield inputs."""

from __future__ import annotations

import json

import pytest

from inventra_desktop.stocktake import codec
from inventra_desktop.stocktake.codec import CodecError, Keys
from inventra_desktop.stocktake.models import (
    Area, AreaCount, SessionEvent, SessionRecord, SessionState, Settings, Status, VariantCounts,
)

LOC = "gid://shopify/Location/1"


def counts(**over: object) -> VariantCounts:
    data: dict = {"session": "S1", "snapshot_at": "2026-11-23T10:00:00Z", "baseline": {LOC: 12},
                  "areas": {"showroom": AreaCount(qty=3, counted=True, by="kiosk-2", at="2026-11-23T10:05:00Z"),
                            "garage": AreaCount()},
                  "omitted": False, "ops": {"dev-a": 7}}
    data.update(over)
    return VariantCounts(**data)


def raw_counts(**over: object) -> str:
    """A valid counts value as JSON text, with some fields replaced by hand."""
    data = json.loads(codec.encode_counts(counts()))
    data.update(over)
    return json.dumps(data)


def session(name: str, state: SessionState, created: str, last_event: str | None = None) -> SessionRecord:
    events = [SessionEvent(what="created", at=created, by="pc")]
    if last_event:
        events.append(SessionEvent(what="released", at=last_event, by="pc"))
    return SessionRecord(name=name, state=state, created_at=created, created_by="pc", events=events)


def reason(fn, *args: object) -> CodecError:  # type: ignore[no-untyped-def]
    with pytest.raises(CodecError) as info:
        fn(*args)
    err = info.value
    assert str(err) == err.reason and err.reason.startswith(err.key)  # one sentence naming the key
    assert "\n" not in err.reason
    return err


# --- round-trips ----------------------------------------------------------------------------------

def test_counts_round_trip_and_stable_encoding() -> None:
    c = counts()
    text = codec.encode_counts(c)
    assert codec.decode_counts(text) == c
    assert text == codec.encode_counts(codec.decode_counts(text))  # type: ignore[arg-type]
    assert " " not in text and text.index('"areas"') < text.index('"baseline"')  # compact, sorted keys
    assert json.loads(text)["areas"]["showroom"] == {"qty": 3, "counted": True, "by": "kiosk-2",
                                                     "at": "2026-11-23T10:05:00Z"}


def test_counts_with_nulls_and_defaults() -> None:
    c = VariantCounts(session=None, snapshot_at=None)
    assert codec.decode_counts(codec.encode_counts(c)) == c
    minimal = codec.decode_counts('{"session": "S1", "snapshot_at": null, "areas": {"garage": {}}}')
    assert minimal is not None and minimal.areas["garage"] == AreaCount() and minimal.baseline == {}


def test_counts_ignore_unknown_keys() -> None:
    decoded = codec.decode_counts(raw_counts(future_field={"x": 1}))
    assert decoded == counts()


def test_counts_accept_negative_baseline() -> None:
    # baseline is Shopify's on_hand, negative after overselling; our own snapshot must read back
    c = counts(baseline={LOC: -4})
    assert codec.decode_counts(codec.encode_counts(c)) == c


def test_absent_values() -> None:
    assert codec.decode_counts(None) is None
    assert codec.decode_status(None) is None
    assert codec.decode_int(None, Keys.CURRENT_QTY) is None
    assert codec.decode_bool(None, Keys.OMIT) is False
    assert codec.decode_datetime(None, Keys.LAST_DONE) is None
    assert codec.decode_areas(None) is None
    assert codec.decode_settings(None) is None
    assert codec.decode_sessions(None) == []


def test_areas_settings_sessions_round_trip() -> None:
    areas = [Area(key="showroom", label="Showroom", location_id=LOC),
             Area(key="garage", label="Garage", standard=False)]
    assert codec.decode_areas(codec.encode_areas(areas)) == areas
    settings = Settings(review_threshold_units=3, review_threshold_percent=12.5, blind_count_default=True)
    assert codec.decode_settings(codec.encode_settings(settings)) == settings
    assert codec.decode_settings("{}") == Settings()
    assert codec.decode_settings('{"review_threshold_percent": 5}') == Settings(review_threshold_percent=5.0)
    rec = SessionRecord(name="S1", state=SessionState.FINALIZED, product_ids=["gid://shopify/Product/1"],
                        query="tag:x", areas=["garage"], blind=True, created_at="2026-11-23T09:00:00Z",
                        created_by="pc", snapshot_at="2026-11-23T10:00:00Z", uncounted_choice="zero",
                        events=[SessionEvent(what="review", at="2026-11-23T11:00:00+01:00", by="pc", note="ok")])
    records = [rec, session("S2", SessionState.RELEASED, "2026-11-01T00:00:00Z")]
    decoded = codec.decode_sessions(codec.encode_sessions(records))
    assert decoded == records and decoded[0].state is SessionState.FINALIZED
    assert codec.decode_sessions("[]") == []


def test_scalar_values() -> None:
    assert codec.decode_status("in_progress") is Status.IN_PROGRESS
    assert codec.decode_int("12", Keys.CURRENT_QTY) == 12
    assert codec.decode_int("-3", Keys.CURRENT_QTY) == -3
    assert codec.decode_bool("true", Keys.OMIT) is True
    assert codec.decode_bool("false", Keys.OMIT) is False
    for stamp in ("2026-11-23T10:00:00Z", "2026-11-23T10:00:00+01:00", "2026-11-23T10:00:00.123Z"):
        assert codec.decode_datetime(stamp, Keys.LAST_DONE) == stamp  # returned as given


# --- hand-edited nonsense -------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("{}", "counts.session is missing"),
    ("[]", "counts is a list: expected a JSON object"),
    ("null", "counts is null: expected a JSON object"),
    ("", "counts is not valid JSON"),
    ("{'session': 'S1'}", "counts is not valid JSON"),
    ('{"session": "S1",', "counts is not valid JSON"),
    ('{"session": NaN, "snapshot_at": null}', "counts is not valid JSON"),
    ('{"session": null, "snapshot_at": null, "areas": {"garage": {"qty": "three"}}}',
     "counts.areas.garage.qty is 'three': expected a whole number"),
])
def test_counts_hand_edits(raw: str, expected: str) -> None:
    assert reason(codec.decode_counts, raw).reason == expected


@pytest.mark.parametrize(("over", "expected"), [
    ({"session": 5}, "counts.session is 5: expected text"),
    ({"snapshot_at": "yesterday"}, "counts.snapshot_at is 'yesterday': expected a date and time"),
    ({"snapshot_at": ""}, "counts.snapshot_at is '': expected a date and time"),
    ({"baseline": [1]}, "counts.baseline is a list: expected an object"),
    ({"baseline": {LOC: "12"}}, f"counts.baseline.{LOC} is '12': expected a whole number"),
    ({"baseline": {LOC: True}}, f"counts.baseline.{LOC} is true: expected a whole number"),
    ({"baseline": {LOC: 1.5}}, f"counts.baseline.{LOC} is 1.5: expected a whole number"),
    ({"areas": []}, "counts.areas is a list: expected an object"),
    ({"areas": {"garage": 5}}, "counts.areas.garage is 5: expected an object"),
    ({"areas": {"garage": {"qty": -3}}}, "counts.areas.garage.qty is -3: a count cannot be negative"),
    ({"areas": {"garage": {"qty": True}}}, "counts.areas.garage.qty is true: expected a whole number"),
    ({"areas": {"garage": {"qty": 2.0}}}, "counts.areas.garage.qty is 2.0: expected a whole number"),
    ({"areas": {"garage": {"counted": "yes"}}}, "counts.areas.garage.counted is 'yes': expected true or false"),
    ({"areas": {"garage": {"counted": 1}}}, "counts.areas.garage.counted is 1: expected true or false"),
    ({"areas": {"garage": {"by": 7}}}, "counts.areas.garage.by is 7: expected text"),
    ({"areas": {"garage": {"at": "noon"}}}, "counts.areas.garage.at is 'noon': expected a date and time"),
    ({"omitted": "false"}, "counts.omitted is 'false': expected true or false"),
    ({"omitted": None}, "counts.omitted is null: expected true or false"),
    ({"ops": {"dev-a": -1}}, "counts.ops.dev-a is -1: a sequence number cannot be negative"),
    ({"ops": {"dev-a": False}}, "counts.ops.dev-a is false: expected a whole number"),
    ({"ops": ["dev-a"]}, "counts.ops is a list: expected an object"),
])
def test_counts_malformed_fields(over: dict, expected: str) -> None:
    err = reason(codec.decode_counts, raw_counts(**over))
    assert err.key == Keys.COUNTS and err.reason.startswith(expected)


def test_counts_too_large() -> None:
    big = raw_counts(ops={f"device-{i:06d}": i for i in range(8000)})
    assert len(big.encode()) > 128 * 1024
    err = reason(codec.decode_counts, big)
    assert "too large" in err.reason and "128 KB" in err.reason
    with pytest.raises(CodecError, match="too large"):
        codec.encode_counts(counts(ops={f"device-{i:06d}": i for i in range(8000)}))


def test_encode_refuses_what_decode_would_refuse() -> None:
    with pytest.raises(CodecError, match="cannot be negative"):
        codec.encode_counts(counts(areas={"garage": AreaCount(qty=-1)}))


def test_status_is_exact() -> None:
    assert reason(codec.decode_status, "Done").reason == "status is 'Done': expected pending, in_progress or done"
    assert reason(codec.decode_status, "finished").reason == \
        "status is 'finished': expected pending, in_progress or done"
    reason(codec.decode_status, " done")
    reason(codec.decode_status, "")


@pytest.mark.parametrize("raw", ["yes", "True", "1", "", "TRUE"])
def test_omit_true_or_false_only(raw: str) -> None:
    err = reason(codec.decode_bool, raw, Keys.OMIT)
    assert err.reason == f"omit is {raw!r}: expected true or false"


@pytest.mark.parametrize("raw", ["three", "3.0", "", " 3", "1_000", "true", "+-1"])
def test_int_whole_numbers_only(raw: str) -> None:
    err = reason(codec.decode_int, raw, Keys.CURRENT_QTY)
    assert err.key == "current_qty" and err.reason.endswith("expected a whole number")


@pytest.mark.parametrize("raw", ["yesterday", "", "23/11/2026", "2026-13-01T00:00:00Z"])
def test_datetime_iso_only(raw: str) -> None:
    err = reason(codec.decode_datetime, raw, Keys.LAST_DONE)
    assert err.reason.startswith(f"last_done is {raw!r}: expected a date and time")


@pytest.mark.parametrize(("raw", "expected"), [
    ("{}", "areas is an object: expected a JSON list"),
    ("nope", "areas is not valid JSON"),
    ('[{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]',
     "areas has the key 'a' twice: each area needs its own key"),
    ('[{"key": "Garage", "label": "G"}]', "areas[0].key is 'Garage': an area key is lowercase"),
    ('[{"key": "garage"}]', "areas[0].label is missing"),
    ('[{"key": "garage", "label": "G", "standard": "no"}]', "areas[0].standard is 'no': expected true or false"),
    ('[5]', "areas[0] is 5: expected an object"),
])
def test_areas_malformed(raw: str, expected: str) -> None:
    assert reason(codec.decode_areas, raw).reason.startswith(expected)


@pytest.mark.parametrize(("raw", "expected"), [
    ("[]", "settings is a list: expected a JSON object"),
    ('{"review_threshold_units": "5"}', "settings.review_threshold_units is '5': expected a whole number"),
    ('{"review_threshold_percent": true}', "settings.review_threshold_percent is true: expected a number"),
    ('{"blind_count_default": 0}', "settings.blind_count_default is 0: expected true or false"),
])
def test_settings_malformed(raw: str, expected: str) -> None:
    assert reason(codec.decode_settings, raw).reason == expected


@pytest.mark.parametrize(("record", "expected"), [
    ({"state": "closed"}, "sessions[0].state is 'closed': expected 'open', 'snapshotted'"),
    ({"created_at": "soon"}, "sessions[0].created_at is 'soon': expected a date and time"),
    ({"uncounted_choice": "keep"}, "sessions[0].uncounted_choice is 'keep': expected 'zero' or 'omit'"),
    ({"product_ids": "gid://shopify/Product/1"},
     "sessions[0].product_ids is 'gid://shopify/Product/1': expected a list"),
    ({"events": [{"what": "x", "at": "later", "by": "pc"}]}, "sessions[0].events[0].at is 'later'"),
    ({"events": [{"what": "x", "by": "pc"}]}, "sessions[0].events[0].at is missing"),
])
def test_sessions_malformed(record: dict, expected: str) -> None:
    base = {"name": "S1", "created_at": "2026-11-23T09:00:00Z", "created_by": "pc"}
    assert reason(codec.decode_sessions, json.dumps([base | record])).reason.startswith(expected)
    assert reason(codec.decode_sessions, "{}").reason == "sessions is an object: expected a JSON list"


def test_variant_problems() -> None:
    fine = {"counts": codec.encode_counts(counts()), "status": "done", "current_qty": "12",
            "last_done": "2026-11-23T10:00:00Z", "omit": "false"}
    assert codec.variant_problems(fine) == []
    assert codec.variant_problems({}) == []  # no metafields at all: a fresh variant
    bad = fine | {"counts": "[]", "status": "Done", "omit": "yes"}
    problems = codec.variant_problems(bad)
    assert [k for k, _ in problems] == ["status", "counts", "omit"]
    assert dict(problems)["omit"] == "omit is 'yes': expected true or false"


# --- pruning --------------------------------------------------------------------------------------

def test_prune_keeps_open_and_newest_closed() -> None:
    open_ones = [session(f"O{i}", state, "2020-01-01T00:00:00Z")
                 for i, state in enumerate([SessionState.OPEN, SessionState.SNAPSHOTTED, SessionState.APPLIED])]
    closed = [session(f"C{i:02d}", SessionState.RELEASED, "2026-01-01T00:00:00Z",
                      f"2026-02-01T00:{i:02d}:00Z") for i in range(60)]
    no_events = SessionRecord(name="N", state=SessionState.RELEASED, created_at="2026-03-01T00:00:00Z",
                              created_by="pc")
    records = closed[:30] + open_ones + [no_events] + closed[30:]
    kept = codec.prune_sessions(records)
    names = [r.name for r in kept]
    assert {"O0", "O1", "O2", "N"} <= set(names)
    assert sum(1 for r in kept if not r.is_open) == 50
    assert set(names) - {"O0", "O1", "O2", "N"} == {f"C{i:02d}" for i in range(11, 60)}  # C00..C10 released first
    assert names == [r.name for r in records if r.name in set(names)]  # original order kept
    assert codec.prune_sessions(records, keep_closed=0) == open_ones
    assert codec.prune_sessions(open_ones) == open_ones


def test_prune_keeps_the_order_of_release_whatever_a_clock_wrote() -> None:
    """Issue 14 item 10: a PC two years behind released B last; its time must not make B go first."""
    a = session("A", SessionState.RELEASED, "2026-01-01T00:00:00Z", "2026-06-01T10:00:00Z")
    b = session("B", SessionState.RELEASED, "2024-01-01T00:00:00Z", "2024-06-01T10:00:00Z")  # released after A
    assert [r.name for r in codec.prune_sessions([a, b], keep_closed=1)] == ["B"]


# --- writing --------------------------------------------------------------------------------------

def test_metafield_input_digest() -> None:
    plain = codec.metafield_input("gid://shopify/ProductVariant/1", Keys.COUNTS, "{}")
    assert plain == {"ownerId": "gid://shopify/ProductVariant/1", "namespace": "inventra", "key": "counts",
                     "type": "json", "value": "{}"}
    create_only = codec.metafield_input("gid://shopify/Shop/1", Keys.AREAS, "[]", None)
    assert "compareDigest" in create_only and create_only["compareDigest"] is None
    guarded = codec.metafield_input("gid://shopify/Shop/1", Keys.SESSIONS, "[]", "abc123")
    assert guarded["compareDigest"] == "abc123" and guarded["type"] == "json"
    assert codec.metafield_input("v", Keys.OMIT, "true")["type"] == "boolean"
    assert codec.metafield_input("v", Keys.CURRENT_QTY, "3")["type"] == "number_integer"
    with pytest.raises(KeyError):
        codec.metafield_input("v", "nonsense", "x")


def test_definitions() -> None:
    assert codec.NAMESPACE == "inventra"
    by_owner: dict[str, set[str]] = {}
    for d in codec.DEFINITIONS:
        assert d["namespace"] == "inventra" and d["type"] == codec.TYPES[d["key"]]
        assert d["name"] and d["description"]
        by_owner.setdefault(d["ownerType"], set()).add(d["key"])
    assert by_owner == {"PRODUCTVARIANT": {"current_qty", "status", "counts", "last_done", "omit", "history"},
                        "SHOP": {"areas", "sessions", "settings"}}
    assert len(codec.DEFINITIONS) == 9
    assert codec.TYPES == {"current_qty": "number_integer", "status": "single_line_text_field", "counts": "json",
                           "last_done": "date_time", "omit": "boolean", "history": "json", "areas": "json",
                           "sessions": "json", "settings": "json"}
    status = next(d for d in codec.DEFINITIONS if d["key"] == "status")
    assert status["validations"] == [{"name": "choices", "value": '["pending","in_progress","done"]'}]
    assert json.loads(status["validations"][0]["value"]) == ["pending", "in_progress", "done"]
    assert all(d["validations"] == [] for d in codec.DEFINITIONS if d["key"] != "status")


def test_history_keeps_the_last_twelve_counts_and_names_what_is_wrong() -> None:
    from inventra_desktop.stocktake.models import HistoryEntry

    entries = [HistoryEntry(session=f"S{i}", snapshot_at=f"2026-01-{i:02d}T10:00:00Z", at=f"2026-01-{i:02d}T12:00:00Z",
                            baseline=5, counted=5 + i % 3, by=["kiosk-1"]) for i in range(1, 16)]
    decoded = codec.decode_history(codec.encode_history(entries))
    assert [e.session for e in decoded] == [f"S{i}" for i in range(4, 16)]
    assert decoded[-1].variance == 0 and codec.decode_history(None) == []
    with pytest.raises(codec.CodecError, match=r"history\[0\]\.counted"):
        codec.decode_history('[{"session": "S", "snapshot_at": "x", "at": "2026-01-01T00:00:00Z", "baseline": 1, '
                             '"counted": "lots"}]')
    with pytest.raises(codec.CodecError, match=r"history\[0\]\.at"):
        codec.decode_history('[{"session": "S", "snapshot_at": "x", "at": "yesterday", "baseline": 1, "counted": 1}]')

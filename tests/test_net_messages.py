"""The wire format: every message type round-trips; anything else is one ProtocolError."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.net.messages import (
    MAX_MESSAGE_BYTES,
    SCHEMA,
    ProtocolError,
    decode_message,
    encode_message,
)

HASH = "ab" * 32
GOOD: dict[str, dict] = {
    "hello": {
        "role": "join",
        "name": "Ann",
        "device": "keyboard",
        "offset_ms": -12.5,
        "session": "",
    },
    "ping": {"id": 7, "t0": 1234.5},
    "pong": {"id": 7, "t0": 1234.5, "t1": 99.25, "t2": 99.5},
    "chart": {
        "kind": "generated",
        "hash": HASH,
        "title": "Candy Party",
        "args": {
            "seed": 1,
            "style": "rock",
            "bpm": 120.0,
            "difficulty": 3,
            "bars": 4,
            "parts": "unison",
        },
        "windows": "standard",
    },
    "chart_ok": {"hash": HASH},
    "chart_refused": {"hash": HASH, "reason": "you do not have the host's chart"},
    "ready": {"rtt_ms": 161.0},
    "start": {"at": 5000.25, "song_s": -2.0},
    "hit": {"seq": 1, "time_s": 2.125, "voice": "snare", "velocity": 0.75, "source": "keyboard"},
    "ack": {"seq": 0},
    "paused": {"song_s": 4.5},
    "resume": {"at": 5010.0, "song_s": 2.5},
    "done": {"count": 44},
    "final": {"digest": HASH},
    "error": {"reason": "bad message"},
    "bye": {},
}


def raw(obj) -> bytes:
    return json.dumps(obj).encode() + b"\n"


def test_every_type_has_an_example():
    assert set(GOOD) == set(SCHEMA)


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_round_trip(kind):
    line = encode_message(kind, **GOOD[kind])
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    message = decode_message(line)
    assert message.type == kind
    assert dict(message.fields) == GOOD[kind]


def test_floats_cross_exactly():
    t = 0.1 + 0.2
    assert decode_message(encode_message("ping", id=1, t0=t))["t0"] == t


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (b"not json\n", "not JSON"),
        (b"[1, 2]\n", "JSON object"),
        (raw({"type": "bye"}), "protocol version"),
        (raw({"v": 2, "type": "bye"}), "protocol version"),
        (raw({"v": True, "type": "bye"}), "protocol version"),
        (raw({"v": 1, "type": "shutdown"}), "unknown message type"),
        (raw({"v": 1}), "unknown message type"),
        (raw({"v": 1, "type": "ping", "id": 1}), "missing field"),
        (raw({"v": 1, "type": "bye", "exec": "rm -rf /"}), "unknown field"),
        (raw({"v": 1, "type": "ping", "id": True, "t0": 1.0}), "whole number"),
        (raw({"v": 1, "type": "ping", "id": -1, "t0": 1.0}), "whole number"),
        (raw({"v": 1, "type": "ping", "id": 1, "t0": "1.0"}), "number"),
        (b'{"v": 1, "type": "ping", "id": 1, "t0": NaN}\n', "finite"),
        (b'{"v": 1, "type": "ping", "id": 1, "t0": Infinity}\n', "finite"),
        (b'{"v": 1, "type": "ping", "id": 1, "t0": 1e999}\n', "finite"),
        (b'{"v": 1, "type": "bye", "type": "ping"}\n', "duplicate key"),
        (b'{"v": 1, "type": "bye"\xff}\n', "UTF-8"),
        (b"[" * 100_000, "longer than"),
        (b"[" * 1000 + b"]" * 1000, "JSON"),
        (b'{"v": 1, "type": "ping", "id": ' + b"9" * 1000 + b', "t0": 1}\n', "whole number"),
        (raw({**{"v": 1, "type": "hit"}, **GOOD["hit"], "voice": "tom"}), "voice"),
        (raw({**{"v": 1, "type": "hit"}, **GOOD["hit"], "velocity": 1.5}), "velocity"),
        (raw({**{"v": 1, "type": "hit"}, **GOOD["hit"], "seq": 0}), "seq"),
        (raw({**{"v": 1, "type": "hit"}, **GOOD["hit"], "time_s": 1e12}), "time_s"),
        (raw({**{"v": 1, "type": "hello"}, **GOOD["hello"], "name": ""}), "name"),
        (raw({**{"v": 1, "type": "hello"}, **GOOD["hello"], "name": "x" * 33}), "name"),
        (raw({**{"v": 1, "type": "hello"}, **GOOD["hello"], "name": "a\nb"}), "printable"),
        (raw({**{"v": 1, "type": "hello"}, **GOOD["hello"], "role": "admin"}), "role"),
        (raw({**{"v": 1, "type": "hello"}, **GOOD["hello"], "offset_ms": 900}), "offset_ms"),
        (raw({**{"v": 1, "type": "hello"}, **GOOD["hello"], "session": "../../etc"}), "session"),
        (raw({**{"v": 1, "type": "final"}, "digest": "AB" * 32}), "hex"),
        (raw({**{"v": 1, "type": "chart"}, **GOOD["chart"], "windows": "loose"}), "windows"),
        (raw({**{"v": 1, "type": "chart"}, **GOOD["chart"], "kind": "pickle"}), "kind"),
    ],
)
def test_refused_with_one_line(line, says):
    with pytest.raises(ProtocolError, match=says) as info:
        decode_message(line)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "args",
    [
        {"seed": 1, "style": "rock", "bpm": 120.0, "difficulty": 3, "bars": 0, "parts": "unison"},
        {"seed": 1, "style": "polka", "bpm": 120.0, "difficulty": 3, "bars": 4, "parts": "unison"},
        {"seed": 1, "style": "rock", "bpm": 1e9, "difficulty": 3, "bars": 4, "parts": "unison"},
        {"seed": -1, "style": "rock", "bpm": 120.0, "difficulty": 3, "bars": 4, "parts": "unison"},
        {"seed": 1, "style": "rock", "bpm": 120.0, "difficulty": 3, "bars": 4},
        {
            "seed": 1,
            "style": "rock",
            "bpm": 120.0,
            "difficulty": 3,
            "bars": 4,
            "parts": "unison",
            "path": "/tmp/x",
        },
        [1, 2, 3],
    ],
)
def test_generator_arguments_are_checked_by_the_generator_rules(args):
    message = {"v": 1, "type": "chart", **GOOD["chart"], "args": args}
    with pytest.raises(ProtocolError, match=r"chart\.args"):
        decode_message(raw(message))


def test_encode_refuses_what_the_other_side_would_refuse():
    with pytest.raises(ValueError, match="refusing"):
        encode_message("hit", **{**GOOD["hit"], "velocity": 2.0})
    with pytest.raises(ValueError):
        encode_message("ping", id=1, t0=float("nan"))


def test_size_limit_applies_to_the_whole_line():
    long_reason = {"v": 1, "type": "error", "reason": "x" * 200}
    assert len(raw(long_reason)) < MAX_MESSAGE_BYTES
    with pytest.raises(ProtocolError, match="longer than"):
        decode_message(b" " * MAX_MESSAGE_BYTES + raw(long_reason))


# --- fuzz: nothing but ProtocolError (or a clean message) ever comes out ---------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)


def _decodes_or_refuses(line: bytes) -> None:
    try:
        message = decode_message(line)
    except ProtocolError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert message.type in SCHEMA
        encode_message(message.type, **message.fields)  # what passed is valid to send back


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_bytes(data):
    _decodes_or_refuses(data)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(GOOD)),
    st.dictionaries(
        st.sampled_from(
            sorted({key for fields in GOOD.values() for key in fields} | {"v", "type", "extra"})
        ),
        json_values,
        max_size=4,
    ),
)
def test_fuzz_mutated_messages(kind, changes):
    message = {"v": 1, "type": kind, **GOOD[kind], **changes}
    try:
        line = json.dumps(message, allow_nan=True).encode()
    except (ValueError, TypeError):
        return
    _decodes_or_refuses(line)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_fuzz_any_json(value):
    try:
        line = json.dumps(value).encode()
    except (ValueError, TypeError):
        return
    _decodes_or_refuses(line)

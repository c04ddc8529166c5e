"""Replays: exact round trips, validation with one-line errors, chart identity, fuzzing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drumsync.core import replay as replay_module
from drumsync.core.chart import Chart, ChartMeta, Part
from drumsync.core.chart_identity import chart_hash
from drumsync.core.errors import ReplayError
from drumsync.core.events import InputEvent
from drumsync.core.replay import (
    Replay,
    ReplayHeader,
    dumps_replay,
    load_replay,
    loads_replay,
    replay_for,
    save_replay,
)
from drumsync.core.voices import Player, Voice


def make_chart(seed: int = 7, bpm: float = 120.0) -> Chart:
    beats = np.arange(8, dtype=np.float64)
    part = Part(beat=beats, time_s=beats * 60.0 / bpm, voice=np.array([0, 1] * 4))
    meta = ChartMeta(
        title="hand-made",
        style="rock",
        bpm=bpm,
        beats_per_bar=4,
        bars=2,
        seed=seed,
        difficulty=3,
        rating=2.5,
        parts="unison",
        generator_version=1,
    )
    return Chart(meta=meta, parts=(part, part))


EVENTS = (
    InputEvent(0.1, Player.P2, Voice.KICK, "bot:metal"),
    InputEvent(0.0, Player.P1, Voice.SNARE, "keyboard"),
    InputEvent(0.1, Player.P1, Voice.HIHAT, "keyboard"),
    InputEvent(1.2345678901234567, Player.P1, Voice.CRASH, "keyboard"),
)


def valid_replay() -> Replay:
    return replay_for(make_chart(), EVENTS, windows="strict", offsets_ms=(-12.5, 3.0))


def valid_json() -> dict:
    return json.loads(dumps_replay(valid_replay()))


def test_replay_for_sorts_events_stably_and_names_the_chart():
    chart = make_chart()
    replay = replay_for(chart, EVENTS)
    assert [e.time_s for e in replay.events] == [0.0, 0.1, 0.1, 1.2345678901234567]
    # Ties keep their given order: P2's kick came before P1's hi-hat.
    assert [e.player for e in replay.events[1:3]] == [Player.P2, Player.P1]
    assert replay.header.chart_hash == chart_hash(chart)
    assert replay.header.generator_args == chart.meta.generator_args()
    assert replay.header.players == ("P1", "P2")
    assert replay.header.mode == "duet"
    assert replay.header.format_version == 1


def test_json_layout():
    data = valid_json()
    assert data["format"] == "drumsync-replay"
    assert data["version"] == 1
    assert data["header"]["windows"] == "strict"
    assert data["header"]["offsets_ms"] == [-12.5, 3.0]
    assert data["events"][0] == [0.0, "p1", "snare", "keyboard"]


def test_text_round_trip_is_exact():
    replay = valid_replay()
    text = dumps_replay(replay)
    again = loads_replay(text)
    assert again == replay
    assert dumps_replay(again) == text


def test_file_round_trip_is_exact_and_atomic(tmp_path: Path):
    replay = valid_replay()
    path = tmp_path / "take.json"
    save_replay(replay, path)
    assert load_replay(path) == replay
    assert load_replay(str(path), chart=make_chart()) == replay
    assert sorted(p.name for p in tmp_path.iterdir()) == ["take.json"]  # no temp file left
    save_replay(replay_for(make_chart(), []), path)  # replaces the old file
    assert load_replay(path).events == ()


times = st.floats(min_value=-100.0, max_value=1e6, allow_nan=False, allow_infinity=False)
names = st.text(st.characters(categories=("L", "N", "P", "S")), min_size=1, max_size=32)
event_rows = st.lists(
    st.tuples(times, st.sampled_from(list(Player)), st.sampled_from(list(Voice))), max_size=30
)


@given(
    rows=event_rows,
    offsets=st.tuples(
        st.floats(-500.0, 500.0, allow_nan=False), st.floats(-500.0, 500.0, allow_nan=False)
    ),
    bpm=st.floats(30.0, 300.0, allow_nan=False),
    names=st.tuples(names, names),
)
@settings(max_examples=100, deadline=None)
def test_round_trip_of_arbitrary_values(rows, offsets, bpm, names):
    events = [InputEvent(t, p, v, "bot:x") for t, p, v in rows]
    replay = replay_for(make_chart(bpm=bpm), events, offsets_ms=offsets, players=names)
    again = loads_replay(dumps_replay(replay).encode("utf-8"))
    assert again == replay
    assert [e.time_s for e in again.events] == sorted(t for t, _, _ in rows)


def test_chart_mismatch_names_both_hashes_shortened():
    replay = valid_replay()
    other = make_chart(seed=8)
    with pytest.raises(ReplayError) as caught:
        loads_replay(dumps_replay(replay), chart=other)
    message = str(caught.value)
    assert "another chart" in message
    assert replay.header.chart_hash[:12] in message
    assert chart_hash(other)[:12] in message
    assert chart_hash(other) not in message


def _set(path: list, value):
    def mutate(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: list):
    def mutate(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


BAD_CASES = {
    "wrong format": (_set(["format"], "drumsync-chart"), "not a DrumSync replay"),
    "wrong version": (_set(["version"], 2), "unsupported replay version"),
    "version as bool": (_set(["version"], True), "unsupported replay version"),
    "version as float": (_set(["version"], 1.0), "unsupported replay version"),
    "missing header": (_delete(["header"]), "missing key 'header'"),
    "unknown key": (_set(["extra"], 1), "unknown key 'extra'"),
    "header not object": (_set(["header"], []), "header must be an object"),
    "missing windows": (_delete(["header", "windows"]), "missing key 'windows'"),
    "bad hash": (_set(["header", "chart_hash"], "abc"), "chart_hash"),
    "upper-case hash": (_set(["header", "chart_hash"], "A" * 64), "chart_hash"),
    "hash as number": (_set(["header", "chart_hash"], 5), "chart_hash"),
    "unknown windows": (_set(["header", "windows"], "loose"), "windows preset"),
    "offset too large": (_set(["header", "offsets_ms"], [0, 600]), "offsets_ms[1]"),
    "offset bool": (_set(["header", "offsets_ms"], [True, 0]), "offsets_ms[0]"),
    "offset string": (_set(["header", "offsets_ms"], ["1", 0]), "offsets_ms[0]"),
    "three offsets": (_set(["header", "offsets_ms"], [0, 0, 0]), "two numbers"),
    "empty player name": (_set(["header", "players"], ["", "P2"]), "players[0]"),
    "bad mode": (_set(["header", "mode"], "Duet Mode!"), "header.mode"),
    "generator args list": (_set(["header", "generator_args"], [1]), "generator_args"),
    "generator seed bool": (_set(["header", "generator_args", "seed"], True), "seed"),
    "generator bpm string": (_set(["header", "generator_args", "bpm"], "fast"), "bpm"),
    "generator nested": (_set(["header", "generator_args", "x"], {"a": 1}), "generator_args.x"),
    "events not list": (_set(["events"], {}), "events must be a list"),
    "short event": (_set(["events", 0], [0.0, "p1", "snare"]), "events[0] must be"),
    "time as string": (_set(["events", 1, 0], "0.5"), "events[1] time_s"),
    "time as bool": (_set(["events", 1, 0], False), "events[1] time_s"),
    "time absurd": (_set(["events", 3, 0], 1e12), "events[3] time_s"),
    "unknown player": (_set(["events", 2, 1], "p3"), "unknown player 'p3'"),
    "unknown voice": (_set(["events", 2, 2], "cowbell"), "unknown voice 'cowbell'"),
    "voice as number": (_set(["events", 2, 2], 1), "unknown voice"),
    "empty source": (_set(["events", 2, 3], ""), "events[2] source"),
    "unsorted": (_set(["events", 0, 0], 5.0), "not in time order"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_malformed_replays_give_one_line_errors(case):
    mutate, fragment = BAD_CASES[case]
    data = valid_json()
    mutate(data)
    with pytest.raises(ReplayError) as caught:
        loads_replay(json.dumps(data))
    message = str(caught.value)
    assert fragment in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (b"\xff\xfe{}", "not UTF-8"),
        (b"", "not valid JSON"),
        (b"{", "not valid JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
        (b'{"format": "drumsync-replay", "format": "x"}', "duplicate key"),
        (b'{"format": "drumsync-replay", "version": NaN}', "NaN is not allowed"),
        (b'{"format": "drumsync-replay", "version": 1e999}', "out of range"),
        (b'{"format": "drumsync-replay", "version": ' + b"9" * 5000 + b"}", "not valid JSON"),
    ],
)
def test_unparseable_input(text, fragment):
    with pytest.raises(ReplayError) as caught:
        loads_replay(text)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_nan_time_in_a_file(tmp_path: Path):
    text = dumps_replay(valid_replay()).replace("1.2345678901234567", "NaN")
    path = tmp_path / "nan.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReplayError, match="NaN"):
        load_replay(path)


def test_too_many_events_is_refused(monkeypatch):
    assert replay_module.MAX_EVENTS == 2_000_000
    data = valid_json()  # 4 events
    monkeypatch.setattr(replay_module.fields, "MAX_EVENTS", 3)  # where the checks read it
    three = replay_for(make_chart(), EVENTS[:3])
    assert loads_replay(dumps_replay(three)) == three
    with pytest.raises(ReplayError, match="at most 3"):
        loads_replay(json.dumps(data))


def test_huge_file_is_refused_without_reading(tmp_path: Path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate(64 * 1024 * 1024 + 1)  # sparse: costs no disk
    with pytest.raises(ReplayError, match="larger than 64 MiB"):
        load_replay(path)


def test_file_errors_become_replay_errors(tmp_path: Path):
    with pytest.raises(ReplayError, match="cannot read replay"):
        load_replay(tmp_path / "missing.json")
    with pytest.raises(ReplayError, match="cannot read replay"):
        load_replay(tmp_path)
    with pytest.raises(ReplayError, match="cannot write replay"):
        save_replay(valid_replay(), tmp_path / "no" / "such" / "dir.json")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\x00\x01")
    with pytest.raises(ReplayError, match=f"bad replay {bad}"):
        load_replay(bad)


def test_saved_file_is_readable_by_others(tmp_path: Path):
    path = tmp_path / "take.json"
    save_replay(valid_replay(), path)
    assert os.stat(path).st_mode & 0o644 == 0o644


def test_constructing_invalid_values_raises_replay_error():
    good_hash = "0" * 64
    with pytest.raises(ReplayError, match="offsets_ms"):
        ReplayHeader(chart_hash=good_hash, generator_args=None, offsets_ms=(0.0, float("nan")))
    with pytest.raises(ReplayError, match="windows"):
        ReplayHeader(chart_hash=good_hash, generator_args=None, windows="nope")
    header = ReplayHeader(chart_hash=good_hash, generator_args=None)
    with pytest.raises(ReplayError, match="time order"):
        Replay(header, (EVENTS[2], EVENTS[1]))
    with pytest.raises(ReplayError, match="InputEvent"):
        Replay(header, ("not an event",))
    with pytest.raises(ReplayError, match="windows preset"):
        replay_for(make_chart(), [], windows="nope")


def test_numpy_times_are_stored_as_plain_floats():
    header = ReplayHeader(chart_hash="0" * 64, generator_args=None)
    replay = Replay(header, (InputEvent(np.float32(0.5), Player.P1, Voice.KICK),))
    assert type(replay.events[0].time_s) is float
    assert loads_replay(dumps_replay(replay)) == replay


# --- fuzzing: only ReplayError may escape ----------------------------------------------


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_random_bytes_raise_only_replay_error(data):
    try:
        loads_replay(data)
    except ReplayError as error:
        assert "\n" not in str(error)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(["p1", "p2", "kick", "snare", "standard", "0" * 64]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=8,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


@given(data=st.data())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_valid_json_raises_only_replay_error(data):
    document = valid_json()
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(document) if p]
        path = data.draw(st.sampled_from(paths))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        action = data.draw(st.sampled_from(["replace", "delete"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "delete":
            parent.pop(path[-1])
        else:
            parent[path[-1]] = data.draw(json_values)
    text = json.dumps(document)
    if data.draw(st.booleans()):  # also damage the text itself
        cut = data.draw(st.integers(0, len(text)))
        text = text[:cut] + data.draw(st.text(max_size=3)) + text[cut + 1 :]
    try:
        replay = loads_replay(text)
    except ReplayError as error:
        assert "\n" not in str(error)
    else:
        assert loads_replay(dumps_replay(replay)) == replay


# --- devices and velocity ---------------------------------------------------------------------


def test_velocity_and_device_round_trip_and_old_rows_still_load():
    from drumsync.core.replay import devices_used, dumps_replay, loads_replay, replay_for
    from tests.factories import grid_chart

    chart = grid_chart(4)
    events = [
        InputEvent(1.0, Player.P1, Voice.KICK, "TD-17 MIDI 1", 96),
        InputEvent(1.5, Player.P2, Voice.KICK, "keyboard"),
        InputEvent(2.0, Player.P1, Voice.KICK, "keyboard"),
    ]
    text = dumps_replay(replay_for(chart, events))
    assert '"TD-17 MIDI 1", 96]' in text and '"keyboard"]' in text
    loaded = loads_replay(text, chart=chart)
    assert list(loaded.events) == events
    assert devices_used(loaded) == (("TD-17 MIDI 1", "keyboard"), ("keyboard",))


@pytest.mark.parametrize("velocity", [0, 128, 1.5, "96", True])
def test_bad_velocity_is_one_clear_error(velocity):
    from drumsync.core.replay import dumps_replay, loads_replay, replay_for
    from tests.factories import grid_chart

    text = dumps_replay(replay_for(grid_chart(1), [InputEvent(1.0, Player.P1, Voice.KICK, "k")]))
    bad = text.replace('"k"]', f'"k", {json.dumps(velocity)}]')
    with pytest.raises(ReplayError, match="velocity"):
        loads_replay(bad)

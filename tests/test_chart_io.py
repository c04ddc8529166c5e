"""Chart files: canonical text, exact round trip, strict validation, fuzzing."""

from __future__ import annotations

import contextlib
import copy
import json
import math
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drumsync.core.chart import Chart, ChartMeta, Part
from drumsync.core.chart_io import (
    MAX_FILE_BYTES,
    chart_from_dict,
    chart_to_dict,
    dumps_chart,
    load_chart,
    loads_chart,
    save_chart,
)
from drumsync.core.errors import ChartError
from drumsync.core.generator import generate_chart

SMALL = generate_chart(21, "rock", 120.0, 6, 2, "split")


def small_dict():
    return json.loads(dumps_chart(SMALL))


def expect_error(obj, *fragments):
    text = obj if isinstance(obj, str | bytes) else json.dumps(obj)
    with pytest.raises(ChartError) as info:
        loads_chart(text)
    message = str(info.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, message
    return message


# ----------------------------------------------------------------------------- round trip


@pytest.mark.parametrize(
    ("style", "parts", "bpm"),
    [("rock", "unison", 120.0), ("metal", "split", 173.3), ("euclidean", "split", 61.7)],
)
def test_round_trip_is_exact(style, parts, bpm):
    chart = generate_chart(5, style, bpm, 7, 12, parts)
    text = dumps_chart(chart)
    loaded = loads_chart(text)
    assert loaded == chart
    assert dumps_chart(loaded) == text
    assert chart_from_dict(chart_to_dict(chart)) == chart
    for a, b in zip(chart.parts, loaded.parts, strict=True):
        assert a.time_s.tobytes() == b.time_s.tobytes()
        assert a.velocity.dtype == b.velocity.dtype


def test_text_layout():
    text = dumps_chart(SMALL)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    data = json.loads(text)
    assert list(data) == [
        "format",
        "version",
        "meta",
        "count_in_beats",
        "lead_in_s",
        "sections",
        "parts",
    ]
    assert data["format"] == "drumsync-chart" and data["version"] == 1
    assert list(data["parts"]) == ["p1", "p2"]
    assert list(data["parts"]["p1"][0]) == ["beat", "time_s", "voice", "velocity"]
    assert data["parts"]["p1"][0]["voice"] in ("kick", "snare")
    assert data["meta"]["rating"] == SMALL.meta.rating
    # One note per line, readable.
    lines = text.splitlines()
    assert sum('"voice"' in line for line in lines) == SMALL.note_count
    assert text.isascii()


def test_floats_round_trip_exactly_through_repr():
    beat = np.array([0.1, 1 / 3, 2.0000000000000004, 7.25])
    meta = ChartMeta("Exact", "rock", 97.123456789, 4, 2, 1, 1, 0.0, "unison", 1)
    lead = 1.0 + 4 * 60.0 / meta.bpm
    part = Part(beat=beat, time_s=lead + beat * (60.0 / meta.bpm), voice=[0, 1, 2, 3])
    chart = Chart(meta=meta, parts=(part, part), lead_in_s=lead)
    loaded = loads_chart(dumps_chart(chart))
    assert loaded == chart
    assert loaded.parts[0].beat.tolist() == beat.tolist()
    assert loaded.meta.bpm == 97.123456789


def test_identical_text_in_separate_processes(tmp_path):
    code = (
        "import sys\n"
        "from drumsync.core.generator import generate_chart\n"
        "from drumsync.core.chart_io import dumps_chart\n"
        "sys.stdout.write(dumps_chart(generate_chart(987654321, 'metal', 166.0, 9, 24, 'split')))\n"
    )
    outputs = []
    for hash_seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, env=env, check=True, timeout=120
        )
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    here = dumps_chart(generate_chart(987654321, "metal", 166.0, 9, 24, "split"))
    assert outputs[0].decode("utf-8") == here


def test_save_and_load(tmp_path):
    path = tmp_path / "song.json"
    save_chart(SMALL, path)
    assert load_chart(path) == SMALL
    assert path.read_text(encoding="utf-8") == dumps_chart(SMALL)
    save_chart(generate_chart(1, "euclidean", 100.0, 2, 4), str(path))  # replace in place
    assert load_chart(str(path)).meta.style == "euclidean"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["song.json"]  # no temp files left


def test_save_errors_become_chart_errors(tmp_path):
    with pytest.raises(ChartError, match="cannot write chart"):
        save_chart(SMALL, tmp_path / "missing-folder" / "song.json")
    with pytest.raises(ChartError, match="cannot write chart"):
        save_chart(SMALL, tmp_path)  # a directory
    assert [p.name for p in tmp_path.iterdir()] == []


def test_saving_an_invalid_chart_is_refused(tmp_path):
    bad = Part(beat=[0.0], time_s=[float("nan")], voice=[0])
    chart = Chart(meta=SMALL.meta, parts=(bad, bad), lead_in_s=SMALL.lead_in_s)
    with pytest.raises(ChartError, match="finite"):
        save_chart(chart, tmp_path / "bad.json")
    assert not (tmp_path / "bad.json").exists()


# ----------------------------------------------------------------------------- file errors


def test_file_level_errors(tmp_path):
    with pytest.raises(ChartError, match="cannot read chart") as info:
        load_chart(tmp_path / "nope.json")
    assert "nope.json" in str(info.value)
    with pytest.raises(ChartError, match="directory"):
        load_chart(tmp_path)
    big = tmp_path / "big.json"
    with open(big, "wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 10)
    with pytest.raises(ChartError, match="larger than 64 MiB"):
        load_chart(big)
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"format": "drumsync-chart \xe9"}')
    with pytest.raises(ChartError, match="not UTF-8"):
        load_chart(latin)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied(tmp_path):
    path = tmp_path / "locked.json"
    save_chart(SMALL, path)
    path.chmod(0)
    try:
        with pytest.raises(ChartError, match="cannot read chart"):
            load_chart(path)
    finally:
        path.chmod(0o600)


# ----------------------------------------------------------------------------- validation


def test_not_json_or_not_an_object():
    expect_error("", "not JSON")
    expect_error("{", "not JSON")
    expect_error("[1, 2]", "chart: expected an object, got array")
    expect_error("null", "expected an object")
    expect_error(b"\xff\xfe{}", "not UTF-8")
    expect_error('{"a": 1, "a": 2}', "duplicate key")
    expect_error("[" * 100_000 + "]" * 100_000, "nested too deeply")
    expect_error('{"x": ' + "9" * 5000 + "}", "not JSON")


def test_wrong_format_version_and_keys():
    d = small_dict()
    expect_error(dict(d, format="other"), "format: expected 'drumsync-chart'")
    expect_error(dict(d, version=3), "version: unsupported version 3")
    expect_error(dict(d, version=2), "chart: missing key 'tempo_map'")
    expect_error(dict(d, version="1"), "version: expected a whole number")
    expect_error(dict(d, version=True), "version: expected a whole number")
    missing = dict(d)
    del missing["meta"]
    expect_error(missing, "chart: missing key 'meta'")
    expect_error(dict(d, extra=1), "chart: unknown key 'extra'")


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("bpm", "120", "meta.bpm: expected a number, got string"),
        ("bpm", True, "meta.bpm: expected a number, got boolean"),
        ("bpm", 39.0, "meta.bpm: 39.0 is outside 40..300"),
        ("bpm", "RAW:1e400", "meta.bpm: number must be finite"),
        ("bars", 0, "meta.bars: 0 is outside 1..2000"),
        ("bars", 2001, "meta.bars"),
        ("bars", 16.0, "meta.bars: expected a whole number"),
        ("style", "polka", "meta.style: unknown value 'polka'"),
        ("parts", "trio", "meta.parts: unknown value 'trio'"),
        ("difficulty", 11, "meta.difficulty"),
        ("seed", -1, "meta.seed"),
        ("seed", 2**64, "meta.seed"),
        ("rating", -0.5, "meta.rating"),
        ("title", "", "meta.title"),
        ("title", None, "meta.title: expected a string, got null"),
        ("generator_version", [], "meta.generator_version: expected a whole number, got array"),
    ],
)
def test_bad_meta(key, value, fragment):
    d = small_dict()
    raw = isinstance(value, str) and value.startswith("RAW:")
    d["meta"][key] = "@@RAW@@" if raw else value
    text = json.dumps(d)
    if raw:
        text = text.replace('"@@RAW@@"', value[4:])
    expect_error(text, fragment)


def test_nan_and_infinity_literals_are_rejected():
    text = dumps_chart(SMALL)
    expect_error(text.replace('"lead_in_s": 3.0', '"lead_in_s": NaN'), "not JSON", "NaN")
    expect_error(text.replace('"lead_in_s": 3.0', '"lead_in_s": -Infinity'), "not JSON")


def note_error(mutate, *fragments):
    d = small_dict()
    mutate(d["parts"]["p1"])
    return expect_error(json.dumps(d, allow_nan=True), *fragments)


def test_bad_notes_name_their_location():
    note_error(lambda n: n[1].update(voice="tom"), "parts.p1[1].voice: unknown value 'tom'")
    note_error(lambda n: n[1].update(voice=0), "parts.p1[1].voice: expected a string")
    note_error(lambda n: n[2].update(velocity=1.5), "parts.p1[2].velocity: 1.5 is outside 0..1")
    note_error(lambda n: n[2].update(velocity=-0.1), "parts.p1[2].velocity")
    note_error(lambda n: n[0].update(beat=False), "parts.p1[0].beat: expected a number")
    note_error(lambda n: n[0].update(beat=-1.0), "parts.p1[0].beat")
    note_error(lambda n: n[0].update(beat=8.0, time_s=7.0), "parts.p1[0].beat", "past the last bar")
    note_error(lambda n: n[3].update(time_s=n[3]["time_s"] + 0.002), "parts.p1[3].time_s", "match")
    note_error(lambda n: n[3].pop("velocity"), "parts.p1[3]: missing key 'velocity'")
    note_error(lambda n: n[3].update(pitch=3), "parts.p1[3]: unknown key 'pitch'")
    note_error(lambda n: n.__setitem__(0, [1, 2]), "parts.p1[0]: expected an object, got array")


def test_time_within_a_millisecond_is_accepted():
    d = small_dict()
    d["parts"]["p1"][3]["time_s"] += 0.0009
    loads_chart(json.dumps(d))


def test_order_duplicates_and_crowding():
    def swap(notes):
        notes[0], notes[-1] = notes[-1], notes[0]

    note_error(swap, "not sorted by time")

    def duplicate(notes):
        notes.insert(1, copy.deepcopy(notes[0]))

    note_error(duplicate, "parts.p1[1].voice", "duplicate")

    def reorder_voices(notes):
        first = notes[0]
        other = dict(first, voice="kick" if first["voice"] == "snare" else "snare")
        notes[0:1] = sorted([first, other], key=lambda n: n["voice"] == "kick")

    note_error(reorder_voices, "voice order")

    d = small_dict()
    first = d["parts"]["p2"][0]
    crowd = [dict(first, voice=v) for v in ("kick", "snare", "hihat")]
    d["parts"]["p2"][0:1] = crowd
    expect_error(d, "parts.p2[2]", "more than 2 notes")


def test_sections_and_structure_checks():
    d = small_dict()
    d["sections"] = [{"name": "verse", "start_bar": 1, "bars": 5}]
    expect_error(d, "sections[0].bars", "outside")
    d["sections"] = [
        {"name": "a", "start_bar": 0, "bars": 2},
        {"name": "b", "start_bar": 1, "bars": 1},
    ]
    expect_error(d, "sections[1].start_bar", "overlaps")
    d["sections"] = [{"name": "a", "start_bar": 0}]
    expect_error(d, "sections[0]: missing key 'bars'")
    d["sections"] = {"name": "a"}
    expect_error(d, "sections: expected an array")
    d = small_dict()
    d["lead_in_s"] = 0.5
    expect_error(d, "lead_in_s", "shorter than the count-in")
    d = small_dict()
    d["count_in_beats"] = 99
    expect_error(d, "count_in_beats")
    d = small_dict()
    d["parts"] = {"p1": []}
    expect_error(d, "parts: missing key 'p2'")
    d = small_dict()
    d["parts"]["p2"] = "none"
    expect_error(d, "parts.p2: expected an array of notes, got string")


def test_absurd_sizes_are_rejected(monkeypatch):
    import drumsync.core.chart_notes as chart_notes

    doc = small_dict()
    monkeypatch.setattr(chart_notes, "MAX_NOTES_PER_PART", 5)
    expect_error(doc, "parts.p1", "more than 5 notes")
    expect_error("x" * (MAX_FILE_BYTES + 1), "larger than 64 MiB")


def test_empty_parts_and_no_sections_load():
    d = small_dict()
    d["parts"] = {"p1": [], "p2": []}
    d["sections"] = []
    chart = loads_chart(json.dumps(d))
    assert chart.note_count == 0 and chart.sections == ()
    assert loads_chart(dumps_chart(chart)) == chart


# ----------------------------------------------------------------------------- fuzzing

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def paths(obj, prefix=()):
    """Every location in a JSON document."""
    yield prefix
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            yield from paths(value, (*prefix, index))


BASE = small_dict()
ALL_PATHS = [p for p in paths(BASE) if p]


def mutate(doc, path, action, value):
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "replace":
        parent[last] = value
    elif action == "wrap":
        parent[last] = [parent[last], value]
    elif action == "extra" and isinstance(parent, dict):
        parent[f"{last}_extra"] = value
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif action == "negate" and isinstance(parent[last], int | float):
        parent[last] = -parent[last] - 1


def check_loader(text):
    try:
        chart = loads_chart(text)
    except ChartError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(chart, Chart)
    assert loads_chart(dumps_chart(chart)) == chart


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(ALL_PATHS),
            st.sampled_from(["delete", "replace", "wrap", "extra", "duplicate", "negate"]),
            JSON_VALUES,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_fuzz_mutated_charts_raise_only_chart_error(mutations):
    doc = copy.deepcopy(BASE)
    for path, action, value in mutations:
        # An earlier mutation may have removed or reshaped this location.
        with contextlib.suppress(KeyError, IndexError, TypeError):
            mutate(doc, path, action, value)
    check_loader(json.dumps(doc, allow_nan=True))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_random_bytes_raise_only_chart_error(data):
    check_loader(data)


TEXT = dumps_chart(SMALL)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(TEXT) - 1), st.integers(0, 40), st.text(max_size=6))
def test_fuzz_edited_text_raises_only_chart_error(at, cut, insert):
    check_loader(TEXT[:at] + insert + TEXT[at + cut :])


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([p for p in ALL_PATHS if p[0] in ("meta", "lead_in_s", "parts")]))
def test_fuzz_numbers_at_the_edges(path):
    for value in (math.nan, math.inf, -0.0, 1e308, -1e308, 2**63, 5e-324):
        doc = copy.deepcopy(BASE)
        try:
            mutate(doc, path, "replace", value)
        except (KeyError, IndexError, TypeError):
            continue
        check_loader(json.dumps(doc, allow_nan=True))

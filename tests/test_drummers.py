"""Simulated-drummer models: presets, specs with overrides, one-line SpecErrors."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drumsync.core.drummers import FIELD_RANGES, PRESETS, DrummerModel, describe, parse_spec
from drumsync.core.errors import SpecError


def test_required_presets_exist():
    assert {"metronome", "metal", "clumsy", "steady", "partner"} <= set(PRESETS)
    for name, model in PRESETS.items():
        assert model.name == name
        assert model.source == f"bot:{name}"


def test_metronome_is_exact():
    model = PRESETS["metronome"]
    assert all(getattr(model, key) == 0.0 for key in FIELD_RANGES)


def test_presets_follow_human_timing_figures():
    """Guide §6: people tap ahead (negative mean); musicians are tighter than others."""
    metal, steady, clumsy = PRESETS["metal"], PRESETS["steady"], PRESETS["clumsy"]
    for model in (metal, steady, clumsy, PRESETS["partner"]):
        assert model.mean_ms < 0
    assert metal.sd_ms < 10 <= steady.sd_ms <= 20 < clumsy.sd_ms <= 40
    assert -80 <= clumsy.mean_ms <= -20 and -80 <= steady.mean_ms <= -20
    assert metal.miss_p < steady.miss_p < clumsy.miss_p == pytest.approx(0.05)
    assert clumsy.stray_p > metal.stray_p
    assert PRESETS["partner"].pull == 0.5
    assert all(PRESETS[n].pull == 0 for n in ("metronome", "metal", "steady", "clumsy"))


def test_spec_overrides_fields_of_a_preset():
    model = parse_spec("metronome,mean_ms=30,sd_ms=2")
    assert model == dataclasses.replace(PRESETS["metronome"], mean_ms=30.0, sd_ms=2.0)
    assert parse_spec("metal") == PRESETS["metal"]
    assert parse_spec(" Clumsy , miss_p = 0.1 ").miss_p == 0.1
    assert parse_spec("mean_ms=-20").mean_ms == -20.0  # preset left out: metronome
    assert parse_spec("partner,name=buddy,pull=1").name == "buddy"
    assert parse_spec("steady,drift_ar=1,hand_sd_ms=0").drift_ar == 1.0


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ("", "empty drummer spec"),
        ("   ", "empty drummer spec"),
        ("robot", "unknown drummer preset 'robot'"),
        ("metal,speed=3", "unknown drummer field 'speed'"),
        ("metal,sd_ms=fast", "sd_ms must be a number"),
        ("metal,sd_ms", "field=value"),
        ("metal,=3", "field=value"),
        ("metal,sd_ms=-1", "sd_ms must be in 0..250"),
        ("metal,mean_ms=501", "mean_ms must be in -500..500"),
        ("metal,miss_p=1.5", "miss_p must be in 0..1"),
        ("metal,stray_p=-0.1", "stray_p must be in 0..1"),
        ("metal,pull=2", "pull must be in 0..1"),
        ("metal,drift_ar=1.01", "drift_ar must be in 0..1"),
        ("metal,mean_ms=nan", "finite"),
        ("metal,mean_ms=inf", "finite"),
        ("metal,sd_ms=1,sd_ms=2", "given twice"),
        ("metal,name=two words", "drummer name"),
    ],
)
def test_bad_specs_give_one_line_errors(spec, fragment):
    with pytest.raises(SpecError) as caught:
        parse_spec(spec)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_direct_construction_is_validated():
    with pytest.raises(SpecError, match="sd_ms"):
        DrummerModel("x", sd_ms=-3)
    with pytest.raises(SpecError, match="must be a number"):
        DrummerModel("x", miss_p=True)
    with pytest.raises(SpecError, match="drummer name"):
        DrummerModel("")
    assert DrummerModel("x", mean_ms=5).mean_ms == 5.0  # ints become floats


def test_describe_lists_presets_and_fields():
    text = describe()
    for name in PRESETS:
        assert name in text
    for key in FIELD_RANGES:
        assert key in text


values = {
    key: st.floats(limits.low, limits.high, allow_nan=False) for key, limits in FIELD_RANGES.items()
}


@given(
    base=st.sampled_from(sorted(PRESETS)),
    overrides=st.fixed_dictionaries({}, optional=values),
    name=st.none() | st.from_regex(r"[a-z][a-z0-9_-]{0,10}", fullmatch=True),
)
@settings(max_examples=200, deadline=None)
def test_to_spec_round_trips(base, overrides, name):
    model = dataclasses.replace(PRESETS[base], **overrides)
    if name is not None:
        model = dataclasses.replace(model, name=name)
    assert parse_spec(model.to_spec()) == model

"""``drumsync feed-midi``: a real recorded performance through the MIDI input layer equals
scoring the same notes directly with ``drumsync score``."""

from __future__ import annotations

import json
from pathlib import Path

import mido
import pygame
import pytest

from drumsync.cli import main
from drumsync.core import replay_for, save_chart, save_replay
from drumsync.core.events import InputEvent
from drumsync.core.voices import Player, Voice
from tests.factories import make_chart

SAMPLE = Path(pygame.__file__).parent / "examples" / "data" / "MIDI_sample.mid"
#: General MIDI percussion notes -> DrumSync voices, written out independently of the code.
GM_VOICES = {
    35: Voice.KICK,
    36: Voice.KICK,
    37: Voice.SNARE,
    38: Voice.SNARE,
    40: Voice.SNARE,
    41: Voice.SNARE,
    43: Voice.SNARE,
    45: Voice.SNARE,
    47: Voice.SNARE,
    48: Voice.SNARE,
    50: Voice.SNARE,
    42: Voice.HIHAT,
    46: Voice.HIHAT,
    51: Voice.HIHAT,
    53: Voice.HIHAT,
    59: Voice.HIHAT,
    49: Voice.CRASH,
    52: Voice.CRASH,
    55: Voice.CRASH,
    57: Voice.CRASH,
}

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="pygame-ce's MIDI sample missing")


def drum_notes(path: Path) -> list[tuple[float, Voice, int]]:
    """(time_s, voice, velocity) of the channel-10 note-ons, read directly with mido."""
    notes, now = [], 0.0
    for message in mido.MidiFile(path):
        now += message.time
        if message.type == "note_on" and message.velocity and message.channel == 9:
            voice = GM_VOICES.get(message.note)
            if voice is not None:
                notes.append((now, voice, message.velocity))
    return notes


def run_json(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def score_directly(capsys, tmp_path, chart, chart_path, events) -> dict:
    replay = tmp_path / "direct.json"
    save_replay(replay_for(chart, events), replay)
    return run_json(capsys, "score", str(chart_path), str(replay), "--json")


def test_real_performance_on_its_own_chart_equals_direct_scoring(capsys, tmp_path):
    notes = drum_notes(SAMPLE)
    assert len(notes) > 400  # the sample's 473 drum notes (a crash included)
    # the chart's music starts after a 2 s count-in: the performance is played from there
    unique = sorted({(round(t + 2.0, 6), v) for t, v, _ in notes})  # one note per voice
    chart = make_chart(p1=unique, p2=unique, lead_in_s=2.0)
    chart_path = tmp_path / "chart.json"
    save_chart(chart, chart_path)

    fed = run_json(
        capsys, "feed-midi", str(SAMPLE), str(chart_path), "--player", "p1", "--at", "2", "--json"
    )
    direct = [InputEvent(t + 2.0, Player.P1, v, "direct") for t, v, _ in notes]
    assert fed == score_directly(capsys, tmp_path, chart, chart_path, direct)
    p1, p2 = fed["players"]
    assert p1["counts"]["miss"] == 0 and p1["counts"]["perfect"] == len(unique)
    assert p2["counts"]["miss"] == len(unique)  # the other player is absent


def test_real_performance_on_a_generated_chart_as_player_two(capsys, tmp_path):
    chart_path = tmp_path / "generated.json"
    assert main(["generate", "--bpm", "120", "--bars", "64", "-o", str(chart_path)]) == 0
    capsys.readouterr()
    from drumsync.core import load_chart

    chart = load_chart(chart_path)
    replay_path = tmp_path / "fed.json"
    fed = run_json(
        capsys, "feed-midi", str(SAMPLE), str(chart_path), "--player", "p2",
        "--map", "gm", "-o", str(replay_path), "--json",
    )  # fmt: skip
    end_s = chart.duration_s + 0.135 + 0.8
    direct = [InputEvent(t, Player.P2, v, "direct") for t, v, _ in drum_notes(SAMPLE) if t < end_s]
    assert fed == score_directly(capsys, tmp_path, chart, chart_path, direct)
    assert fed["players"][1]["counts"]["perfect"] > 50
    # the replay it wrote scores the same, and names the device in each event
    assert run_json(capsys, "score", str(chart_path), str(replay_path), "--json") == fed
    rows = json.loads(replay_path.read_text())["events"]
    assert {row[3] for row in rows} == {"midi:MIDI_sample.mid"}


def write_midi(path: Path, hits: list[tuple[float, int, int]], channel: int = 9) -> None:
    """A one-track file at 120 bpm (480 ticks per beat: 1 tick = 1/960 s)."""
    midi = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    midi.tracks.append(track)
    last_tick = 0
    for time_s, note, velocity in hits:
        tick = round(time_s * 960)
        track.append(mido.Message("note_on", channel=channel, note=note, velocity=velocity,
                                  time=tick - last_tick))  # fmt: skip
        last_tick = tick
    midi.save(path)


def test_thresholds_debounce_and_pedal_on_the_way_to_the_judge(capsys, tmp_path):
    chart = make_chart(
        p1=[(3.0, Voice.SNARE), (3.5, Voice.KICK), (4.0, Voice.HIHAT)], lead_in_s=2.0
    )
    chart_path = tmp_path / "chart.json"
    save_chart(chart, chart_path)
    performance = tmp_path / "kit.mid"
    write_midi(
        performance,
        [
            (1.0, 38, 100),  # snare
            (1.00625, 40, 80),  # its rim 6.25 ms later: double trigger, dropped
            (1.25, 36, 4),  # ghost kick under threshold 10, dropped
            (1.5, 36, 90),  # kick
            (1.75, 44, 100),  # hi-hat pedal: counted only with --hihat-pedal
            (2.0, 42, 70),  # hi-hat
        ],
    )
    args = ("feed-midi", str(performance), str(chart_path), "--at", "2", "--threshold", "10")
    args += ("--json",)
    fed = run_json(capsys, *args)
    assert fed["players"][0]["counts"]["perfect"] == 3 and fed["players"][0]["stray"] == 0
    with_pedal = run_json(capsys, *args, "--hihat-pedal")
    assert with_pedal["players"][0]["stray"] == 1
    no_debounce = run_json(capsys, *args, "--debounce-ms", "0")
    assert no_debounce["players"][0]["stray"] == 1


def test_other_channels_are_not_the_kit(capsys, tmp_path):
    chart = make_chart(p1=[(3.0, Voice.SNARE)], lead_in_s=2.0)
    chart_path = tmp_path / "chart.json"
    save_chart(chart, chart_path)
    performance = tmp_path / "piano.mid"
    write_midi(performance, [(3.0, 38, 100)], channel=0)
    assert (
        run_json(capsys, "feed-midi", str(performance), str(chart_path), "--json")["players"][0][
            "counts"
        ]["miss"]
        == 1
    )
    any_channel = run_json(
        capsys, "feed-midi", str(performance), str(chart_path), "--channel", "1", "--json"
    )
    assert any_channel["players"][0]["counts"]["perfect"] == 1


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (None, "cannot read"),
        (b"MThd garbage", "not a Standard MIDI File"),
        (b"", "not a Standard MIDI File"),
    ],
)
def test_bad_performance_file_is_one_line(capsys, tmp_path, content, expect):
    chart_path = tmp_path / "chart.json"
    save_chart(make_chart(p1=[(3.0, Voice.SNARE)], lead_in_s=2.0), chart_path)
    performance = tmp_path / "bad.mid"
    if content is not None:
        performance.write_bytes(content)
    assert main(["feed-midi", str(performance), str(chart_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and expect in err[0], err


def test_bad_arguments_are_usage_errors(capsys, tmp_path):
    for argv in (
        ["feed-midi", str(SAMPLE), "x.json", "--player", "p3"],
        ["feed-midi", str(SAMPLE), "x.json", "--channel", "17"],
        ["feed-midi", str(SAMPLE), "x.json", "--map", "casio"],
    ):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        assert len(capsys.readouterr().err.strip().splitlines()) == 1

"""Rock Band / Clone Hero drum rules as Clone Hero reads them (the scan-chart reader's
rules): the drum kind of the whole file, disco flips, 2x kicks, song.ini settings."""

from __future__ import annotations

import mido
from song_files import SONGS, C, H, K, S, notes_of

from drumsync.core.importers import import_song

CHART = """[Song]
{{
  Name = "Rules"
  Resolution = 192
  Offset = 0
}}
[SyncTrack]
{{
  0 = B 120000
}}
[ExpertDrums]
{{
{expert}
}}
[HardDrums]
{{
{hard}
}}
"""


def write_chart(folder, expert: str, hard: str = "0 = N 1 0", ini: str = ""):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "notes.chart").write_text(CHART.format(expert=expert, hard=hard))
    if ini:
        (folder / "song.ini").write_text("[song]\n" + ini)
    return folder / "notes.chart"


def test_a_cymbal_marker_in_any_track_makes_the_file_pro(tmp_path):
    # Expert marks a cymbal: the whole file is pro, so Hard's unmarked yellow is a tom
    path = write_chart(tmp_path, "0 = N 2 0\n0 = N 66 0", hard="0 = N 2 0\n192 = N 4 0")
    assert notes_of(import_song(path, course="hard")[0]) == [(0.0, S), (0.5, S)]
    assert notes_of(import_song(path)[0]) == [(0.0, H)]


def test_song_ini_pro_drums_and_plain_four_lane(tmp_path):
    plain = write_chart(tmp_path / "plain", "0 = N 2 0\n96 = N 3 0\n192 = N 4 0")
    assert notes_of(import_song(plain)[0]) == [(0.0, H), (0.25, S), (0.5, C)]
    pro = write_chart(tmp_path / "pro", "0 = N 2 0\n96 = N 3 0", ini="pro_drums = True\n")
    assert notes_of(import_song(pro)[0]) == [(0.0, S), (0.25, S)]  # unmarked pads are toms


def test_disco_flip_swaps_red_and_yellow_in_its_section(tmp_path):
    expert = "\n".join([
        "0 = N 1 0", "0 = N 2 0", "0 = N 66 0",
        "192 = E mix_3_drums0d", "192 = N 1 0", "288 = N 2 0", "288 = N 66 0",
        "384 = E mix_3_drums0", "384 = N 1 0",
        "480 = E mix_2_drums0d", "480 = N 1 0",  # another difficulty's flip: no change
    ])  # fmt: skip
    chart, _ = import_song(write_chart(tmp_path, expert))
    assert notes_of(chart) == [(0.0, S), (0.0, H), (0.5, H), (0.75, S), (1.0, S), (1.25, S)]


def _notes_mid(folder, keys, texts=(), ini=""):
    folder.mkdir(parents=True, exist_ok=True)
    midi = mido.MidiFile(type=1, ticks_per_beat=480)
    tempo = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=500_000, time=0)])
    events = [(t, mido.MetaMessage("text", text=x)) for t, x in texts]
    for beat, key in keys:
        events.append((beat * 480, mido.Message("note_on", note=key, velocity=100)))
        events.append((beat * 480 + 60, mido.Message("note_on", note=key, velocity=0)))
    drums = mido.MidiTrack([mido.MetaMessage("track_name", name="PART DRUMS", time=0)])
    now = 0
    for tick, message in sorted(events, key=lambda e: (e[0], e[1].type != "text")):
        drums.append(message.copy(time=tick - now))
        now = tick
    midi.tracks += [tempo, drums]
    midi.save(folder / "notes.mid")
    if ini:
        (folder / "song.ini").write_text("[Song]\nname = Rules\n" + ini)
    return folder / "notes.mid"


def test_notes_mid_disco_flip_double_kick_and_song_ini(tmp_path):
    keys = [(0, 97), (0, 98), (1, 97), (1, 98), (2, 83), (2, 99)]
    texts = [(480, "[mix 3 drums0d]"), (960, "[mix 3 drums0]")]
    path = _notes_mid(tmp_path / "a", keys, texts, ini="pro_drums = True\ndelay = 250\n")
    chart, _ = import_song(path)
    # pro (song.ini): yellow and blue are cymbals; beat 1 is inside the disco flip;
    # song.ini delay 250 ms: every note a quarter second later than its tick
    assert notes_of(chart) == [(0.25, S), (0.25, H), (0.75, S), (0.75, H), (1.25, H)]
    hard = import_song(path, course="hard")[0]
    assert notes_of(hard) == [(1.25, K)]  # 83: Hard's 2x kick
    plain = _notes_mid(tmp_path / "b", [(0, 99)])
    assert notes_of(import_song(plain)[0]) == [(0.0, S)]  # no markers, no ini: a blue tom


def test_existing_fixture_keeps_its_voices():
    chart, _ = import_song(SONGS / "pro_drums.chart")
    assert [v for _, v in notes_of(chart)] == [K, H, S, S, H, S, K, C, S]


def _velocities(chart) -> list[float]:
    return [round(float(v), 2) for v in chart.part(0).velocity]


def test_chart_accent_and_ghost_markers(tmp_path):
    expert = "0 = N 1 0\n0 = N 34 0\n192 = N 1 0\n192 = N 40 0\n384 = N 1 0\n384 = N 35 0"
    chart, _ = import_song(write_chart(tmp_path, expert))
    assert _velocities(chart) == [1.0, 0.4, 0.8]  # the yellow accent marks no red gem


def test_notes_mid_dynamics_need_their_text_event(tmp_path):
    def song(folder, texts):
        path = _notes_mid(folder, [(0, 97), (1, 97), (2, 97)], texts)
        midi = mido.MidiFile(path)  # give the three gems velocities 127, 1 and 100
        ons = [m for m in midi.tracks[1] if m.type == "note_on" and m.velocity]
        for message, velocity in zip(ons, (127, 1, 100), strict=True):
            message.velocity = velocity
        midi.save(path)
        return import_song(path)[0]

    assert _velocities(song(tmp_path / "a", [(0, "[ENABLE_CHART_DYNAMICS]")])) == [1.0, 0.4, 0.8]
    assert _velocities(song(tmp_path / "b", [])) == [0.8, 0.8, 0.8]

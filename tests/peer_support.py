"""Peer readers for the importer tests: other people's parsers of each format, used to
check our note times and voices. The project does not depend on them; where one is not
installed its test is skipped, and the values it gave are kept in ``songs/peer_expected.json``
(written by ``python tests/peer_support.py``) so the comparison still runs everywhere."""

from __future__ import annotations

import json
import sys
from pathlib import Path

SONGS = Path(__file__).parent / "songs"
EXPECTED = SONGS / "peer_expected.json"
TAIKO_VOICES = {"don": "snare", "ka": "hihat", "big don": "kick", "big ka": "crash"}
OSU_WHISTLE, OSU_FINISH, OSU_CLAP = 2, 4, 8
OSU_EARLY_VERSION_OFFSET_MS = 24  # osu! plays files of format v4 and older 24 ms later


def taiko_voice(kat: bool, big: bool) -> str:
    return TAIKO_VOICES[("big " if big else "") + ("ka" if kat else "don")]


def osu_peer(name: str, course: str | None = None, player: int = 0) -> list[list]:
    """Hit circles by the ``slider`` package: [time_ms, voice] (osu!'s v4 offset added)."""
    import slider

    beatmap = slider.Beatmap.from_path(SONGS / name)
    shift = OSU_EARLY_VERSION_OFFSET_MS if beatmap.format_version < 5 else 0
    notes = []
    for hit in beatmap.hit_objects():
        if type(hit).__name__ == "Circle":
            kat = bool(hit.hitsound & (OSU_WHISTLE | OSU_CLAP))
            time_ms = hit.time.total_seconds() * 1000 + shift
            notes.append([round(time_ms, 3), taiko_voice(kat, bool(hit.hitsound & OSU_FINISH))])
    return sorted(notes)


TJA_KINDS = {"Don": "don", "Ka": "ka", "DonBig": "big don", "KaBig": "big ka"}
TJA_BRANCHES = ("M", "E", "N")  # the master branch is played where there is one


def tja_peer(name: str, course: str | None = None, player: int = 0) -> list[list]:
    """Notes by the Rust ``tja`` reader: [time_ms, voice] of one course and side
    (``player`` 0 = P1 or a single chart, 1 = P2)."""
    import tja

    data = (SONGS / name).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp932")
    wanted, _, style = (course or "").lower().partition(":")
    wanted = {"edit": "ura"}.get(wanted, wanted)  # the reader calls the fifth course Ura
    sides = {0: (0, 1), 1: (2,)}[player] if style == "double" else (0,)
    chart = next(
        c for c in tja.parse_tja(text).charts
        if str(c.course).lower() == wanted and c.player in sides
    )  # fmt: skip
    names = {s.branch for s in chart.segments if s.branch}
    taken = next((b for b in TJA_BRANCHES if b in names), None)
    notes = []
    for segment in chart.segments:
        if segment.branch in (None, taken):
            notes += [
                [round(n.timestamp * 1000, 3), TAIKO_VOICES[TJA_KINDS[n.note_type]]]
                for n in segment.notes
                if n.note_type in TJA_KINDS
            ]
    return sorted(notes)


def chartparse_peer(name: str, course: str | None = None, player: int = 0) -> list[list]:
    """Gem times by the ``chartparse`` reader (tick times through [SyncTrack]) plus the
    file's ``Offset``: [time_ms, "gem"], one per time (it reads drums as frets, so only
    the times are compared)."""
    import logging

    from chartparse.chart import Chart
    from chartparse.instrument import Difficulty, Instrument

    logging.getLogger("chartparse").setLevel(logging.ERROR)  # it warns on pro markers
    path = SONGS / name
    offset_s = next(
        float(line.split("=", 1)[1]) for line in path.read_text().splitlines()
        if line.strip().startswith("Offset")
    )  # fmt: skip
    chart = Chart.from_filepath(path)
    track = chart.instrument_tracks[Instrument.DRUMS][Difficulty[(course or "Expert").upper()]]
    times = {e.timestamp.total_seconds() + offset_s for e in track.note_events}
    return [[round(t * 1000, 3), "gem"] for t in sorted(times)]


PEERS = {"slider": osu_peer, "tja": tja_peer, "chartparse": chartparse_peer}
# case id -> (file, course, player, peer)
CASES: dict[str, tuple[str, str | None, int, str]] = {
    "taiko_v14_full.osu": ("taiko_v14_full.osu", None, 0, "slider"),
    "taiko_v4_old.osu": ("taiko_v4_old.osu", None, 0, "slider"),
    "real_like.tja Ura": ("real_like.tja", "Ura", 0, "tja"),
    "real_like.tja Oni P1": ("real_like.tja", "Oni:double", 0, "tja"),
    "real_like.tja Oni P2": ("real_like.tja", "Oni:double", 1, "tja"),
    "real_like_sjis.tja Ura": ("real_like_sjis.tja", "Edit", 0, "tja"),
    "double.tja Oni P1": ("double.tja", "Oni:double", 0, "tja"),
    "double.tja Oni P2": ("double.tja", "Oni:double", 1, "tja"),
    "double.tja Easy": ("double.tja", "Easy", 0, "tja"),
    "tja_edges.tja": ("tja_edges.tja", "Oni", 0, "tja"),
    "tempo_walk.chart": ("tempo_walk.chart", None, 0, "chartparse"),
}


def peer_notes(case: str) -> list[list]:
    name, course, player, peer = CASES[case]
    return PEERS[peer](name, course, player)


def ours(name: str, course: str | None = None, player: int = 0) -> list[list]:
    from drumsync.core.importers import import_song
    from drumsync.core.voices import Voice

    chart, _ = import_song(SONGS / name, course=course, with_audio=False)
    part = chart.parts[player]
    return sorted(
        [round(float(t) * 1000, 3), Voice(int(v)).label]
        for t, v in zip(part.time_s, part.voice, strict=True)
    )


def write_expected() -> None:
    lines = [
        f"{json.dumps(case)}: {json.dumps({'peer': CASES[case][3], 'notes': peer_notes(case)})}"
        for case in CASES
    ]
    EXPECTED.write_text("{\n" + ",\n".join(lines) + "\n}\n", "utf-8")


def expected_notes(case: str) -> list[list]:
    return json.loads(EXPECTED.read_text("utf-8"))[case]["notes"]


if __name__ == "__main__":
    sys.exit(write_expected())

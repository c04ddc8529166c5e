"""TJA (taiko-web / OpenTaiko) charts -> DrumSync.

Time line, as the format defines it: the first measure starts at ``-OFFSET`` seconds of the
audio (``OFFSET:-1.00`` = 1.00 s into the audio). A measure is ``4 * n / d`` beats
(``#MEASURE n/d``, default 4/4) and ends at a comma; its note symbols share it equally (a
measure ``1010,`` has four 16th... slots of a quarter of the measure each); an empty measure
``,`` lasts a whole measure. ``#BPMCHANGE`` takes effect at the slot where it stands,
``#DELAY s`` shifts everything after it by ``s`` seconds. Times are exact fractions until
the end. Branches: the master branch (``#M``) is taken, else expert (``#E``), else normal.

Notes: 1 don, 2 ka, 3/A big don, 4/B big ka (see voice_tables). Dropped and counted: drum
rolls (5, 6 ... 8), balloons (7, 9 ... 8), other note letters, display-only commands.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from ..tempo_map import TempoMap
from .build import build_chart
from .common import (
    ImportedNote,
    ImportReport,
    check_note_count,
    decimal,
    fail_at,
    find_audio,
    read_bytes,
)
from .tja_file import TjaChart, choose_chart, course_label, split_charts
from .voice_tables import TAIKO_BIG_DON, TAIKO_BIG_KA, TAIKO_DON, TAIKO_KA

NOTE_KINDS = {"1": TAIKO_DON, "2": TAIKO_KA, "3": TAIKO_BIG_DON, "4": TAIKO_BIG_KA,
              "A": TAIKO_BIG_DON, "B": TAIKO_BIG_KA}  # fmt: skip
ROLL_STARTS = {"5": "drum rolls (5, 6)", "6": "drum rolls (5, 6)", "7": "balloons (7, 9)",
               "9": "balloons (7, 9)"}  # fmt: skip
DISPLAY_ONLY = {
    "SCROLL", "GOGOSTART", "GOGOEND", "BARLINEON", "BARLINEOFF", "SECTION", "LEVELHOLD",
    "LYRIC", "JPOSSCROLL", "SENOTECHANGE", "NEXTSONG", "BMSCROLL", "HBSCROLL", "DIRECTION",
    "SUDDEN", "GAMETYPE", "SPLITLANE", "MERGELANE", "BARLINE", "GRADATION", "BRANCHEND",
}  # fmt: skip
BRANCH_PREFERENCE = ("M", "E", "N")
MAX_MEASURES = 50_000


def _command(line: str) -> tuple[str, str]:
    name, _, value = line[1:].strip().partition(" ")
    return name.upper(), value.strip()


def _taken_tokens(chart: TjaChart, report: ImportReport) -> list[tuple[int, str]]:
    """The body with only the taken branch of each #BRANCHSTART section left in."""
    out: list[tuple[int, str]] = []
    body = chart.body
    i = 0
    while i < len(body):
        number, line = body[i]
        if not line.upper().startswith("#BRANCHSTART"):
            out.append((number, line))
            i += 1
            continue
        j = i + 1
        while j < len(body) and not body[j][1].upper().startswith(("#BRANCHEND", "#BRANCHSTART")):
            j += 1
        section = body[i + 1 : j]
        names = [_command(t)[0] for _, t in section if t.startswith("#")]
        present = [b for b in BRANCH_PREFERENCE if b in names]
        taken = present[0] if present else None
        branch = None
        for number2, line2 in section:
            if line2.startswith("#") and _command(line2)[0] in ("N", "E", "M"):
                branch = _command(line2)[0]
                continue
            if branch is None or branch == taken:
                out.append((number2, line2))
            elif not line2.startswith("#"):
                skipped = sum(line2.upper().count(s) for s in "1234AB")
                report.drop("notes in branches not taken (master branch played)", skipped)
        i = j + 1 if j < len(body) and body[j][1].upper().startswith("#BRANCHEND") else j
    return out


class _Timeline:
    """Beat, exact time, tempo and the tempo map's records while walking a chart."""

    def __init__(self, bpm: Fraction, start_s: Fraction):
        self.beat = Fraction(0)
        self.time_s = start_s
        self.bpm = bpm
        self.tempos: list[tuple[Fraction, Fraction]] = [(Fraction(0), bpm)]
        self.meters: list[tuple[Fraction, int, int]] = [(Fraction(0), 4, 4)]
        self.delays: list[tuple[Fraction, Fraction]] = []

    def set_bpm(self, bpm: Fraction) -> None:
        self.bpm = bpm
        if self.tempos[-1][0] == self.beat:
            self.tempos[-1] = (self.beat, bpm)
        else:
            self.tempos.append((self.beat, bpm))

    def delay(self, seconds: Fraction) -> None:
        self.time_s += seconds
        if self.delays and self.delays[-1][0] == self.beat:
            self.delays[-1] = (self.beat, self.delays[-1][1] + seconds)
        else:
            self.delays.append((self.beat, seconds))

    def set_meter(self, numerator: int, denominator: int) -> None:
        last = self.meters[-1]
        if Fraction(last[1], last[2]) == Fraction(numerator, denominator):
            return
        if last[0] == self.beat:
            self.meters[-1] = (self.beat, numerator, denominator)
        else:
            self.meters.append((self.beat, numerator, denominator))

    def advance(self, beats: Fraction) -> None:
        self.beat += beats
        self.time_s += beats * 60 / self.bpm

    def tempo_map(self) -> TempoMap:
        return TempoMap(
            tempo_beat=[float(b) for b, _ in self.tempos],
            bpm=[float(v) for _, v in self.tempos],
            meter_beat=[float(b) for b, _, _ in self.meters],
            meter_num=[n for _, n, _ in self.meters],
            meter_den=[d for _, _, d in self.meters],
            delay_beat=[float(b) for b, _ in self.delays],
            delay_s=[float(s) for _, s in self.delays],
        )


def _meter(value: str, path: str, line: int) -> tuple[int, int]:
    top, _, bottom = value.partition("/")
    numerator = decimal(top, path, line, "#MEASURE")
    denominator = decimal(bottom or "4", path, line, "#MEASURE")
    if numerator <= 0 or denominator <= 0:
        raise fail_at(path, line, f"#MEASURE {value}: a measure must be longer than zero")
    ratio = numerator / denominator
    if ratio > 64 or ratio.denominator > 1024:
        raise fail_at(path, line, f"#MEASURE {value}: not a usable measure")
    return ratio.numerator, ratio.denominator


def _bpm(value: str, path: str, line: int, what: str) -> Fraction:
    bpm = decimal(value, path, line, what)
    if bpm <= 0:
        raise fail_at(path, line, f"{what} {value}: the tempo must be positive")
    if bpm > 10_000:
        raise fail_at(path, line, f"{what} {value}: tempo above 10000 BPM")
    return bpm


class _Walker:
    def __init__(self, path: str, report: ImportReport, timeline: _Timeline, side: int | None):
        self.path, self.report, self.tl, self.side = path, report, timeline, side
        self.notes: list[ImportedNote] = []
        self.in_roll: str | None = None
        self.measures = 0

    def command(self, number: int, line: str) -> None:
        name, value = _command(line)
        if name == "BPMCHANGE":
            self.tl.set_bpm(_bpm(value, self.path, number, "#BPMCHANGE"))
        elif name == "DELAY":
            seconds = decimal(value, self.path, number, "#DELAY")
            if abs(seconds) > 600:
                raise fail_at(self.path, number, f"#DELAY {value}: longer than 600 s")
            self.tl.delay(seconds)
        elif name in ("MEASURE", "N", "E", "M", "BRANCHSTART"):
            pass  # measures are read per measure; branches were chosen before
        elif name in DISPLAY_ONLY:
            self.report.drop(f"display-only command #{name}")
        else:
            self.report.drop(f"unsupported command #{name[:20]}")

    def symbol(self, number: int, char: str) -> None:
        if char in NOTE_KINDS:
            check_note_count(len(self.notes) + 1, self.path, number)
            self.in_roll = None
            voice, velocity = NOTE_KINDS[char]
            self.notes.append(
                ImportedNote(self.tl.beat, self.tl.time_s, voice, velocity, number, self.side)
            )
        elif char in ROLL_STARTS:
            if self.in_roll is None:
                self.report.drop(ROLL_STARTS[char])
                self.in_roll = char
        elif char == "8":
            self.in_roll = None
        elif char != "0":
            self.report.drop(f"unsupported note {char}")

    def measure(self, items: list[tuple[int, str, bool]]) -> None:
        """One measure: (line, text, is_command) items up to its comma."""
        self.measures += 1
        if self.measures > MAX_MEASURES:
            raise fail_at(self.path, items[0][0] if items else None, "too many measures")
        meter = None
        for number, text, is_command in items:
            if is_command and _command(text)[0] == "MEASURE":
                meter = _meter(_command(text)[1], self.path, number)
        if meter is not None:
            self.tl.set_meter(*meter)
        last = self.tl.meters[-1]
        length = Fraction(4 * last[1], last[2])
        slots = sum(1 for _, _, is_command in items if not is_command)
        if slots == 0:
            for number, text, _ in items:
                self.command(number, text)
            self.tl.advance(length)
            return
        step = length / slots
        # Positions are counted in slots from the last command: beat and time are only
        # worked out (exactly) where a note or a command needs them.
        tl = self.tl
        base_beat, base_s, step_s, k = tl.beat, tl.time_s, step * 60 / tl.bpm, 0
        for number, text, is_command in items:
            if is_command:
                tl.beat, tl.time_s = base_beat + k * step, base_s + k * step_s
                self.command(number, text)
                base_beat, base_s, step_s, k = tl.beat, tl.time_s, step * 60 / tl.bpm, 0
            else:
                if text != "0":
                    tl.beat, tl.time_s = base_beat + k * step, base_s + k * step_s
                    self.symbol(number, text)
                k += 1
        tl.beat, tl.time_s = base_beat + k * step, base_s + k * step_s


def _walk(chart: TjaChart, path: str, report: ImportReport, tl: _Timeline) -> list[ImportedNote]:
    walker = _Walker(path, report, tl, chart.side)
    items: list[tuple[int, str, bool]] = []
    for number, line in _taken_tokens(chart, report):
        if line.startswith("#"):
            items.append((number, line, True))
            continue
        for char in line.upper():
            if char == ",":
                walker.measure(items)
                items = []
            elif char.isalnum() and char.isascii():
                items.append((number, char, False))
    if any(not is_command for _, _, is_command in items):
        walker.measure(items)  # a last measure without its comma
    return walker.notes


def _on_map(notes: list[ImportedNote], tempo_map: TempoMap, start_s: Fraction):
    """The notes' beats re-read on another tempo map from their (kept) times."""
    beats = tempo_map.beat_at([float(n.time_s - start_s) for n in notes])
    return [
        ImportedNote(Fraction(float(b)), n.time_s, n.voice, n.velocity, n.line, n.player)
        for n, b in zip(notes, beats.tolist(), strict=True)
    ]


def _header_number(chart: TjaChart, key: str, default: str, path: str) -> tuple[str, int]:
    value, line = chart.header.get(key, (default, 0))
    return (value or default), line


def import_tja(path, course: str | None = None, parts: str = "unison", with_audio: bool = True):
    """(chart, report) of a TJA file; raises ImportFileError with file and line."""
    name = str(path)
    report = ImportReport(name, "TJA")
    charts = split_charts(read_bytes(path), name, report)
    report.courses = tuple(dict.fromkeys(course_label(c) for c in charts))
    first, second = choose_chart(charts, course, name)
    report.course = course_label(first) if second is None else f"{first.course} (Double)"
    bpm_text, bpm_line = _header_number(first, "BPM", "120", name)
    offset_text, offset_line = _header_number(first, "OFFSET", "0", name)
    bpm = _bpm(bpm_text, name, bpm_line, "BPM:")
    start_s = -decimal(offset_text, name, offset_line, "OFFSET:")
    timeline = _Timeline(bpm, start_s)
    notes = _walk(first, name, report, timeline)
    if second is not None:  # P2 has its own time line; the chart keeps P1's tempo map
        other = _Timeline(bpm, start_s)
        p2_notes = _walk(second, name, report, other)
        if other.tempos != timeline.tempos or other.delays != timeline.delays:
            report.drop("P2 tempo changes that differ from P1 (P1's tempo map kept)")
            p2_notes = _on_map(p2_notes, timeline.tempo_map(), start_s)
        notes += p2_notes
    title = first.header.get("TITLE", ("", 0))[0]
    report.artist = first.header.get("SUBTITLE", ("", 0))[0].removeprefix("--").strip()
    report.level = first.header.get("LEVEL", ("", 0))[0][:10]
    wave, wave_line = first.header.get("WAVE", ("", 0))
    audio = find_audio(name, wave, wave_line, report, with_audio)
    return build_chart(
        notes,
        timeline.tempo_map(),
        float(start_s),
        title=title or Path(name).stem,
        source_format="tja",
        report=report,
        parts=parts,
        two_player=second is not None,
        audio_file=audio,
    ), report


__all__ = ["import_tja"]

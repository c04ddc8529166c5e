"""A TJA file split into its header and its charts (one per course and side).

Header lines ``KEY:VALUE`` before a ``#START`` set values for every chart that follows
(``COURSE:``, ``LEVEL:``, ``STYLE:``, ``BPM:``, ``OFFSET:``, ``WAVE:`` ...), as taiko-web
and OpenTaiko read them. Courses are named or numbered: Easy/Normal/Hard/Oni/Edit = 0..4
(Ura = Edit), Tower = 5, Dan = 6. ``#START P1`` / ``#START P2`` are the two sides of a
``STYLE:Double`` chart. Comments start with ``//``. Files are UTF-8 (with or without BOM)
or Shift-JIS.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .common import ImportReport, decode_text, fail_at

ENCODINGS = ("utf-8-sig", "cp932")
COURSE_NAMES = {
    "easy": "Easy", "0": "Easy",
    "normal": "Normal", "1": "Normal",
    "hard": "Hard", "2": "Hard",
    "oni": "Oni", "3": "Oni",
    "edit": "Edit", "ura": "Edit", "4": "Edit",
    "tower": "Tower", "5": "Tower",
    "dan": "Dan", "6": "Dan",
}  # fmt: skip
COURSE_RANK = {"Easy": 0, "Normal": 1, "Hard": 2, "Oni": 3, "Edit": 4}
MAX_LINE_CHARS = 100_000


@dataclass
class TjaChart:
    course: str
    header: dict[str, tuple[str, int]]  # KEY -> (value, line)
    side: int | None  # None for a single chart, 0 for P1, 1 for P2
    start_line: int
    body: list[tuple[int, str]] = field(default_factory=list)
    ended: bool = False


def course_name(value: str) -> str:
    text = value.strip()
    return COURSE_NAMES.get(text.lower(), text[:40] or "Oni")


def strip_comment(line: str) -> str:
    at = line.find("//")
    return (line if at < 0 else line[:at]).strip()


def split_charts(data: bytes, path: str, report: ImportReport) -> list[TjaChart]:
    text = decode_text(data, path, ENCODINGS)
    header: dict[str, tuple[str, int]] = {}
    charts: list[TjaChart] = []
    current: TjaChart | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if len(raw) > MAX_LINE_CHARS:
            raise fail_at(path, number, f"line longer than {MAX_LINE_CHARS} characters")
        line = strip_comment(raw)
        if not line:
            continue
        upper = line.upper()
        if current is not None:
            if upper.startswith("#END"):
                current.ended = True
                current = None
            else:
                current.body.append((number, line))
            continue
        if upper.startswith("#START"):
            side_text = line[6:].strip().upper()
            side = {"P1": 0, "P2": 1}.get(side_text)
            if side_text and side is None:
                report.drop(f"#START {side_text[:10]} (unknown side, read as a single chart)")
            name = course_name(header.get("COURSE", ("Oni", 0))[0])
            current = TjaChart(name, dict(header), side, number)
            charts.append(current)
        elif ":" in line and not line.startswith("#"):
            key, value = line.split(":", 1)
            header[key.strip().upper()] = (value.strip(), number)
    if current is not None:
        report.drop("chart without #END (read to the end of the file)")
    if not charts:
        raise fail_at(path, None, "no #START in this file: not a TJA chart")
    return charts


def course_label(chart: TjaChart) -> str:
    return chart.course + (" (Double)" if chart.side is not None else "")


def choose_chart(
    charts: list[TjaChart], wanted: str | None, path: str
) -> tuple[TjaChart, TjaChart | None]:
    """The chosen course's chart (and its P2 side for a Double chart).

    ``wanted`` is a course name or number, optionally followed by ``:single`` or
    ``:double``; without it the hardest of Easy..Edit is taken. Where a course has a Double
    chart it is preferred (DrumSync is played by two).
    """
    style = None
    if wanted:
        name_part, _, style_part = wanted.partition(":")
        style = style_part.strip().lower() or None
        if style not in (None, "single", "double"):
            raise fail_at(path, None, f"--course {wanted}: the style must be single or double")
        name = course_name(name_part)
        pool = [c for c in charts if c.course.lower() == name.lower()]
        if not pool:
            known = ", ".join(dict.fromkeys(c.course for c in charts))
            raise fail_at(path, None, f"no course {name_part.strip()!r} (courses: {known})")
    else:
        ranked = [c for c in charts if c.course in COURSE_RANK] or charts
        top = max(COURSE_RANK.get(c.course, -1) for c in ranked)
        pool = [c for c in ranked if COURSE_RANK.get(c.course, -1) == top]
    doubles = [c for c in pool if c.side is not None]
    singles = [c for c in pool if c.side is None]
    p1 = next((c for c in doubles if c.side == 0), None)
    p2 = next((c for c in doubles if c.side == 1), None)
    if style == "single" and not singles:
        raise fail_at(path, None, f"course {pool[0].course} has no single-player chart")
    if style == "double" and not (p1 and p2):
        raise fail_at(path, None, f"course {pool[0].course} has no Double (P1 and P2) chart")
    if style != "single" and p1 and p2:
        return p1, p2
    return (singles or doubles)[0], None


__all__ = ["TjaChart", "choose_chart", "course_label", "split_charts"]

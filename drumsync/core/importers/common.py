"""What every importer shares: the note record, the report, errors with file and line,
reading text in the encodings chart files come in, and exact decimal numbers."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from ..errors import ChartError
from ..user_file import FileTooLargeError, NotRegularFileError, read_user_file, reason_of
from ..voices import Voice

MAX_IMPORT_BYTES = 16 * 1024 * 1024
MAX_IMPORT_NOTES = 400_000


class ImportFileError(ChartError):
    """A song file that cannot be imported; the message names the file (and line)."""


@dataclass(frozen=True, slots=True)
class ImportedNote:
    """One note on the source's beat grid: ``beat`` counts quarter notes from beat 0,
    ``time_s`` is the exact audio time the format defines, ``player`` is None for a
    single-player chart or 0 / 1 for the two sides of a two-player (Double) chart."""

    beat: Fraction | float  # a float only where it is the exact value rounded once
    time_s: Fraction | float
    voice: Voice
    velocity: float
    line: int = 0
    player: int | None = None


@dataclass
class ImportReport:
    """What an importer took and what it left out (counted by reason)."""

    path: str
    source_format: str
    course: str = ""
    courses: tuple[str, ...] = ()
    dropped: Counter = field(default_factory=Counter)
    notes: tuple[int, int] = (0, 0)
    audio_file: str | None = None
    notes_by_voice: dict = field(default_factory=dict)
    backing: str = ""
    artist: str = ""
    level: str = ""  # the source's own difficulty label (TJA LEVEL)

    def drop(self, reason: str, count: int = 1) -> None:
        if count:
            self.dropped[reason] += count

    def lines(self) -> list[str]:
        """The report as short lines for the command line."""
        course = f", course {self.course}" if self.course else ""
        level = f", level {self.level}" if self.level else ""
        out = [f"{self.path}: {self.source_format}{course}{level}"]
        if len(self.courses) > 1:
            out.append(f"  courses in the file: {', '.join(self.courses)}")
        out.append(f"  imported: {self.notes[0]} notes for p1, {self.notes[1]} for p2")
        if self.notes_by_voice:
            shown = ", ".join(f"{name} {n}" for name, n in self.notes_by_voice.items())
            out.append(f"  by voice: {shown}")
        out.append(f"  audio: {self.audio_file or 'none (the click and drum sounds only)'}")
        if self.backing:
            out.append(f"  backing: {self.backing}")
        if self.dropped:
            for reason, count in sorted(self.dropped.items(), key=lambda kv: (-kv[1], kv[0])):
                out.append(f"  dropped: {count} x {reason}")
        else:
            out.append("  dropped: nothing")
        return out


def check_note_count(count: int, path: str, line: int | None = None) -> None:
    """Refuse a file with more notes than a chart may hold (before memory runs away)."""
    if count > MAX_IMPORT_NOTES:
        raise fail_at(path, line, f"more than {MAX_IMPORT_NOTES} notes")


def fail_at(path: str, line: int | None, problem: str) -> ImportFileError:
    """The error to raise: ``path:line: problem`` (``path: problem`` without a line)."""
    where = f"{path}:{line}" if line else path
    return ImportFileError(f"{where}: {problem}")


def read_bytes(path: str | os.PathLike) -> bytes:
    """The bytes of a song file, at most ``MAX_IMPORT_BYTES``; only a regular file is read
    (it is opened without blocking, so a named pipe with no writer cannot hang the import)."""
    target = Path(os.fspath(path))
    if target.is_dir():
        raise fail_at(str(target), None, "is a directory, not a song file")
    try:
        data = read_user_file(target, MAX_IMPORT_BYTES, pipes=False)
    except (NotRegularFileError, FileTooLargeError) as exc:
        raise fail_at(str(target), None, reason_of(exc)) from None
    except OSError as exc:
        raise fail_at(
            str(target), None, f"cannot read: {exc.strerror or type(exc).__name__}"
        ) from None
    if not data:
        raise fail_at(str(target), None, "the file is empty")
    return data


def decode_text(data: bytes, path: str, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    """Text of ``data`` in the first encoding that decodes it (a BOM is dropped)."""
    first_error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        if "\x00" in text:
            raise fail_at(
                path, text[: text.index("\x00")].count("\n") + 1, "binary data (NUL byte)"
            )
        return text.lstrip("\ufeff")
    assert first_error is not None
    shown = {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp932": "Shift-JIS"}
    names = " or ".join(shown.get(e, e) for e in encodings)
    line = data[: first_error.start].count(b"\n") + 1
    raise fail_at(path, line, f"not {names} text (bad byte at offset {first_error.start})")


def find_audio(
    source: str, name: str, line: int | None, report: ImportReport, with_audio: bool = True
) -> str | None:
    """The audio file ``name`` (relative to the chart file ``source``) as a path, or None.

    A named file that is not there is an error unless ``with_audio`` is False (then the chart
    imports without its music and the report says so).
    """
    if not name.strip():
        return None
    target = Path(source).parent / name.strip().replace("\\", "/")
    if not with_audio:
        report.drop(f"audio file {name.strip()} (not used)")
        return None
    if not target.is_file():
        raise fail_at(source, line, f"the audio file {name.strip()!r} is missing")
    return str(target)


def decimal(text: str, path: str, line: int, what: str) -> Fraction:
    """An exact decimal number such as ``-1.25`` or ``120`` (no inf, nan or exponents)."""
    cleaned = text.strip()
    what = what.rstrip(":")
    if cleaned.isdigit() and len(cleaned) < 19:  # the common case, fast: a whole number
        return Fraction(int(cleaned))
    if not cleaned or len(cleaned) > 40:
        raise fail_at(path, line, f"{what}: expected a number, got {cleaned[:40]!r}")
    try:
        if any(c in cleaned.lower() for c in "einf_"):
            raise ValueError(cleaned)
        return Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise fail_at(path, line, f"{what}: expected a number, got {cleaned!r}") from None


__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_NOTES",
    "ImportFileError",
    "ImportReport",
    "ImportedNote",
    "check_note_count",
    "decimal",
    "decode_text",
    "fail_at",
    "find_audio",
    "read_bytes",
]

"""Fitting words to the screen: word wrap, elision, clock times, and each grade's colour."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..runtime import theme

GRADE_COLOURS: dict[str, theme.Colour] = {
    "S": theme.OI_YELLOW,
    "A": theme.OI_GREEN,
    "B": theme.OI_SKY,
    "C": theme.OI_ORANGE,
    "D": theme.OI_VERMILLION,
}


def wrap_words(text: str, max_width: int, measure: Callable[[str], int]) -> list[str]:
    """Greedy word wrap: lines no wider than ``max_width`` (a single word wider than that is
    broken between characters, as text without spaces such as Chinese or Japanese is),
    balanced so the last line is not left with a word or two: the width is lowered as far as
    it can be without adding a line."""
    words = [piece for word in text.split() for piece in _break_word(word, max_width, measure)]
    if not words:
        return []

    def greedy(width: int) -> list[str]:
        lines, line = [], words[0]
        for word in words[1:]:
            candidate = f"{line} {word}"
            if measure(candidate) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
        return lines

    best = greedy(max_width)
    if len(best) < 2:
        return best
    low, high = max(measure(w) for w in words), max_width
    while low < high:  # narrowest width that still needs no more lines
        mid = (low + high) // 2
        if len(greedy(mid)) <= len(best):
            high = mid
        else:
            low = mid + 1
    return greedy(high)


def _break_word(word: str, max_width: int, measure: Callable[[str], int]) -> list[str]:
    """``word``, or it in pieces each no wider than ``max_width`` (one character at least)."""
    if measure(word) <= max_width:
        return [word]
    pieces, piece = [], ""
    for char in word:
        if piece and measure(piece + char) > max_width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece]


def elide(line: str, max_width: int, measure: Callable[[str], int], middle: bool = False) -> str:
    """``line``, or as much of it as fits with an ellipsis: after its start ("Autogra…"), or
    with ``middle`` between its two ends (a file path: "/home/ad…/results-2.png")."""
    if measure(line) <= max_width:
        return line
    for keep in range(len(line) - 1, 1 if middle else -1, -1):
        if middle:
            head = (keep + 1) // 2
            candidate = f"{line[:head]}…{line[len(line) - (keep - head) :]}"
        else:
            candidate = f"{line[:keep].rstrip()}…"
        if measure(candidate) <= max_width:
            return candidate
    return "…" if middle else ""


def clock_text(seconds: float) -> str:
    """Whole seconds as m:ss ("3:07"), never negative."""
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


#: The smallest a fitted text is drawn, as a share of its intended size.
SHRINK_FLOOR = 0.75


@lru_cache(maxsize=1024)
def fitted(text, line: str, size: int, max_width: int) -> tuple[str, int]:
    """(line, size) that fits ``max_width``: ``line`` at ``size``, else at a smaller size
    (down to :data:`SHRINK_FLOOR` of it), else elided at the smallest size. Remembered, as
    lists fit every visible row again each frame (an elided title measures once a letter)."""
    smallest = max(8, int(size * SHRINK_FLOOR))
    for candidate in range(size, smallest - 1, -1):
        if text.size(line, candidate)[0] <= max_width:
            return line, candidate
    return elide(line, max_width, lambda s: text.size(s, smallest)[0]), smallest


def fit_text(
    canvas,
    text,
    line: str,
    size: int,
    colour,
    pos: tuple[float, float],
    max_width: int,
    anchor: str = "topleft",
):
    """Draw ``line`` no wider than ``max_width`` (shrunk, then elided; see :func:`fitted`);
    returns the rectangle drawn."""
    shown, shown_size = fitted(text, line, size, max_width)
    return text.blit(canvas, shown, shown_size, colour, pos, anchor)


@lru_cache(maxsize=256)
def fitted_lines(
    text, paragraph: str, size: int, width: int, height: int
) -> tuple[tuple[str, ...], int]:
    """(lines, size) of ``paragraph`` wrapped to ``width`` so that they fit ``height``: at
    ``size``, else smaller (down to :data:`SHRINK_FLOOR` of it), else the last line that
    fits is elided. Remembered, as screens fit the same paragraph again every frame."""
    smallest = max(8, int(size * SHRINK_FLOOR))
    for candidate in range(size, smallest - 1, -1):
        lines = wrap_words(paragraph, width, lambda s, c=candidate: text.size(s, c)[0])
        if len(lines) * text.font(candidate).get_linesize() <= height:
            return tuple(lines), candidate
    room = max(1, height // text.font(smallest).get_linesize())
    lines = wrap_words(paragraph, width, lambda s: text.size(s, smallest)[0])
    if len(lines) > room:
        last = " ".join(lines[room - 1 :]) + "…"
        lines = [*lines[: room - 1], elide(last, width, lambda s: text.size(s, smallest)[0])]
    return tuple(lines), smallest


def fit_paragraph(canvas, text, paragraph: str, size: int, colour, rect, line_gap: int = 0) -> int:
    """Draw ``paragraph`` wrapped, centred in ``rect`` and fitted to it (see
    :func:`fitted_lines`); returns the number of lines."""
    lines, shown = fitted_lines(text, paragraph, size, rect.width, rect.height)
    line_h = text.font(shown).get_linesize() + line_gap
    y = rect.centery - line_h * len(lines) / 2
    for line in lines:
        text.blit(canvas, line, shown, colour, (rect.centerx, y), "midtop")
        y += line_h
    return len(lines)

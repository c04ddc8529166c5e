"""Fitting words to the screen: word wrap, elision, clock times, and each grade's colour."""

from __future__ import annotations

from collections.abc import Callable

from ..runtime import theme

GRADE_COLOURS: dict[str, theme.Colour] = {
    "S": theme.OI_YELLOW,
    "A": theme.OI_GREEN,
    "B": theme.OI_SKY,
    "C": theme.OI_ORANGE,
    "D": theme.OI_VERMILLION,
}


def wrap_words(text: str, max_width: int, measure: Callable[[str], int]) -> list[str]:
    """Greedy word wrap: lines no wider than ``max_width`` (a longer single word keeps its own
    line), balanced so the last line is not left with a word or two: the width is lowered as
    far as it can be without adding a line."""
    words = text.split()
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

"""Text read from files, checked before anything shows it (a window, a terminal).

A chart's title or a section name ends up in ``font.render`` (which refuses a NUL) and on
the terminal (where an ESC byte starts an escape sequence). Refused at load: control
characters (C0, DEL, C1: NUL and ESC among them), lone surrogates (not encodable as UTF-8),
line and paragraph separators, and the bidirectional overrides that reorder what a terminal
shows. Everything else, accents, CJK and emoji included, is fine.
"""

from __future__ import annotations

import unicodedata

_REFUSED_CATEGORIES = {
    "Cc": "a control character",
    "Cs": "a lone surrogate",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def unsafe_text_reason(text: str) -> str | None:
    """Why ``text`` is not safe to show ("contains a control character (U+0000)"), or None."""
    for char in text:
        if char in _BIDI_CONTROLS:
            return f"contains a text direction override (U+{ord(char):04X})"
        what = _REFUSED_CATEGORIES.get(unicodedata.category(char))
        if what is not None:
            return f"contains {what} (U+{ord(char):04X})"
    return None


__all__ = ["unsafe_text_reason"]

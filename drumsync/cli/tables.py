"""Plain text tables for the command line's listings."""

from __future__ import annotations


def plain_table(rows) -> str:
    """Rows of cells (the first the headings) in columns two spaces apart."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


__all__ = ["plain_table"]

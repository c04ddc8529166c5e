"""Save what a scene stack shows as a PNG: draw it on the logical canvas, save, present."""

from __future__ import annotations

from pathlib import Path

import pygame


def save_screen(app, stack, path: Path) -> Path:
    """Draw ``stack`` onto ``app``'s 1280x720 canvas, save it to ``path`` and show the frame."""
    display = app.display
    stack.draw(display.canvas)
    pygame.image.save(display.canvas, str(path))
    display.present()
    display.flip()
    return path

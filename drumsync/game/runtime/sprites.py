"""Note, pad and burst sprites, drawn once at start-up (supersampled for smooth edges)."""

from __future__ import annotations

import pygame

from ...core.voices import Voice
from ...core.windows import Tier
from .theme import (
    MISSED_NOTE,
    TIER_COLOURS,
    VOICE_COLOURS,
    VOICE_SHAPES,
    Colour,
    Shape,
    darken,
    lighten,
)

SUPERSAMPLE = 4
BURST_FRAMES = 8
GLOW_LEVELS = 8
NOTE_FADE_LEVELS = 8


def _polygon(shape: Shape, size: float, inset: float) -> list[tuple[float, float]]:
    """Corner points of a polygon shape in a ``size`` box, shrunk by ``inset`` px per side."""
    c = size / 2.0
    k = max(0.0, (c - inset) / c)
    if shape is Shape.DIAMOND:
        pts = [(c, 0.0), (size, c), (c, size), (0.0, c)]
    elif shape is Shape.TRIANGLE:
        pts = [(c, size * 0.04), (size * 0.98, size * 0.9), (size * 0.02, size * 0.9)]
        # centre the triangle's bounding box vertically
        pts = [(x, y + size * 0.03) for x, y in pts]
    else:
        raise ValueError(f"{shape} is not a polygon")
    return [(c + (x - c) * k, c + (y - c) * k) for x, y in pts]


def _draw_shape(
    surface: pygame.Surface, shape: Shape, size: float, inset: float, colour, width: int = 0
) -> None:
    c = size / 2.0
    if shape is Shape.CIRCLE:
        pygame.draw.circle(surface, colour, (c, c), c - inset, width)
    elif shape is Shape.SQUARE:
        side = size * 0.86 - 2 * inset
        rect = pygame.Rect(0, 0, round(side), round(side))
        rect.center = (round(c), round(c))
        pygame.draw.rect(surface, colour, rect, width, border_radius=round(size * 0.14))
    else:
        pygame.draw.polygon(surface, colour, _polygon(shape, size, inset), width)


def _finish(big: pygame.Surface, size: int) -> pygame.Surface:
    small = pygame.transform.smoothscale(big, (size, size))
    return small.convert_alpha() if pygame.display.get_surface() is not None else small


def render_note(shape: Shape, size: int, colour: Colour) -> pygame.Surface:
    """A filled note: light rim, body in the voice colour, a soft highlight."""
    s = size * SUPERSAMPLE
    big = pygame.Surface((s, s), pygame.SRCALPHA)
    rim = 3 * SUPERSAMPLE
    _draw_shape(big, shape, s, 0, (*lighten(colour, 0.55), 255))
    _draw_shape(big, shape, s, rim, (*colour, 255))
    _draw_shape(big, shape, s, s * 0.24, (*lighten(colour, 0.22), 255))
    return _finish(big, size)


def render_pad(shape: Shape, size: int, colour: Colour) -> pygame.Surface:
    """The target at the hit line: an outline of the voice's shape over a dark well."""
    s = size * SUPERSAMPLE
    big = pygame.Surface((s, s), pygame.SRCALPHA)
    _draw_shape(big, shape, s, 0, (*darken(colour, 0.25), 255))
    _draw_shape(big, shape, s, 4 * SUPERSAMPLE, (*darken(colour, 0.82), 235))
    return _finish(big, size)


def render_glow(shape: Shape, size: int, colour: Colour) -> pygame.Surface:
    """A bright filled pad with a halo, shown (fading) when the pad is struck."""
    s = size * SUPERSAMPLE
    big = pygame.Surface((s, s), pygame.SRCALPHA)
    halo = lighten(colour, 0.2)
    for step in range(6):
        inset = step * s * 0.035
        _draw_shape(big, shape, s, inset, (*halo, 40 + step * 12))
    _draw_shape(big, shape, s, s * 0.2, (*lighten(colour, 0.6), 255))
    return _finish(big, size)


def render_burst(size: int, colour: Colour, progress: float) -> pygame.Surface:
    """One frame of an expanding ring (``progress`` 0..1) marking a judged hit."""
    s = size * SUPERSAMPLE
    big = pygame.Surface((s, s), pygame.SRCALPHA)
    radius = s / 2.0 * (0.45 + 0.55 * progress)
    width = max(SUPERSAMPLE, round(s * 0.07 * (1.0 - progress)) + SUPERSAMPLE)
    alpha = round(255 * (1.0 - progress) ** 1.2)
    pygame.draw.circle(big, (*colour, alpha), (s / 2.0, s / 2.0), radius, width)
    return _finish(big, size)


def _faded(surface: pygame.Surface, opacity: float) -> pygame.Surface:
    faded = surface.copy()
    faded.fill((255, 255, 255, round(255 * opacity)), special_flags=pygame.BLEND_RGBA_MULT)
    return faded


class NoteSprites:
    """Every sprite a highway blits, per voice (and per tier for hit bursts)."""

    def __init__(self, note_size: int, pad_size: int) -> None:
        self.note_size = note_size
        self.pad_size = pad_size
        self.note: dict[Voice, pygame.Surface] = {}
        self.missed: dict[Voice, pygame.Surface] = {}
        self.pad: dict[Voice, pygame.Surface] = {}
        self.glow: dict[Voice, pygame.Surface] = {}
        for voice in Voice:
            shape, colour = VOICE_SHAPES[voice], VOICE_COLOURS[voice]
            self.note[voice] = render_note(shape, note_size, colour)
            self.missed[voice] = render_note(shape, note_size, MISSED_NOTE)
            self.pad[voice] = render_pad(shape, pad_size, colour)
            self.glow[voice] = render_glow(shape, round(pad_size * 1.3), colour)
        #: each note at NOTE_FADE_LEVELS opacities (level 0 invisible, the last opaque), for
        #: notes fading in at the top of the highway
        self.note_fades: dict[Voice, list[pygame.Surface]] = {
            voice: [_faded(note, i / (NOTE_FADE_LEVELS - 1)) for i in range(NOTE_FADE_LEVELS - 1)]
            + [note]
            for voice, note in self.note.items()
        }
        #: the glow faded out in GLOW_LEVELS steps (alpha baked in: faster than set_alpha)
        self.glow_levels: dict[Voice, list[pygame.Surface]] = {
            voice: [_faded(glow, (i + 1) / GLOW_LEVELS) for i in range(GLOW_LEVELS)]
            for voice, glow in self.glow.items()
        }
        burst_size = round(pad_size * 1.6)
        self.burst: dict[Tier, list[pygame.Surface]] = {
            tier: [
                render_burst(burst_size, colour, i / (BURST_FRAMES - 1))
                for i in range(BURST_FRAMES)
            ]
            for tier, colour in TIER_COLOURS.items()
            if tier is not Tier.MISS
        }

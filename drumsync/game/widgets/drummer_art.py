"""A drummer at a kit, drawn in code, striking in time with a chart.

The pose comes from :mod:`.drummer_motion` (pure maths). :func:`draw_drummer` paints it: kick
drum with the player's colour on its front head, a rack tom, snare, hi-hat and crash on
stands, and the drummer behind them in a blue jacket (the two leaders' coordinated blue
jackets), seen from the audience. The right hand plays the cymbals, the left the snare, the
foot the kick. ``mirror`` flips the kit so a pair can stand with cymbals on the outer sides.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame
import pygame.gfxdraw

from ...core.voices import Voice
from ..runtime import theme
from .drummer_motion import Pose

Point = tuple[float, float]

STICK_LEN = 72.0
CHROME = (196, 202, 218)
CHROME_DARK = (110, 116, 136)
CYMBAL = (212, 176, 92)
CYMBAL_EDGE = (150, 118, 52)
SHIRT = (236, 238, 244)
STICK = (232, 206, 160)


# --- drawing --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DrummerLook:
    accent: theme.Colour  # the player's colour: drum shells and the kick's front head
    jacket: theme.Colour = (38, 84, 170)
    skin: theme.Colour = (232, 192, 158)
    hair: theme.Colour = (32, 30, 38)
    tie: theme.Colour = (178, 34, 52)


# Kit geometry in "kit pixels": x to the audience's right, y up from the floor.
KICK_C, KICK_R = (0.0, 64.0), 64.0
TOM_C, TOM_W, TOM_H = (30.0, 150.0), 58.0, 34.0
SNARE_C, SNARE_W, SNARE_H = (98.0, 112.0), 88.0, 30.0
HIHAT_C, HIHAT_W = (-122.0, 158.0), 96.0
CRASH_C, CRASH_W = (-150.0, 246.0), 118.0
SHOULDERS = ((-50.0, 204.0), (50.0, 204.0))  # right (audience's left), left
HEAD_C, HEAD_R = (0.0, 258.0), 27.0
#: Where each stick's tip lands, and the direction the stick points at impact.
STRIKE = {
    Voice.HIHAT: ((-118.0, 166.0), math.radians(198)),
    Voice.CRASH: ((-136.0, 250.0), math.radians(168)),
    Voice.SNARE: ((92.0, 124.0), math.radians(-16)),
}
RAISED_ANGLE = {Voice.HIHAT: math.radians(118), Voice.CRASH: math.radians(112)}
SNARE_RAISED_ANGLE = math.radians(62)


class _Pen:
    """Kit pixels to screen pixels: scale, mirror and place."""

    def __init__(self, surface: pygame.Surface, base: Point, scale: float, mirror: bool) -> None:
        self.surface = surface
        self.bx, self.by = base
        self.s = scale
        self.m = -1.0 if mirror else 1.0

    def p(self, point: Point) -> tuple[int, int]:
        return (round(self.bx + self.m * point[0] * self.s), round(self.by - point[1] * self.s))

    def n(self, length: float) -> int:
        return max(1, round(length * self.s))

    def polygon(self, colour, points: Sequence[Point]) -> None:
        pts = [self.p(q) for q in points]
        pygame.gfxdraw.filled_polygon(self.surface, pts, colour)
        pygame.gfxdraw.aapolygon(self.surface, pts, colour)

    def circle(self, colour, centre: Point, radius: float, width: int = 0) -> None:
        pygame.draw.aacircle(self.surface, colour, self.p(centre), self.n(radius), width)

    def ellipse(self, colour, centre: Point, w: float, h: float, outline=None) -> None:
        x, y = self.p(centre)
        rx, ry = self.n(w / 2), self.n(h / 2)
        pygame.gfxdraw.filled_ellipse(self.surface, x, y, rx, ry, colour)
        pygame.gfxdraw.aaellipse(self.surface, x, y, rx, ry, outline or colour)

    def line(self, colour, a: Point, b: Point, width: float) -> None:
        w = self.n(width)
        pa, pb = self.p(a), self.p(b)
        if w <= 2:
            pygame.draw.aaline(self.surface, colour, pa, pb, w)
            return
        pygame.draw.line(self.surface, colour, pa, pb, w)
        for end in (pa, pb):  # round caps
            pygame.draw.aacircle(self.surface, colour, end, w // 2)

    def tilted_disc(self, colour, edge, centre: Point, w: float, h: float, tilt: float) -> None:
        """A cymbal: a thin ellipse rotated by ``tilt`` radians."""
        cos_t, sin_t = math.cos(tilt), math.sin(tilt)
        points = []
        for k in range(28):
            a = 2 * math.pi * k / 28
            x, y = w / 2 * math.cos(a), h / 2 * math.sin(a)
            points.append((centre[0] + x * cos_t - y * sin_t, centre[1] + x * sin_t + y * cos_t))
        self.polygon(colour, points)
        pygame.gfxdraw.aapolygon(self.surface, [self.p(q) for q in points], edge)


def _stick(
    target: Point, strike_angle: float, raised_angle: float, lift: float
) -> tuple[Point, Point]:
    """(grip, tip) of a stick ``lift`` of the way from resting on ``target`` to raised."""
    gx = target[0] - STICK_LEN * math.cos(strike_angle)
    gy = target[1] - STICK_LEN * math.sin(strike_angle)
    grip = (gx, gy + 20.0 * lift)
    # turn the short way from the strike angle to the raised one
    delta = (raised_angle - strike_angle + math.pi) % (2 * math.pi) - math.pi
    angle = strike_angle + delta * lift
    tip = (grip[0] + STICK_LEN * math.cos(angle), grip[1] + STICK_LEN * math.sin(angle))
    return grip, tip


def _elbow(shoulder: Point, hand: Point, outward: float) -> Point:
    mx, my = (shoulder[0] + hand[0]) / 2, (shoulder[1] + hand[1]) / 2
    dx, dy = hand[0] - shoulder[0], hand[1] - shoulder[1]
    length = math.hypot(dx, dy) or 1.0
    bend = max(0.0, 34.0 - length * 0.22)
    nx, ny = -dy / length, dx / length  # perpendicular
    if nx * outward < 0:
        nx, ny = -nx, -ny
    return (mx + nx * bend, my + ny * bend - 6.0)


def draw_drummer(
    surface: pygame.Surface,
    look: DrummerLook,
    pose: Pose,
    base: Point,
    scale: float = 1.0,
    mirror: bool = False,
) -> None:
    """Paint the kit and drummer with the floor centre of the kick drum at ``base``."""
    pen = _Pen(surface, base, scale, mirror)
    flash = pose.flash
    shell = theme.darken(look.accent, 0.45)
    nod = pose.nod

    # stands behind everything
    pen.line(CHROME_DARK, (CRASH_C[0] - 4, 0), (CRASH_C[0] + 6, CRASH_C[1]), 4)
    pen.line(CHROME_DARK, (HIHAT_C[0], 0), (HIHAT_C[0], HIHAT_C[1] + 8), 4)
    for dx in (-26, 26):
        pen.line(CHROME_DARK, (HIHAT_C[0], 40), (HIHAT_C[0] + dx, 0), 3)
        pen.line(CHROME_DARK, (CRASH_C[0] - 4, 34), (CRASH_C[0] - 4 + dx, 0), 3)

    # the drummer: torso, head
    _draw_body(pen, look, nod)

    # cymbals
    crash_colour = theme.lighten(CYMBAL, 0.55 * flash[Voice.CRASH])
    pen.tilted_disc(crash_colour, CYMBAL_EDGE, CRASH_C, CRASH_W, 16, 0.10 + pose.crash_tilt)
    pen.circle(CYMBAL_EDGE, (CRASH_C[0], CRASH_C[1] + 3), 4)
    hat_colour = theme.lighten(CYMBAL, 0.5 * flash[Voice.HIHAT])
    open_gap = 5.0 + 4.0 * flash[Voice.HIHAT]
    pen.tilted_disc(hat_colour, CYMBAL_EDGE, (HIHAT_C[0], HIHAT_C[1] - open_gap), HIHAT_W, 11, 0)
    pen.tilted_disc(hat_colour, CYMBAL_EDGE, HIHAT_C, HIHAT_W, 11, pose.hihat_tilt)

    # rack tom and snare
    _draw_drum(pen, TOM_C, TOM_W, TOM_H, shell, 0.0)
    pen.line(CHROME_DARK, (SNARE_C[0], SNARE_C[1] - SNARE_H / 2), (SNARE_C[0], 40), 4)
    for dx in (-24, 24):
        pen.line(CHROME_DARK, (SNARE_C[0], 40), (SNARE_C[0] + dx, 0), 3)
    _draw_drum(pen, SNARE_C, SNARE_W, SNARE_H, CHROME_DARK, flash[Voice.SNARE], chrome=True)

    # kick drum, front head facing the audience
    _draw_kick(pen, look.accent, shell, flash[Voice.KICK])

    # arms and sticks in front
    _draw_arms(pen, look, pose)


def _draw_body(pen: _Pen, look: DrummerLook, nod: float) -> None:
    jacket, dark = look.jacket, theme.darken(look.jacket, 0.35)
    (rx, ry), (lx, ly) = SHOULDERS
    torso = [
        (rx - 6, ry - 6),
        (rx + 10, ry + 8),
        (lx - 10, ly + 8),
        (lx + 6, ly - 6),
        (44, 96),
        (-44, 96),
    ]
    pen.polygon(jacket, torso)
    # shirt and tie in the V of the lapels
    pen.polygon(SHIRT, [(-16, 210), (16, 210), (0, 160)])
    pen.polygon(look.tie, [(-4, 206), (4, 206), (6, 172), (0, 162), (-6, 172)])
    pen.polygon(dark, [(-18, 211), (-4, 200), (-2, 150), (-14, 170), (-30, 200)])
    pen.polygon(dark, [(18, 211), (4, 200), (2, 150), (14, 170), (30, 200)])
    # neck and head (nodding on the beat)
    hx, hy = HEAD_C[0], HEAD_C[1] - nod
    pen.polygon(theme.darken(look.skin, 0.15), [(-9, 212), (9, 212), (8, hy - 14), (-8, hy - 14)])
    pen.circle(look.skin, (hx, hy), HEAD_R)
    pen.polygon(
        look.hair,
        [
            (hx - HEAD_R - 1, hy + 2),
            (hx - HEAD_R + 2, hy + 16),
            (hx - 12, hy + HEAD_R + 3),
            (hx + 10, hy + HEAD_R + 4),
            (hx + HEAD_R, hy + 14),
            (hx + HEAD_R + 1, hy + 2),
            (hx + 14, hy + 12),
            (hx - 10, hy + 14),
        ],
    )
    eye = theme.darken(look.skin, 0.7)
    pen.circle(eye, (hx - 9, hy - 2), 2.6)
    pen.circle(eye, (hx + 9, hy - 2), 2.6)
    pen.line(theme.darken(look.skin, 0.45), (hx - 6, hy - 13), (hx + 6, hy - 13), 2)


def _draw_drum(
    pen: _Pen, centre: Point, w: float, h: float, shell, flash: float, chrome: bool = False
) -> None:
    cx, cy = centre
    top, bottom = cy + h / 2, cy - h / 2
    body = theme.lighten(shell, 0.25 * flash)
    pen.polygon(
        body, [(cx - w / 2, top), (cx + w / 2, top), (cx + w / 2, bottom), (cx - w / 2, bottom)]
    )
    pen.ellipse(body, (cx, bottom), w, h * 0.45)
    for k in range(1, 5):  # lugs
        x = cx - w / 2 + w * k / 5
        pen.line(CHROME if chrome else theme.lighten(shell, 0.35), (x, top - 4), (x, bottom + 4), 2)
    head = theme.lighten((214, 216, 224), 0.8 * flash)
    pen.ellipse(head, (cx, top), w, h * 0.5, CHROME)


def _draw_kick(pen: _Pen, accent, shell, flash: float) -> None:
    thump = 2.0 * flash
    pen.circle(CHROME, KICK_C, KICK_R + 2 + thump)
    pen.circle(shell, KICK_C, KICK_R - 3 + thump)
    head = theme.mix(theme.BACKGROUND, accent, 0.18 + 0.35 * flash)
    pen.circle(head, KICK_C, KICK_R - 12)
    pen.circle(theme.lighten(accent, 0.3 * flash), KICK_C, KICK_R - 15, max(2, pen.n(5)))
    pen.circle(theme.lighten(accent, 0.2 + 0.5 * flash), KICK_C, 17)
    pen.circle(theme.BACKGROUND, KICK_C, 9)
    for angle in range(0, 360, 45):  # tension rods on the hoop
        a = math.radians(angle + 22.5)
        x, y = KICK_C[0] + math.cos(a) * (KICK_R - 1), KICK_C[1] + math.sin(a) * (KICK_R - 1)
        pen.circle(CHROME_DARK, (x, y), 3)


def _draw_arms(pen: _Pen, look: DrummerLook, pose: Pose) -> None:
    right_target = pose.right_target if pose.right_target in RAISED_ANGLE else Voice.HIHAT
    spot, angle = STRIKE[right_target]
    grip_r, tip_r = _stick(spot, angle, RAISED_ANGLE[right_target], pose.right_lift)
    spot, angle = STRIKE[Voice.SNARE]
    grip_l, tip_l = _stick(spot, angle, SNARE_RAISED_ANGLE, pose.left_lift)
    sleeve = theme.lighten(look.jacket, 0.08)
    cuff = theme.darken(look.jacket, 0.3)
    for shoulder, grip, tip, outward in (
        (SHOULDERS[0], grip_r, tip_r, -1.0),
        (SHOULDERS[1], grip_l, tip_l, 1.0),
    ):
        elbow = _elbow(shoulder, grip, outward)
        pen.line(sleeve, shoulder, elbow, 19)
        pen.line(sleeve, elbow, grip, 16)
        pen.line(cuff, _toward(grip, elbow, 9), _toward(grip, elbow, 13), 17)
        pen.line(STICK, grip, tip, 4)
        pen.circle(theme.lighten(STICK, 0.4), tip, 3)
        pen.circle(look.skin, grip, 8.5)


def _toward(a: Point, b: Point, distance: float) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    return (a[0] + dx / length * distance, a[1] + dy / length * distance)


__all__ = ["DrummerLook", "draw_drummer"]

"""One player's drum highway: a lane per voice, notes scrolling in song time to a hit line.

A note's height depends on song time only: ``y = hit_y - (note_time_s - song_time_s) * speed``,
so it sits on the hit line exactly when the song reaches it, whatever the frame rate.
"""

from __future__ import annotations

import numpy as np
import pygame

from ....core.chart import Part
from ....core.voices import Player, Voice
from ....core.windows import Tier
from ...runtime import theme
from ...runtime.input.keyboard import LANE_ORDER
from ...runtime.sprites import BURST_FRAMES, GLOW_LEVELS, NOTE_FADE_LEVELS, NoteSprites
from ...runtime.text import TextCache

NOTE_PENDING, NOTE_HIT, NOTE_MISSED = 0, 1, 2
FLASH_S = 0.14
BURST_S = 0.22
FADE_H = 70  # notes fade in over this many px at the top


def note_y(note_time_s, song_time_s: float, hit_y: float, speed_px_per_s: float):
    """Screen height of a note (scalar or array): on ``hit_y`` when the times are equal."""
    return hit_y - (np.asarray(note_time_s, dtype=np.float64) - song_time_s) * speed_px_per_s


def visible_span(
    times_s: np.ndarray,
    song_time_s: float,
    top_y: float,
    bottom_y: float,
    hit_y: float,
    speed_px_per_s: float,
    margin_px: float,
) -> tuple[int, int]:
    """Index range of sorted ``times_s`` whose notes overlap ``top_y..bottom_y``."""
    earliest = song_time_s - (bottom_y - hit_y + margin_px) / speed_px_per_s
    latest = song_time_s + (hit_y - top_y + margin_px) / speed_px_per_s
    lo = int(np.searchsorted(times_s, earliest, side="left"))
    hi = int(np.searchsorted(times_s, latest, side="right"))
    return lo, hi


class Highway:
    """Draws one part; the play scene tells it about hits, misses and strikes."""

    def __init__(
        self,
        player: Player,
        part: Part,
        beat_times_s: np.ndarray,
        beats_per_bar: int,
        sprites: NoteSprites,
        text: TextCache,
        key_labels: dict[Voice, str],
        speed_px_per_s: float,
        x: int | None = None,
        lane_order: tuple[Voice, ...] | None = None,
    ) -> None:
        self.player = player
        self.part = part
        self.sprites = sprites
        self.text = text
        self.lane_order = lane_order or LANE_ORDER[player]
        self.rect = pygame.Rect(
            theme.HIGHWAY_X[player] if x is None else x,
            theme.HIGHWAY_TOP,
            theme.LANE_W * len(self.lane_order),
            theme.HIGHWAY_BOTTOM - theme.HIGHWAY_TOP,
        )
        self.hit_y = theme.HIT_LINE_Y
        self.speed_px_per_s = float(speed_px_per_s)
        self._lane_of = {voice: i for i, voice in enumerate(self.lane_order)}
        self.lane_x = [self.rect.x + theme.LANE_W * i + theme.LANE_W // 2 for i in range(4)]
        self._times = np.ascontiguousarray(part.time_s)
        self._voices = [Voice(int(v)) for v in part.voice]
        self._note_x = np.array(
            [self.lane_x[self._lane_of[v]] - sprites.note_size // 2 for v in self._voices],
            dtype=np.int32,
        )
        self.state = np.zeros(len(part), dtype=np.int8)
        self._beat_times = np.ascontiguousarray(beat_times_s, dtype=np.float64)
        self._bar_flags = (np.arange(len(self._beat_times)) % beats_per_bar) == 0
        self._flash_at = [-1e9] * len(self.lane_order)
        self._burst_at = [-1e9] * len(self.lane_order)
        self._burst_tier = [Tier.PERFECT] * len(self.lane_order)
        self._background = self._render_background(key_labels)
        self._beat_line = self._render_line(theme.BEAT_LINE, 1)
        self._bar_line = self._render_line(theme.BAR_LINE, 2)

    # -- state --------------------------------------------------------------------------
    def reset(self) -> None:
        self.state[:] = NOTE_PENDING
        self._flash_at = [-1e9] * len(self.lane_order)
        self._burst_at = [-1e9] * len(self.lane_order)

    def set_speed(self, speed_px_per_s: float) -> None:
        self.speed_px_per_s = float(speed_px_per_s)

    def strike(self, voice: Voice, song_time_s: float) -> None:
        """A key for ``voice`` went down: flash its pad."""
        self._flash_at[self._lane_of[voice]] = song_time_s

    def mark_hit(self, note_index: int, tier: Tier, song_time_s: float) -> None:
        self.state[note_index] = NOTE_HIT
        lane = self._lane_of[self._voices[note_index]]
        self._burst_at[lane] = song_time_s
        self._burst_tier[lane] = tier

    def mark_missed(self, note_index: int) -> None:
        self.state[note_index] = NOTE_MISSED

    def note_y(self, note_index: int, song_time_s: float) -> float:
        return float(note_y(self._times[note_index], song_time_s, self.hit_y, self.speed_px_per_s))

    # -- drawing ------------------------------------------------------------------------
    def draw_static(self, surface: pygame.Surface) -> None:
        """Lanes, hit line, pads and key labels: everything that does not move."""
        surface.blit(self._background, self.rect)
        for lane, voice in enumerate(self.lane_order):
            pad = self.sprites.pad[voice]
            cx = self.lane_x[lane]
            surface.blit(pad, (cx - pad.get_width() // 2, self.hit_y - pad.get_height() // 2))

    def draw(self, surface: pygame.Surface, song_time_s: float) -> None:
        """What moves, over :meth:`draw_static`'s layer: beat lines, notes, flashes."""
        rect = self.rect
        clip = surface.get_clip()
        surface.set_clip(rect)
        self._draw_beat_lines(surface, song_time_s)
        self._draw_flashes(surface, song_time_s)
        self._draw_notes(surface, song_time_s)
        self._draw_bursts(surface, song_time_s)
        surface.set_clip(clip)

    def _draw_beat_lines(self, surface: pygame.Surface, t: float) -> None:
        lo, hi = visible_span(
            self._beat_times,
            t,
            self.rect.top,
            self.rect.bottom,
            self.hit_y,
            self.speed_px_per_s,
            4,
        )
        if lo >= hi:
            return
        ys = note_y(self._beat_times[lo:hi], t, self.hit_y, self.speed_px_per_s)
        x = self.rect.x
        top = self.rect.top + FADE_H // 3  # lines appear a little below the top edge
        for y, bar in zip(ys.tolist(), self._bar_flags[lo:hi].tolist(), strict=True):
            if y < top:
                continue
            line = self._bar_line if bar else self._beat_line
            surface.blit(line, (x + 2, round(y) - line.get_height() // 2))

    def _draw_flashes(self, surface: pygame.Surface, t: float) -> None:
        sprites = self.sprites
        for lane, voice in enumerate(self.lane_order):
            age = t - self._flash_at[lane]
            if 0.0 <= age < FLASH_S:
                cx = self.lane_x[lane]
                levels = sprites.glow_levels[voice]
                glow = levels[min(GLOW_LEVELS - 1, int((1.0 - age / FLASH_S) * GLOW_LEVELS))]
                surface.blit(
                    glow, (cx - glow.get_width() // 2, self.hit_y - glow.get_height() // 2)
                )

    def _draw_notes(self, surface: pygame.Surface, t: float) -> None:
        half = self.sprites.note_size // 2
        lo, hi = visible_span(
            self._times, t, self.rect.top, self.rect.bottom, self.hit_y, self.speed_px_per_s, half
        )
        if lo >= hi:
            return
        centres = note_y(self._times[lo:hi], t, self.hit_y, self.speed_px_per_s)
        ys = (centres.round().astype(np.int32) - half).tolist()
        # notes fade in over the top FADE_H px of the highway (opacity level per note)
        fade = np.clip((centres - self.rect.top) / FADE_H, 0.0, 1.0)
        levels = (fade * (NOTE_FADE_LEVELS - 1)).astype(np.int32).tolist()
        fades, missed, voices = self.sprites.note_fades, self.sprites.missed, self._voices
        state, xs = self.state, self._note_x
        # latest first, so earlier notes are drawn on top of later ones
        for i in range(hi - 1, lo - 1, -1):
            s = state[i]
            level = levels[i - lo]
            if s == NOTE_HIT or level == 0:
                continue
            sprite = missed[voices[i]] if s == NOTE_MISSED else fades[voices[i]][level]
            surface.blit(sprite, (int(xs[i]), ys[i - lo]))

    def _draw_bursts(self, surface: pygame.Surface, t: float) -> None:
        for lane in range(len(self.lane_order)):
            age = t - self._burst_at[lane]
            if not 0.0 <= age < BURST_S:
                continue
            frames = self.sprites.burst[self._burst_tier[lane]]
            frame = frames[min(BURST_FRAMES - 1, int(age / BURST_S * BURST_FRAMES))]
            cx = self.lane_x[lane]
            surface.blit(frame, (cx - frame.get_width() // 2, self.hit_y - frame.get_height() // 2))

    # -- pre-rendered parts ---------------------------------------------------------------
    def _render_background(self, key_labels: dict[Voice, str]) -> pygame.Surface:
        w, h = self.rect.size
        bg = pygame.Surface((w, h))
        bg.fill(theme.LANE_DARK)
        for lane, voice in enumerate(self.lane_order):
            x0 = lane * theme.LANE_W
            shade = theme.LANE_LIGHT if lane % 2 else theme.LANE_DARK
            pygame.draw.rect(bg, shade, (x0, 0, theme.LANE_W, h))
            tint = theme.mix(shade, theme.VOICE_COLOURS[voice], 0.07)
            pygame.draw.rect(bg, tint, (x0 + 4, 0, theme.LANE_W - 8, h))
            rail = theme.mix(shade, theme.VOICE_COLOURS[voice], 0.22)
            cx = x0 + theme.LANE_W // 2
            pygame.draw.line(bg, rail, (cx, 0), (cx, h), 2)
            if lane:
                pygame.draw.line(bg, theme.LANE_EDGE, (x0, 0), (x0, h))
        hit = self.hit_y - self.rect.y
        # the area under the hit line is darker: notes there are past
        shade = pygame.Surface((w, h - hit), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 110))
        bg.blit(shade, (0, hit))
        # the lanes fade into the dark at the top, where the notes fade in
        fade = pygame.Surface((w, FADE_H), pygame.SRCALPHA)
        r, g, b = theme.LANE_DARK
        for y in range(FADE_H):
            alpha = round(235 * (1.0 - y / FADE_H) ** 1.6)
            pygame.draw.line(fade, (r, g, b, alpha), (0, y), (w, y))
        bg.blit(fade, (0, 0))
        pygame.draw.line(bg, theme.HIT_LINE, (0, hit), (w, hit), 3)
        pygame.draw.rect(bg, theme.LANE_EDGE, (0, 0, w, h), 2)
        label_y = hit + theme.PAD_SIZE // 2 + 22
        for lane, voice in enumerate(self.lane_order):
            cx = lane * theme.LANE_W + theme.LANE_W // 2
            label = key_labels.get(voice, "")
            self.text.blit(bg, label, theme.FONT_LABEL, theme.TEXT, (cx, label_y), "center")
            self.text.blit(
                bg,
                voice.label.upper(),
                theme.FONT_TINY,
                theme.TEXT_DIM,
                (cx, label_y + 26),
                "center",
            )
        return bg.convert() if pygame.display.get_surface() is not None else bg

    def _render_line(self, colour, width: int) -> pygame.Surface:
        line = pygame.Surface((self.rect.width - 4, width))
        line.fill(colour)
        return line.convert() if pygame.display.get_surface() is not None else line

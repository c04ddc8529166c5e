"""The results screen's stat panels, each drawn once onto a surface.

* :func:`draw_player_card`: grade (big), score, accuracy, tier counts, max combo, stray hits,
  and the player's timing (mean offset as "x ms early/late", SD) on a small gauge;
* :func:`draw_sync_panel`: the headline sync percentage, who led and by how much, the sync
  tiers, delta statistics and phase coherence;
* :func:`draw_result_box`: the team result (duet, solo) or the winner (versus);
* :func:`draw_caption`: the article's quote, word-wrapped and centred.

Texts and the wording of the statistics come from small pure functions, so tests check them
without drawing.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from ....core.scoring import PlayerScore, TeamScore, grade_for, versus_result
from ....core.sync import SyncReport
from ....core.verdict import sync_verdict
from ....core.voices import Player
from ....core.windows import Tier
from ...runtime import theme
from ...runtime.text import TextCache
from ...widgets.panels import draw_card
from ...widgets.text_fit import GRADE_COLOURS, fit_paragraph, fit_text

FONT_GRADE = 112
FONT_SYNC = 120
FONT_RESULT = 44
FONT_GAUGE = 15
#: The timing gauge spans ± this many ms.
GAUGE_MS = 50.0
#: |mean offset| below this reads as "on time".
ON_TIME_MS = 0.5

TEAM_COLOUR = theme.OI_YELLOW
MISSED_PAIR_COLOUR = theme.MISSED_NOTE


def timing_text(mean_offset_ms: float | None) -> str:
    """A player's mean offset in words: "12.3 ms early", "4.0 ms late", "on time"."""
    if mean_offset_ms is None:
        return "no hits"
    if abs(mean_offset_ms) < ON_TIME_MS:
        return "on time"
    side = "early" if mean_offset_ms < 0 else "late"
    return f"{abs(mean_offset_ms):.1f} ms {side}"


def lead_text(sync: SyncReport, names: Sequence[str]) -> str:
    """The verdict (from the sync % and the share of shared points both hit, see
    :mod:`drumsync.core.verdict`), then who led when that means anything:
    "MOSTLY TOGETHER · ANN LED BY 12 ms", "IN STEP", "RARELY TOGETHER"."""
    verdict = sync_verdict(sync.percent, sync.pair_count, sync.both_hit)
    if not verdict.shows_lead or sync.lead_ms is None or sync.leader not in ("p1", "p2"):
        return verdict.words
    player = Player.parse(sync.leader)
    return f"{verdict.words} · {names[int(player)].upper()} LED BY {sync.lead_ms:.0f} ms"


def lead_colour(sync: SyncReport) -> theme.Colour:
    verdict = sync_verdict(sync.percent, sync.pair_count, sync.both_hit)
    if not verdict.shows_lead:
        return theme.TEXT_DIM
    if sync.leader in ("p1", "p2") and sync.lead_ms is not None:
        return theme.PLAYER_COLOURS[Player.parse(sync.leader)]
    return theme.TEXT


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _stacked_bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    counts: Sequence[int],
    colours: Sequence[theme.Colour],
) -> None:
    """A rounded bar split in proportion to ``counts``."""
    pygame.draw.rect(surface, theme.LANE_DARK, rect, border_radius=rect.height // 2)
    total = sum(counts)
    if total <= 0:
        return
    bar = pygame.Surface(rect.size, pygame.SRCALPHA)
    x = 0.0
    for count, colour in zip(counts, colours, strict=True):
        width = rect.width * count / total
        if count:
            pygame.draw.rect(bar, colour, (round(x), 0, round(x + width) - round(x), rect.height))
        x += width
    mask = pygame.Surface(rect.size, pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), mask.get_rect(), border_radius=rect.height // 2)
    bar.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(bar, rect)


def _count_columns(
    surface: pygame.Surface,
    text: TextCache,
    rect: pygame.Rect,
    y: int,
    items: Sequence[tuple[str, int, theme.Colour]],
) -> None:
    """Counts (coloured) over their labels, in equal columns across ``rect``."""
    width = rect.width / len(items)
    for i, (label, count, colour) in enumerate(items):
        cx = rect.x + width * (i + 0.5)
        text.blit(surface, f"{count}", theme.FONT_BODY, colour, (cx, y), "midtop")
        text.blit(surface, label, theme.FONT_TINY, theme.TEXT_DIM, (cx, y + 32), "midtop")


def _stat(
    surface: pygame.Surface,
    text: TextCache,
    label: str,
    value: str,
    pos: tuple[int, int],
    anchor: str = "topleft",
    size: int = theme.FONT_LABEL,
    colour: theme.Colour = theme.TEXT,
) -> None:
    """A small faint label with its value under it."""
    x, y = pos
    text.blit(surface, label, theme.FONT_TINY, theme.TEXT_FAINT, (x, y), anchor)
    text.blit(surface, value, size, colour, (x, y + 20), anchor)


def _pill(
    surface: pygame.Surface,
    text: TextCache,
    label: str,
    pos: tuple[int, int],
    colour: theme.Colour,
    anchor: str = "topright",
) -> pygame.Rect:
    w, h = text.size(label, theme.FONT_TINY)
    pill = pygame.Rect(0, 0, w + 20, h + 8)
    setattr(pill, anchor, pos)
    pygame.draw.rect(surface, colour, pill, border_radius=pill.height // 2)
    text.blit(surface, label, theme.FONT_TINY, theme.BACKGROUND, pill.center, "center")
    return pill


def _timing_gauge(
    surface: pygame.Surface,
    rect: pygame.Rect,
    colour: theme.Colour,
    mean_ms: float | None,
    sd_ms: float | None,
) -> None:
    """A bar from -GAUGE_MS (early) to +GAUGE_MS (late): the mean ± SD band and the mean."""
    pygame.draw.rect(surface, theme.LANE_DARK, rect, border_radius=rect.height // 2)

    def x_of(ms: float) -> float:
        ms = min(GAUGE_MS, max(-GAUGE_MS, ms))
        return rect.x + (ms + GAUGE_MS) / (2 * GAUGE_MS) * rect.width

    if mean_ms is not None:
        sd = sd_ms or 0.0
        left, right = x_of(mean_ms - sd), x_of(mean_ms + sd)
        band = pygame.Rect(round(left), rect.y, max(2, round(right - left)), rect.height)
        pygame.draw.rect(surface, theme.darken(colour, 0.35), band, border_radius=rect.height // 2)
    cx = x_of(0.0)
    pygame.draw.line(surface, theme.TEXT_DIM, (cx, rect.y - 4), (cx, rect.bottom + 3))
    if mean_ms is not None:
        mx = x_of(mean_ms)
        pygame.draw.circle(surface, colour, (mx, rect.centery), rect.height // 2 + 3)
        pygame.draw.circle(surface, theme.TEXT, (mx, rect.centery), rect.height // 2 + 3, 2)


def draw_player_card(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    player: Player,
    name: str,
    score: PlayerScore,
    badge: str = "",
) -> None:
    """One player's result in ``rect`` (about 360 x 340 px). ``badge`` (e.g. "WINNER") is shown
    as a pill beside the name and draws the card's edge in the player's colour."""
    colour = theme.PLAYER_COLOURS[player]
    edge = colour if badge else theme.darken(colour, 0.45)
    draw_card(surface, rect, colour, edge, 3 if badge else 2)
    x, y, right = rect.x + 18, rect.y, rect.right - 18
    text.blit(surface, name.upper(), theme.FONT_SMALL, colour, (x, y + 18))
    if badge:
        _pill(surface, text, badge, (right, y + 14), colour)
    # grade and the two headline numbers
    grade_colour = GRADE_COLOURS.get(score.grade, theme.TEXT)
    text.blit(surface, score.grade, FONT_GRADE, grade_colour, (x + 56, y + 100), "center")
    _stat(surface, text, "SCORE", f"{score.points:,}", (x + 134, y + 44))
    _stat(surface, text, "ACCURACY", f"{score.accuracy_percent:.1f}%", (x + 134, y + 100))
    # tier counts
    counts = score.counts.as_tuple()
    tier_colours = [theme.TIER_COLOURS[t] for t in Tier]
    bar = pygame.Rect(x, y + 164, right - x, 8)
    _stacked_bar(surface, bar, counts, tier_colours)
    items = [(t.name, c, col) for t, c, col in zip(Tier, counts, tier_colours, strict=True)]
    _count_columns(surface, text, bar, y + 180, items)
    pygame.draw.line(surface, theme.PANEL_EDGE, (x, y + 238), (right, y + 238))
    # combo, stray hits, spread
    _stat(surface, text, "MAX COMBO", f"{score.max_combo}", (x, y + 248), size=theme.FONT_BODY)
    _stat(
        surface,
        text,
        "STRAY HITS",
        f"{score.stray}",
        (x + 120, y + 248),
        size=theme.FONT_BODY,
        colour=theme.TEXT if score.stray else theme.TEXT_DIM,
    )
    spread = "–" if score.sd_offset_ms is None else f"± {score.sd_offset_ms:.1f} ms"
    _stat(surface, text, "SPREAD (SD)", spread, (right, y + 248), "topright", theme.FONT_BODY)
    # timing: mean offset in words, and on a gauge from early to late
    cy = rect.bottom - 22
    words = text.blit(
        surface,
        timing_text(score.mean_offset_ms),
        theme.FONT_SMALL,
        theme.TEXT,
        (x, cy),
        "midleft",
    )
    late = text.blit(surface, "late", FONT_GAUGE, theme.TEXT_FAINT, (right, cy), "midright")
    early_w = text.size("early", FONT_GAUGE)[0]
    left = max(words.right + 16, x + 150)
    text.blit(surface, "early", FONT_GAUGE, theme.TEXT_FAINT, (left, cy), "midleft")
    gauge = pygame.Rect(left + early_w + 10, cy - 4, late.x - 10 - (left + early_w + 10), 8)
    _timing_gauge(surface, gauge, colour, score.mean_offset_ms, score.sd_offset_ms)


def draw_sync_panel(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    sync: SyncReport,
    names: Sequence[str],
) -> None:
    """The headline: how together the pair played (about 448 x 270 px)."""
    draw_card(surface, rect, None, theme.PANEL_EDGE, 1)
    cx, y = rect.centerx, rect.y
    text.blit(surface, "SYNC", theme.FONT_SMALL, theme.TEXT_DIM, (cx, y + 12), "midtop")
    text.blit(surface, percent_text(sync.percent), FONT_SYNC, theme.TEXT, (cx, y + 86), "center")
    fit_text(
        surface,
        text,
        lead_text(sync, names),
        theme.FONT_BODY,
        lead_colour(sync),
        (cx, y + 132),
        rect.width - 32,
        anchor="midtop",
    )
    t = sync.tiers
    counts = (t.unison, t.together, t.close, t.apart, t.missed)
    colours = (*theme.SYNC_TIER_COLOURS, MISSED_PAIR_COLOUR)
    bar = pygame.Rect(rect.x + 24, y + 174, rect.width - 48, 8)
    _stacked_bar(surface, bar, counts, colours)
    labels = (*theme.SYNC_TIER_NAMES, "MISSED")
    _count_columns(surface, text, bar, y + 188, list(zip(labels, counts, colours, strict=True)))
    text.blit(
        surface,
        sync_stats_text(sync),
        theme.FONT_TINY,
        theme.TEXT_FAINT,
        (cx, rect.bottom - 12),
        "midbottom",
    )


def sync_stats_text(sync: SyncReport) -> str:
    """Delta mean/SD and phase coherence in one line."""
    if sync.mean_delta_ms is None or sync.sd_delta_ms is None:
        return f"{sync.pair_count} shared beats, none played by both"
    parts = [f"delta {sync.mean_delta_ms:+.1f} ± {sync.sd_delta_ms:.1f} ms"]
    if sync.phase_coherence is not None:
        parts.append(f"phase coherence {sync.phase_coherence:.2f}")
    return "  ·  ".join(parts)


def draw_result_box(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    mode: str,
    players: Sequence[PlayerScore],
    team: TeamScore,
    names: Sequence[str],
) -> None:
    """Versus: the winner and the margin, in the winner's colour. Duet and solo: the team's
    percent, grade and points, highlighted."""
    cy = rect.centery
    if mode == "versus":
        result = versus_result(players[0].points, players[1].points)
        colour = theme.TEXT if result.leader is None else theme.PLAYER_COLOURS[result.leader]
        draw_card(surface, rect, None, colour, 2)
        if result.leader is None:
            headline, detail = "DRAW", f"both {players[0].points:,} points"
        else:
            headline = f"{names[int(result.leader)].upper()} WINS"
            detail = f"by {result.margin:,} points"
        text.blit(surface, headline, FONT_RESULT, colour, (rect.x + 22, cy), "midleft")
        text.blit(
            surface, detail, theme.FONT_SMALL, theme.TEXT_DIM, (rect.right - 22, cy), "midright"
        )
        return
    draw_card(surface, rect, None, TEAM_COLOUR, 2)
    label = "TEAM"
    text.blit(surface, label, theme.FONT_SMALL, TEAM_COLOUR, (rect.x + 22, cy), "midleft")
    grade = grade_for(team.percent)
    w = text.size(label, theme.FONT_SMALL)[0]
    value = text.blit(
        surface, f"{team.percent:.1f}%", FONT_RESULT, theme.TEXT, (rect.x + 34 + w, cy), "midleft"
    )
    text.blit(
        surface,
        grade,
        FONT_RESULT,
        GRADE_COLOURS.get(grade, theme.TEXT),
        (value.right + 18, cy),
        "midleft",
    )
    right = rect.right - 22
    text.blit(
        surface, f"{team.points:,}", theme.FONT_BODY, theme.TEXT, (right, cy - 2), "bottomright"
    )
    bonus = f"incl. sync bonus {team.sync_bonus:,}"
    text.blit(surface, bonus, theme.FONT_TINY, theme.TEXT_DIM, (right, cy + 2), "topright")


def draw_caption(
    surface: pygame.Surface,
    rect: pygame.Rect,
    text: TextCache,
    quote: str,
    size: int = theme.FONT_SMALL,
) -> int:
    """The quote card (speaker and words, marks included), wrapped, fitted to ``rect`` and
    centred in it; returns the lines."""
    return fit_paragraph(surface, text, quote, size, theme.TEXT_DIM, rect)

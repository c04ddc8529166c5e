"""The match across two machines: the play screen, its song clock the shared one.

Song time is the net session's (the host's clock plus the measured offset), so both sides
count in at the agreed instant and stamp hits on the same song time. This side's player is
judged at once by the play screen's own judge (either set of drum keys plays it) and each
hit is handed to the network. The partner's hits arrive late by the link's delay; each is
flashed on the partner's highway at its own song time as it arrives, and a second judge,
held that far behind the song (:func:`pair_lag_s`), takes both players' hits in time order
for the partner's card and the sync meter: arrival order never decides anything. The
result is not these live judges' but the session's: the merged replay scored by the batch
scorer, the same on both machines. A dropped link freezes the song with a message; the
session resumes it (or ends it, keeping this side's result).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pygame

from ....core.events import InputEvent
from ....core.judgement import Judgement
from ....core.voices import Player, Voice
from ....core.windows import Tier
from ....net.session import Phase as NetPhase
from ...match.net_outcome import net_outcome
from ...match.net_runner import NetRunner, NetView
from ...match.replay_files import file_replay
from ...match.state import Match, MatchOutcome
from ...runtime import theme
from ..play import PlayPhase, PlayScene

#: The partner's judge runs this far behind the song, plus twice the link's one-way delay.
PAIR_LAG_BASE_S = 0.25
#: A second Esc within this long leaves the match.
LEAVE_CONFIRM_S = 3.0
#: The dark band a notice (count-down, lost link, the end) is written on.
NOTICE_BAND = pygame.Rect(0, 300, theme.CANVAS_W, 130)


def pair_lag_s(link_delay_ms: float | None) -> float:
    return PAIR_LAG_BASE_S + 2.0 * (link_delay_ms or 0.0) / 1000.0


class NetPlayScene(PlayScene):
    esc_hint = "Esc twice: leave"

    def __init__(
        self,
        ctx,
        runner: NetRunner,
        on_finished: Callable[[MatchOutcome], None] | None = None,
        on_leave: Callable[[], None] | None = None,
        stage_label: str = "",
    ) -> None:
        super().__init__(ctx, on_finished=on_finished, stage_label=stage_label)
        self.runner = runner
        self.on_leave = on_leave
        #: "play again" after the match: open the online screen again
        self.on_again: Callable[[], None] | None = None
        self.local = runner.local_player
        self.partner = self.local.other
        match = self.match
        self.pair = Match(
            self.chart, match.windows, match.offsets_ms, match.mode, match.player_names
        )
        self._pair_queue: list[InputEvent] = []
        self._partner_seen: set[int] = set()
        self._leave_until_s = -math.inf
        self.music_lost = False
        self.drops_seen = 0
        self.ended_reason = ""  # the network side failed: shown until the player leaves
        self._notice_shade: pygame.Surface | None = None

    # -- life cycle ---------------------------------------------------------------------------
    def enter(self) -> None:
        self._build()
        self.ctx.devices.hold_scans(True)
        self.restart()

    def restart(self) -> None:
        """The first start; after the match ("play again" on the results) a net match cannot
        be replayed alone: back to the online screen (``on_again``) to host or join anew."""
        if self.outcome is None and not self.ended_reason:
            super().restart()
            return
        self.leave()
        if self.on_again is not None:
            self.on_again()

    def exit(self) -> None:
        super().exit()
        self.runner.stop()

    def cover(self) -> None:
        """Nothing pauses a net match but the link: the partner's song goes on."""

    def pause(self, reason: str = "", wait_for: str = "") -> None:
        """A lost focus or device does not stop the shared song (the link is what pauses)."""

    # -- input --------------------------------------------------------------------------------
    def handle(self, event: Any, stamp_s: float) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if self.ended_reason or stamp_s <= self._leave_until_s:
                self.leave()
            else:
                self._leave_until_s = stamp_s + LEAVE_CONFIRM_S
            return
        super().handle(event, stamp_s)

    def leave(self) -> None:
        self.runner.stop()
        if self.on_leave is not None:
            self.on_leave()
        else:
            self.pop_self()

    def song_time_at(self, stamp_s: float) -> float:
        time_s = self.runner.view.song_time(stamp_s)
        return time_s if time_s is not None else -math.inf

    def hit(
        self,
        player: Player,
        voice: Voice,
        song_time_s: float,
        source: str,
        strike_velocity: int | None = None,
    ) -> Judgement | None:
        """This machine's player hit (whichever drum keys): judge, show, send."""
        if not math.isfinite(song_time_s):
            return None
        judgement = super().hit(self.local, voice, song_time_s, source, strike_velocity)
        velocity = 1.0 if strike_velocity is None else strike_velocity / 127.0
        self.runner.send_hit(song_time_s, voice, velocity, source)
        self._pair_queue.append(InputEvent(song_time_s, self.local, voice, source))
        return judgement

    # -- time ---------------------------------------------------------------------------------
    def update(self, now_s: float) -> None:
        if self.phase is PlayPhase.FINISHED or self.ended_reason:
            return
        view = self.runner.view
        if view.done:
            self._end(view)
            return
        song_time_s = view.song_time(now_s)
        if song_time_s is None:
            return
        self.song_time_s = song_time_s
        if view.drops != self.drops_seen:
            self.drops_seen = view.drops
            if self.audio.started and not self.music_lost:
                self.audio.pause(now_s)
                self.music_lost = True  # the song restarts a run-up earlier: no seeking
        if view.phase is NetPhase.PAUSED:
            self.phase = PlayPhase.PAUSED
            return
        if song_time_s >= self.chart.count_in_start_s:
            self.phase = PlayPhase.PLAYING
        if song_time_s >= 0.0 and not self.audio.started and not self.music_lost:
            self.audio.start(now_s - song_time_s)
        for judgement in self.match.advance(song_time_s):
            if judgement.player is self.local:
                self._show_miss(judgement)
        self._follow_partner(view, song_time_s)

    def _follow_partner(self, view: NetView, song_time_s: float) -> None:
        partner_highway = self.highways[self.partner]
        for hit in view.partner_hits:
            if hit.seq not in self._partner_seen:
                self._partner_seen.add(hit.seq)
                partner_highway.strike(hit.voice, hit.time_s)
                self._pair_queue.append(hit.event(self.partner))
        horizon_s = song_time_s - pair_lag_s(view.link_delay_ms)
        due = sorted(
            (e for e in self._pair_queue if e.time_s <= horizon_s),
            key=lambda e: (e.time_s, int(e.player)),
        )
        if due:
            self._pair_queue = [e for e in self._pair_queue if e.time_s > horizon_s]
        for event in due:
            for missed in self.pair.advance(event.time_s):
                self._show_partner(missed)
            self._show_partner(self.pair.hit(event), event.time_s)
        for missed in self.pair.advance(horizon_s):
            self._show_partner(missed)
        for _, delta_ms in self.pair.new_pair_deltas():
            self.sync_meter.add(song_time_s, delta_ms)

    def _show_partner(self, judgement: Judgement, time_s: float = math.nan) -> None:
        if judgement.player is not self.partner or judgement.tier is None:
            return
        highway = self.highways[self.partner]
        if judgement.tier is Tier.MISS:
            highway.mark_missed(judgement.note_index)
            shown_at = self.song_time_s if math.isnan(time_s) else time_s
            self.popups[self.partner].show(Tier.MISS, math.nan, shown_at)
        else:
            highway.mark_hit(judgement.note_index, judgement.tier, time_s)
            self.popups[self.partner].show(judgement.tier, judgement.offset_ms, time_s)

    def _end(self, view: NetView) -> None:
        if view.result is None:
            self.ended_reason = view.error or "the match could not go on"
            return
        outcome = net_outcome(self.chart, view.result, self.stage_label)
        self.outcome = outcome
        self.phase = PlayPhase.FINISHED
        options = self.ctx.options.match
        filed = file_replay(outcome.replay, options.replay_out, options.save_replay)
        self.saved_replays = list(filed.paths)
        notes = [*view.result.notes, *([filed.problem] if filed.problem else [])]
        self.replay_problem = "; ".join(notes) or None
        if self.on_finished is not None:
            self.on_finished(outcome)

    # -- the score cards: this side's judge for our player, the lagging one for the partner ---
    def live(self, player: Player):
        return (self.match if player is self.local else self.pair).live(player)

    def sync_percent(self) -> float | None:
        return self.pair.sync_percent()

    # -- drawing ------------------------------------------------------------------------------
    def draw(self, canvas: pygame.Surface) -> None:
        super().draw(canvas)
        view = self.runner.view
        text = self.ctx.text
        partner = view.partner
        delay = view.link_delay_ms
        line = f"ONLINE with {partner.name if partner else '?'}  ·  link " + (
            f"{delay:.1f} ms one way" if delay is not None else "measuring"
        )
        if self.music_lost:
            line += "  ·  music off after the reconnect (hit sounds on)"
        text.blit(
            canvas, line, theme.FONT_TINY, theme.OI_YELLOW, (theme.CANVAS_W // 2, 70), "midtop"
        )
        now_s = self.ctx.timer.now()
        if self.ended_reason:
            self._notice(
                canvas, "THE MATCH ENDED", f"{self.ended_reason}  ·  Esc: back to the menu"
            )
        elif view.phase is NetPhase.PAUSED:
            who = partner.name if partner else "the other player"
            self._notice(
                canvas,
                "CONNECTION LOST",
                f"waiting up to {self.runner.session.timeouts.reconnect_s:g} s for {who}; "
                "the song goes on together from a little before the drop",
            )
        elif view.song is not None and self._resume_in_s(view, now_s) > 0.0:
            self._notice(
                canvas,
                f"{math.ceil(self._resume_in_s(view, now_s))}",
                "link back: both go on together from a little before the drop",
            )
        elif self.song_time_s < self.chart.count_in_start_s and view.song is not None:
            to_go_s = self.chart.count_in_start_s - self.song_time_s
            self._notice(canvas, f"{math.ceil(to_go_s)}", "both players start together")
        if now_s <= self._leave_until_s and not self.ended_reason:
            text.blit(
                canvas,
                "Esc again to leave the match (your partner keeps their result)",
                theme.FONT_SMALL,
                theme.OI_ORANGE,
                (theme.CANVAS_W // 2, 640),
                "midtop",
            )

    def _resume_in_s(self, view: NetView, now_s: float) -> float:
        """Seconds until the song goes on after a reconnect (0 when not waiting for that)."""
        if not self.drops_seen:
            return 0.0
        return view.song.anchor_at - (now_s + view.offset_s)

    def _notice(self, canvas: pygame.Surface, title: str, line: str) -> None:
        text = self.ctx.text
        band = NOTICE_BAND
        if self._notice_shade is None:  # made once: the count-in shows it every frame
            self._notice_shade = pygame.Surface(band.size, pygame.SRCALPHA)
            self._notice_shade.fill((0, 0, 0, 200))
        canvas.blit(self._notice_shade, band.topleft)
        text.blit(canvas, title, theme.FONT_BIG, theme.TEXT, (band.centerx, band.y + 14), "midtop")
        text.blit(
            canvas, line, theme.FONT_SMALL, theme.TEXT_DIM, (band.centerx, band.y + 90), "midtop"
        )


__all__ = ["NetPlayScene", "pair_lag_s"]

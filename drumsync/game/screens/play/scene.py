"""The match: two highways, live judging, the sync meter, count-in, pause and restart.

Song time comes from :class:`~drumsync.game.match.audio_link.SongAudio`; every key press is
stamped by the input loop, converted to song time and judged at once (and its sound played),
so nothing waits for a frame. Drawing only reads state.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pygame

from ....audio.song_audio import SongAudio
from ....core.events import InputEvent
from ....core.judgement import Judgement
from ....core.voices import PLAYERS, Player, Voice
from ....core.windows import Tier
from ....storage.settings import SCROLL_SPEED_RANGE
from ...match.audio_link import open_song_audio
from ...match.bots import SONG_TIME_ATTR, SOURCE_ATTR, BotKeyboard, pygame_poster
from ...match.replay_files import file_replay
from ...match.state import Match, MatchOutcome
from ...runtime import theme
from ...runtime.context import GameContext
from ...runtime.input.device_events import DEVICE_LOST, DRUM_HIT
from ...runtime.scenes import Scene
from ...widgets.header import Header
from .backdrop import centre_panel_rect, render_backdrop
from .banners import Banner, draw_phase_banner, draw_ready_keys
from .lanes import build_lanes
from .pause import PauseScene
from .phase import Phase, resume_step_s
from .standing import draw_notice, draw_standing, standing_line
from .sync_meter import SyncMeter

READY_S = 1.5
SCROLL_STEP = 0.1
STRAY_VELOCITY = 0.7


class PlayScene(Scene):
    title_music = False  # the title loop is silent: a match's sound, or its own
    esc_hint = "Esc pause"

    def __init__(
        self,
        ctx: GameContext,
        on_finished: Callable[[MatchOutcome], None] | None = None,
        audio: SongAudio | None = None,
        stage_label: str = "",
        only_player: Player | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        #: Practice: the one player beside a guide, so no team or sync panels and no card
        #: for the guide (None: both players play).
        self.only_player = only_player
        #: The audio notice line at the foot (a scene drawn over this one may say it instead).
        self.show_notice = True
        options = ctx.options.match
        sound, players = ctx.options.sound, ctx.options.players
        self.chart = options.chart
        #: e.g. "Stage 3 · Nara" in the Summit Tour: the header shows it before the chart's title
        self.stage_label = stage_label
        self.on_finished = on_finished
        self.audio = audio or open_song_audio(
            self.chart,
            enabled=ctx.options.plays_sound,
            rate=options.rate,
            buffer_frames=sound.buffer_frames,
            music_volume=sound.music_volume,
            drums_volume=sound.drums_volume,
        )
        self.match = Match(
            self.chart,
            options.windows,
            players.offsets_ms,
            options.mode,
            ctx.options.player_names(),
            stage_label=stage_label,
        )
        self.scroll_speed = options.scroll_speed
        self.phase = Phase.READY
        self.song_time_s = 0.0
        self.shown_song_s = 0.0
        self.ready_until_s = 0.0
        self.resume_at_s = 0.0
        self.resume_step_s = resume_step_s(self.chart.seconds_per_beat)
        self.end_s = self.match.end_s
        self.outcome: MatchOutcome | None = None
        self.saved_replays: list = []
        #: "replay not saved: ..." when a storage problem kept the replay from its files
        self.replay_problem: str | None = None
        self.bots: BotKeyboard | None = None
        self._bot_players = frozenset(options.bots())
        #: Drawing runs this far ahead of the song for each player. Both calibrations include the
        #: player's own tapping habit (audio offset A = sound latency + habit, video offset
        #: V = display latency + habit); judging already removes A, so the picture must move by
        #: V - A for a note to reach the line when that player, seeing it, would hit it.
        self._video_offset_s = {
            p: (players.video_offsets_ms[int(p)] - players.offsets_ms[int(p)]) / 1000.0
            for p in PLAYERS
        }
        self._built = False

    # -- life cycle ---------------------------------------------------------------------------
    def enter(self) -> None:
        self._build()
        bots = self.ctx.options.match.bots()
        if bots:
            self.bots = BotKeyboard.for_players(
                self.chart,
                bots,
                self.ctx.options.players.bindings,
                pygame.key.key_code,
                pygame_poster,
                seed=self.ctx.options.match.bot_seed,
            )
            self.ctx.pre_poll.append(self._post_bot_keys)
        self.ctx.devices.hold_scans(True)
        self.restart()

    def exit(self) -> None:
        self.ctx.devices.hold_scans(False)
        if self._post_bot_keys in self.ctx.pre_poll:
            self.ctx.pre_poll.remove(self._post_bot_keys)
        self.audio.close()

    def cover(self) -> None:
        now = self.ctx.timer.now()
        if self.phase in (Phase.PLAYING, Phase.RESUMING):
            self.audio.pause(now)
        if self.phase is not Phase.FINISHED:
            self.phase = Phase.PAUSED

    def restart(self) -> None:
        self.audio.stop()
        self.match.reset()
        for highway in self.highways.values():
            highway.reset()
        for popup in self.popups.values():
            popup.clear()
        self.sync_meter.reset()
        self.header.reset()
        if self.bots is not None:
            self.bots.reset()
        self.outcome = None
        self.song_time_s = 0.0
        self.phase = Phase.READY
        self.ready_until_s = self.ctx.timer.now() + READY_S

    def pause(self, reason: str = "", wait_for: str = "") -> None:
        """Push the pause menu; with ``wait_for`` (a device name) it resumes by itself when
        that device comes back."""
        if self.phase is Phase.FINISHED or self.phase is Phase.PAUSED or self.stack is None:
            return
        self.stack.push(PauseScene(self.ctx.text, self._pause_choice, reason, wait_for))

    def _pause_choice(self, choice: str) -> None:
        if choice == "resume":
            if self.phase is Phase.PAUSED:
                self.phase = Phase.RESUMING
                self.resume_at_s = self.ctx.timer.now() + 3 * self.resume_step_s
                if self.song_time_s <= 0.0:  # paused before the music began
                    self.phase = Phase.READY
                    self.ready_until_s = self.resume_at_s
        elif choice == "restart":
            self.restart()
        elif choice == "quit" and self.stack is not None and self.stack.top is self:
            self.stack.pop()

    # -- input --------------------------------------------------------------------------------
    def _post_bot_keys(self, now_s: float) -> None:
        if self.bots is not None and self.phase is Phase.PLAYING:
            self.bots.post_due(self.audio.time_at(now_s))

    def handle(self, event: Any, stamp_s: float) -> None:
        kind = event.type
        if kind == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                self.pause()
                return
            if key in (pygame.K_F3, pygame.K_F4):
                step = SCROLL_STEP if key == pygame.K_F4 else -SCROLL_STEP
                self.set_scroll_speed(self.scroll_speed + step)
                return
            hit = self.ctx.keymap.lookup(key)
            if hit is None:
                return
            source = getattr(event, SOURCE_ATTR, "keyboard")
            if hit[0] in self._bot_players and source == "keyboard":
                return  # that player's keys belong to a simulated drummer
            if self.phase is Phase.PLAYING:
                song_time_s = getattr(event, SONG_TIME_ATTR, None)
                if song_time_s is None or source == "keyboard":
                    song_time_s = self.song_time_at(stamp_s)
                self.hit(hit[0], hit[1], song_time_s, source)
            else:
                self.highways[hit[0]].strike(hit[1], self.song_time_s)
        elif kind == DRUM_HIT:
            if event.player in self._bot_players:
                return  # that player is a simulated drummer
            if self.phase is Phase.PLAYING:
                time_s = self.song_time_at(stamp_s)
                self.hit(event.player, event.voice, time_s, event.device, event.velocity)
            else:
                self.highways[event.player].strike(event.voice, self.song_time_s)
        elif kind == DEVICE_LOST:
            self._device_lost(event.device)
        elif kind in (pygame.WINDOWFOCUSLOST, pygame.WINDOWMINIMIZED):
            self.pause("the window lost focus")

    def song_time_at(self, stamp_s: float) -> float:
        """The song time of an input stamped at ``stamp_s`` (the song's own clock)."""
        return self.audio.time_at(stamp_s)

    def _device_lost(self, device: str) -> None:
        player = self.ctx.devices.owner(device)
        if player is None or player in self._bot_players:
            return
        name = self.match.player_names[int(player)]
        self.pause(
            f"{name}'s {device} is disconnected: plug it back in, or Resume on another input",
            wait_for=device,
        )

    def hit(
        self,
        player: Player,
        voice: Voice,
        song_time_s: float,
        source: str,
        strike_velocity: int | None = None,
    ) -> Judgement:
        """Judge one drum hit at ``song_time_s`` and show it (``strike_velocity``: a kit's)."""
        event = InputEvent(song_time_s, player, voice, source, strike_velocity)
        judgement = self.match.hit(event)
        if self.bots is not None:
            self.bots.hear(player, song_time_s)  # a listening partner reacts to the real hit
        highway = self.highways[player]
        if judgement.is_stray:
            velocity = STRAY_VELOCITY
        else:
            velocity = float(self.chart.part(player).velocity[judgement.note_index])
        self.audio.play_hit(voice, velocity)
        shown_at = max(song_time_s, self.song_time_s)
        highway.strike(voice, shown_at)
        if judgement.tier is not None:
            if judgement.tier is Tier.MISS:
                highway.mark_missed(judgement.note_index)
            else:
                highway.mark_hit(judgement.note_index, judgement.tier, shown_at)
            self.popups[player].show(judgement.tier, judgement.offset_ms, shown_at)
        return judgement

    def set_scroll_speed(self, speed: float) -> None:
        low, high = SCROLL_SPEED_RANGE
        speed = round(min(high, max(low, speed)), 2)
        self.scroll_speed = speed
        for highway in self.highways.values():
            highway.set_speed(speed * theme.BASE_SCROLL_PX_PER_S)

    # -- time ---------------------------------------------------------------------------------
    def update(self, now_s: float) -> None:
        if self.phase is Phase.READY and now_s >= self.ready_until_s:
            if self.audio.started:
                self.audio.resume(now_s)
            else:
                self.audio.start(now_s, self.ctx.timer.now)
            self.phase = Phase.PLAYING
        elif self.phase is Phase.RESUMING and now_s >= self.resume_at_s:
            self.audio.resume(now_s)
            self.phase = Phase.PLAYING
        if self.phase is not Phase.PLAYING:
            return
        song_time_s = self.audio.tick(now_s)
        self.song_time_s = song_time_s
        # the frame is drawn for the moment it will be shown; judging stays at now_s
        self.shown_song_s = max(song_time_s, self.audio.time_at(self.ctx.present_at(now_s)))
        for judgement in self.match.advance(song_time_s):
            self._show_miss(judgement)
        for _, delta_ms in self.match.new_pair_deltas():
            self.sync_meter.add(song_time_s, delta_ms)
        if song_time_s >= self.end_s:
            self._finish()

    def _show_miss(self, judgement: Judgement) -> None:
        self.highways[judgement.player].mark_missed(judgement.note_index)
        self.popups[judgement.player].show(Tier.MISS, math.nan, self.song_time_s)

    def _finish(self) -> None:
        misses, outcome = self.match.finish()
        for judgement in misses:
            self._show_miss(judgement)
        for _, delta_ms in self.match.new_pair_deltas():
            self.sync_meter.add(self.song_time_s, delta_ms)
        self.outcome = outcome
        self.phase = Phase.FINISHED
        options = self.ctx.options.match
        filed = file_replay(outcome.replay, options.replay_out, options.save_replay)
        self.saved_replays = list(filed.paths)
        self.replay_problem = filed.problem
        if self.on_finished is not None:
            self.on_finished(outcome)

    # -- drawing ------------------------------------------------------------------------------
    def _build(self) -> None:
        if self._built:
            return
        ctx, chart = self.ctx, self.chart
        text = ctx.text
        rate = self.ctx.options.match.rate
        subtitle = self.ctx.options.match.mode.upper()
        if rate != 1.0:  # practice: say how slow (the tempo shown is the one heard)
            subtitle = f"PRACTICE AT {rate:.0%}"
        self.header = Header(chart, text, subtitle, self.stage_label, rate=rate)
        speed = self.scroll_speed * theme.BASE_SCROLL_PX_PER_S
        panel = centre_panel_rect()
        lanes = build_lanes(ctx, chart, speed, panel)
        self.highways, self.popups, self.combos, self.cards = lanes
        if self.only_player is not None:  # the one card in the middle of the panel
            card = self.cards[self.only_player]
            card.rect = card.rect.move(panel.centerx - card.rect.centerx, 0)
        meter_rect = pygame.Rect(panel.x, panel.y + 166, panel.width, 340)
        self.sync_meter = SyncMeter(meter_rect, text)
        self.banner = Banner((panel.centerx, 500), text)
        self._static = self._render_static()
        self._built = True

    def _render_static(self) -> pygame.Surface:
        """Everything that never moves, composed once: one opaque blit per frame."""
        static = render_backdrop()
        self.header.draw_static(static)
        for player in PLAYERS:
            self.highways[player].draw_static(static)
        for player in self.card_players:
            self.cards[player].draw_static(static)
        if self.only_player is None:
            self.sync_meter.draw_static(static)
        return static.convert() if pygame.display.get_surface() is not None else static

    def live(self, player: Player):
        """The running score a player's card shows."""
        return self.match.live(player)

    def sync_percent(self) -> float | None:
        return self.match.sync_percent()

    @property
    def card_players(self) -> tuple[Player, ...]:
        """The players whose score card shows: the one who plays, in practice."""
        return PLAYERS if self.only_player is None else (self.only_player,)

    def display_time_s(self) -> float:
        return self.shown_song_s if self.phase is Phase.PLAYING else self.song_time_s

    def draw(self, canvas: pygame.Surface) -> None:
        t = self.display_time_s()
        text = self.ctx.text
        canvas.blit(self._static, (0, 0))
        self.header.draw(canvas, t)
        lives = {player: self.live(player) for player in PLAYERS}
        for player in PLAYERS:
            seen_t = t + self._video_offset_s[player]
            self.highways[player].draw(canvas, seen_t)
            self.combos[player].draw(canvas, lives[player].combo)
            self.popups[player].draw(canvas, seen_t)
        for player in self.card_players:
            self.cards[player].draw(canvas, lives[player])
        match = self.ctx.options.match
        if self.only_player is not None:
            accuracy = lives[self.only_player].accuracy_percent
            line = (f"ACCURACY  {accuracy:.1f}%", theme.TEXT)
        else:
            self.sync_meter.draw(canvas, t, self.sync_percent())
            line = standing_line(
                match.mode, lives, self.sync_percent(), self.ctx.options.player_names()
            )
        draw_standing(canvas, text, line, self.scroll_speed, self.esc_hint)
        draw_phase_banner(
            self.banner,
            canvas,
            self.phase.value,
            self.chart,
            self.song_time_s,
            (self.resume_at_s - self.ctx.timer.now()) / self.resume_step_s,
        )
        if self.phase is Phase.READY:
            draw_ready_keys(canvas, text, self.ctx.options)
        notice = getattr(self.audio, "notice", None)
        if notice and self.show_notice:
            draw_notice(canvas, text, notice)

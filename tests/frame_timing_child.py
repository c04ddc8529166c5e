"""Run in a real window (under the test's Xvfb): a match of two exact simulated drummers at
60 Hz; after every flip, read the kick lane of player 1 from the window and find where each
note was drawn. Prints JSON: for each note seen, the error in ms between the time its drawn
position stands for and the song time when the frame was shown (the flip's return).
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np
import pygame

from drumsync.core import generate_chart
from drumsync.core.voices import Player, Voice
from drumsync.game.app import GameApp
from drumsync.game.runtime import theme
from drumsync.game.runtime.loop import RealTimer
from drumsync.game.runtime.options import GameOptions
from drumsync.game.screens.play.scene import Phase, PlayScene

#: Where on the highway notes are measured: below the fade-in, above the pads.
TOP_Y, BOTTOM_Y = 200, 540
#: Pixels of one note are closer than this; notes are further apart (a kick every 1/8 at
#: 120 BPM is 175 px).
SPLIT_PX = 70
#: The height of a whole kick ring as the centre column crosses it.
NOTE_SPAN_PX = (40, 64)
#: How close to the kick colour a pixel must be to count as the note's.
COLOUR_TOLERANCE = 40


def main() -> int:
    chart = generate_chart(seed=5, style="rock", bpm=120.0, difficulty=4, bars=20)
    options = GameOptions.build(
        chart, sound=False, vsync=False, fps=60.0, p1_bot="metronome", p2_bot="metronome"
    )
    app = GameApp(options, RealTimer())
    frames: list[tuple[float, np.ndarray]] = []
    flip = app.display.flip
    play_holder: list[PlayScene] = []

    def recording_flip() -> None:
        flip()
        shown_s = time.perf_counter()
        top = app.stack.top
        if top is not None and not isinstance(top, PlayScene):
            app.quit()  # the match is over (the results are up)
        if isinstance(top, PlayScene) and top.phase is Phase.PLAYING:
            play_holder[:1] = [top]
            x = lane_x(top)
            view = pygame.surfarray.pixels3d(pygame.display.get_surface())
            column = view[x, :, :].copy()  # one column: the frame's timing stays as it was
            del view
            frames.append((top.audio.time_at(shown_s), column))

    app.display.flip = recording_flip
    if app.display.window.get_size() != (1280, 720):
        print(json.dumps({"error": f"window is {app.display.window.get_size()}"}))
        return 1
    app.run()
    play = play_holder[0]
    highway = play.highways[Player.P1]
    part = chart.part(Player.P1)
    kick_times = part.time_s[part.voice == int(Voice.KICK)]
    colour = np.array(theme.VOICE_COLOURS[Voice.KICK], dtype=np.int32)
    errors: dict[int, list[float]] = {}
    for shown_song_s, column in frames:
        near = np.abs(column.astype(np.int32) - colour).max(axis=1) <= COLOUR_TOLERANCE
        ys = np.flatnonzero(near[TOP_Y:BOTTOM_Y]) + TOP_Y
        for group in np.split(ys, np.flatnonzero(np.diff(ys) > SPLIT_PX) + 1):
            if len(group) < 4 or group[0] <= TOP_Y or group[-1] >= BOTTOM_Y - 1:
                continue  # nothing, or a note cut by the measured band
            if not NOTE_SPAN_PX[0] <= group[-1] - group[0] <= NOTE_SPAN_PX[1]:
                continue  # not one whole note (the ring's top and bottom edges)
            centre_y = (group[0] + group[-1]) / 2.0
            ahead_s = (highway.hit_y - centre_y) / highway.speed_px_per_s
            drawn_for = kick_times - ahead_s  # the song time each kick's position stands for
            index = int(np.argmin(np.abs(drawn_for - shown_song_s)))
            error_ms = (drawn_for[index] - shown_song_s) * 1000.0
            if abs(error_ms) < 40.0:
                errors.setdefault(index, []).append(error_ms)
    print(json.dumps({"notes": {str(k): v for k, v in errors.items()}, "frames": len(frames)}))
    return 0


def lane_x(play: PlayScene) -> int:
    highway = play.highways[Player.P1]
    return int(highway.lane_x[highway.lane_order.index(Voice.KICK)])


if __name__ == "__main__":
    sys.exit(main())

"""Charts for the player's own songs: analyse a song file (cached by its content), then
generate a chart on its beat grid. ``make_song_chart`` is what ``drumsync generate --audio``
and the free-play screen call."""

from .make import MadeChart, SongChartError, make_song_chart

__all__ = ["MadeChart", "SongChartError", "make_song_chart"]

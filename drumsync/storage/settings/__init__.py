"""The player's settings: a validated value, saved as TOML, loaded forgivingly.

- :mod:`.values`: :class:`Settings` and :class:`PlayerSettings` (valid by construction);
- :mod:`.checks`: the check of each value, and the ranges the settings screen offers;
- :mod:`.schema`: where each setting lives in ``settings.toml`` (the layout is shown there),
  and reading parsed TOML with a warning per bad entry;
- :mod:`.file`: loading the file (kept aside as ``settings.toml.bak-<n>`` when anything in it
  was wrong) and saving it atomically.

The names below are the settings' public surface, importable from ``drumsync.storage.settings``.
"""

from .checks import (
    AUDIO_BUFFER_CHOICES,
    MAX_SONG_FOLDERS,
    NAME_MAX_CHARS,
    OFFSET_RANGE_MS,
    SCROLL_SPEED_RANGE,
    VOLUME_RANGE,
    player_name,
)
from .file import BACKUP_TAG, MAX_SETTINGS_BYTES, LoadedSettings, load_settings, save_settings
from .schema import dumps_settings, from_toml_data, to_toml_data
from .values import DEFAULT_KEYS, DEFAULT_NAMES, PlayerSettings, Settings

__all__ = [
    "AUDIO_BUFFER_CHOICES",
    "BACKUP_TAG",
    "DEFAULT_KEYS",
    "DEFAULT_NAMES",
    "MAX_SETTINGS_BYTES",
    "MAX_SONG_FOLDERS",
    "NAME_MAX_CHARS",
    "OFFSET_RANGE_MS",
    "SCROLL_SPEED_RANGE",
    "VOLUME_RANGE",
    "LoadedSettings",
    "PlayerSettings",
    "Settings",
    "dumps_settings",
    "from_toml_data",
    "load_settings",
    "player_name",
    "save_settings",
    "to_toml_data",
]

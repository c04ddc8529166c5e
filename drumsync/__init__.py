"""DrumSync: a two-player rhythm-sync drumming game.

The rules live in :mod:`drumsync.core` (pure Python + numpy, no pygame);
the window, audio and input live in the shell packages around it.
"""

__version__ = "0.1.0"

import os as _os

# pygame prints a banner on import; the game and the command line speak for themselves.
_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

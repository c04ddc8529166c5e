"""Who and what every screenshot shows: the two simulated drummers, the players' names, the
bots' seed and the frame step of the virtual clock (the match and the menu shots share them)."""

DRUMMERS = ("steady", "partner")
NAMES = ("Ada", "Ben")
BOT_SEED = 3
FRAME_S = 1.0 / 60.0

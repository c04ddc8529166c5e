"""The running match without drawing: its rules state, what to play and how it is filed, the
song's audio, the simulated drummers, replay files, practice loops and the player's session."""

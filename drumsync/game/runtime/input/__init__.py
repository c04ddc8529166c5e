"""Input sources: each turns a device's presses into the same drum hits (player, voice) on
the song clock. The keyboard is here; a MIDI kit or a gamepad goes beside it."""

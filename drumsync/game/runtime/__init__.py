"""What every screen runs on: the loop, the scene stack, the context, the window, cached text
and sprites, the theme and the options. Nothing here knows a widget, a screen or a match."""

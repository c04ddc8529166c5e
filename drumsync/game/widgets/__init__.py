"""Pieces that several screens draw: header bands, panels and cards, key hints, menu lists,
backdrops, option forms, text fitting, the chart preview and the drummer art."""

"""A keyboard-first option form: its rows, their layout on screen and their drawing."""

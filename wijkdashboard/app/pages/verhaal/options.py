"""Verhaal's address: /verhaal lists the stories; ?story=<slug>&step=<n> opens one at a step; notes=1
is the presenter's view (the notes shown, the projected window following its steps)."""

NAME, PATH = "verhaal", "/verhaal"
URL_KEYS = ("story", "step", "notes")

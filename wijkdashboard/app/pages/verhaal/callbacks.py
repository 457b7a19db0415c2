"""Verhaal registers its page and reads its stories as the app starts: each checked against the layers
(a fault stops the start with one line naming the file and the step), each step's numbers and view
drawn once per language and shared through the cache. It has no callbacks: the browser shows the
steps (assets/story.js)."""

import dash

from ... import shell, urlstate
from ...stories.check import Checker
from ...stories.model import LANGS, load_all
from ...stories.numbers import Numbers
from ..kaart.view import View
from .layout import layout
from .options import NAME, PATH
from .visuals import Visuals


class Told:
    """The stories as the layers tell them."""

    def __init__(self, ctx):
        slugs = urlstate.city_slugs(ctx.store)
        self.stories = load_all()
        self.numbers = Numbers(ctx.store, ctx.comparison, slugs)
        self.visuals = Visuals(ctx, ctx.parts.get("kaart") or View(ctx))
        checker = Checker(ctx.store, self.numbers, slugs)
        for story in self.stories.values():
            checker.story(story)
        self.steps = ctx.memo.memoize(self._steps)

    def _steps(self, slug, lang):
        """[(step, {name: Figure}, visual markup)] of a story in a language."""
        out = []
        for step in self.stories[slug].steps:
            level = step.view.get("level", "buurt")
            figures = {name: self.numbers.resolve(spec, lang, level) for name, spec in step.numbers.items()}
            out.append((step, figures, self.visuals.draw(step.view, lang)))
        return out

    def tell_all(self):
        """Every step of every story in both languages: what start-up runs once, so a story that cannot
        be drawn fails there, not in front of the council."""
        for slug in self.stories:
            for lang in LANGS:
                self._steps(slug, lang)


def register(app, ctx):
    told = ctx.parts[NAME] = Told(ctx)
    told.tell_all()
    dash.register_page(__package__, path=PATH, name="Verhaal", title=shell.page_title("nav_story"), layout=layout)

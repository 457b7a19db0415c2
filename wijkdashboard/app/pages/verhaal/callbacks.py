"""Verhaal registers its page and reads its stories as the app starts: each checked against the layers
(a fault stops the start with one line naming the file and the step), each step's numbers and view
drawn once per language and shared through the cache. It has no callbacks: the browser shows the
steps (assets/story.js)."""

import logging

import dash

from .... import settings
from ... import shell, urlstate
from ...stories.check import Checker
from ...stories.model import StoryError, folders, load_all
from ...stories.numbers import Numbers
from ..kaart.view import View
from .layout import layout
from .options import NAME, PATH
from .visuals import Visuals

LOG = logging.getLogger(__name__)


class Told:
    """The stories as the layers tell them."""

    def __init__(self, ctx):
        slugs = urlstate.city_slugs(ctx.store)
        self.stories = load_all()
        self.numbers = Numbers(ctx.store, ctx.comparison, slugs)
        self.visuals = Visuals(ctx, ctx.parts.get("kaart") or View(ctx))
        checker = Checker(ctx.store, self.numbers, slugs)
        self.left_out = {}  # slug -> (title, why): shipped stories these layers cannot tell
        shipped = folders()[0].resolve()
        for slug, story in list(self.stories.items()):
            try:
                checker.story(story)
            except StoryError as error:
                # A municipality's own story must be right: it stops the start. A shipped one is about
                # Rotterdam, Den Haag and Groningen: on layers of other cities (or years) it is left out,
                # and the list says so.
                if (settings.PROJECT_DIR / story.path).resolve().parent != shipped:
                    raise
                LOG.warning("story left out: %s", error)
                self.left_out[slug] = (story.title, str(error).split(": ", 1)[1])
                del self.stories[slug]
        self.steps = ctx.memo.memoize(self._steps)

    def _steps(self, slug, lang):
        """[(step, {name: Figure}, visual markup)] of a story in a language."""
        out = []
        for step in self.stories[slug].steps:
            level = step.view.get("level", "buurt")
            figures = {name: self.numbers.resolve(spec, lang, level) for name, spec in step.numbers.items()}
            out.append((step, figures, self.visuals.draw(step.view, lang)))
        return out


def register(app, ctx):
    ctx.parts[NAME] = Told(ctx)  # checked now; each story drawn when first asked for, then shared
    dash.register_page(__package__, path=PATH, name="Verhaal", title=shell.page_title("nav_story"), layout=layout)

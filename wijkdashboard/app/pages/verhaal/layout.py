"""Verhaal as it opens: the list of stories, or a story at its step — drawn whole into the first HTML
(every step in it), so no callback runs as it opens and none as the steps change."""

from ... import shell, urlstate
from ...components import markup
from ...context import current
from .deck import deck, story_list
from .options import NAME


def layout(**query):
    ctx = current()
    lang, present = urlstate.common(query)
    embed = urlstate.embedded(query)
    told = ctx.parts[NAME]
    state, problems = urlstate.verhaal(query, told.stories)
    if state["story"] is None:
        return shell.frame(NAME, lang, present, problems,
                           markup.raw(None, story_list(told.stories, lang, present, told.left_out), className="stories"), [], {}, embed=embed)
    story = told.stories[state["story"]]
    content = deck(story, told.steps(story.slug, lang), lang, state["step"], state["notes"], present)
    query = {"story": story.slug, "step": state["step"], "notes": state["notes"] or None}
    return shell.frame(NAME, lang, present, problems, markup.raw(None, content, className="story-page"), [], query, embed=embed)

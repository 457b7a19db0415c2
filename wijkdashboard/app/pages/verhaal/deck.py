"""A story as one HTML block: every step a section (a heading, the text with its numbers filled from the
layers, the source line, the citations, the view), the bar with ← → , "3 / 8" and the progress, the
presenter's notes, and the sources of the whole story for the handout's last page. All steps are in the
page: a step change is the browser showing another section (assets/story.js) — no request, no reload,
and printing gives one step per page."""

import html

from ....core import formatting
from ....core.waves import cite, short_cite
from ...i18n import t
from ...stories.model import PLACEHOLDER
from ...stories.numbers import parse_citation
from .options import PATH


def step_id(n):
    return f"stap-{n}"


def fill(text, figures):
    """The text with each placeholder replaced by its figure (marked, so a reader sees what is data)."""
    def one(match):
        figure = figures[match.group(1)]
        if match.group(2):
            return html.escape(str(figure.attributes.get(match.group(2), "")))
        css = "story-number" if figure.known else "story-number unknown"
        return f'<strong class="{css}">{html.escape(figure.text)}</strong>'
    parts, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(html.escape(text[last:match.start()]).replace("{{", "{").replace("}}", "}"))
        parts.append(one(match))
        last = match.end()
    parts.append(html.escape(text[last:]).replace("{{", "{").replace("}}", "}"))
    return "".join(parts)


def products_of(figures):
    """The CBS products behind a step's figures, each once, in order (a value may name several: '; ')."""
    return list(dict.fromkeys(s for f in figures.values() for part in f.sources for s in part.split("; ")))


def source_line(figures, lang):
    found = products_of(figures)
    products = "; ".join(found) if found else t("story_no_figures", lang)
    return f"{formatting.attribution(lang)}. {t('story_figures_from', lang)}: {products}"


def step_section(story, n, step, figures, visual, lang, current, notes):
    text = fill(step.text[lang], figures)
    cites = "; ".join(html.escape(short_cite(parse_citation(c), lang)) for c in step.cites)
    notes_html = (f'<aside class="story-notes" aria-label="{html.escape(t("story_notes", lang))}">'
                  f'<h3>{html.escape(t("story_notes", lang))}</h3><p>{html.escape(step.notes.get(lang, ""))}</p></aside>'
                  if notes and step.notes else "")
    count = len(story.steps)
    return (f'<section class="story-step{" current" if n == current else ""}" id="{step_id(n)}" data-step="{n}" '
            f'aria-labelledby="{step_id(n)}-title">'
            f'<div class="story-text"><p class="story-counter-print">{n} / {count}</p>'
            f'<h2 id="{step_id(n)}-title">{html.escape(step.title[lang])}</h2>'
            f'<p class="story-body">{text}</p>'
            f'<p class="story-source">{html.escape(source_line(figures, lang))}</p>'
            + (f'<p class="story-cites">{html.escape(t("story_cites", lang))}: {cites}</p>' if cites else "")
            + notes_html + f'</div><div class="story-visual">{visual}</div></section>')


def deck(story, steps, lang, current, notes, present):
    """steps: [(step, figures, visual markup)]. The whole story as markup."""
    count = len(story.steps)
    sections = "".join(step_section(story, n, step, figures, visual, lang, current, notes)
                       for n, (step, figures, visual) in enumerate(steps, start=1))
    percent = round(100 * current / count)
    query = f"lang={lang}" + ("&present=1" if present else "")
    bar = (f'<nav class="story-bar" aria-label="{html.escape(t("story_steps", lang))}">'
           f'<button type="button" class="btn btn-outline-dark story-prev"{" disabled" if current == 1 else ""}>'
           f'← {html.escape(t("story_previous", lang))}</button>'
           f'<span class="story-count" aria-hidden="true">{current} / {count}</span>'
           f'<div class="story-progress" role="progressbar" aria-label="{html.escape(t("story_progress", lang))}" '
           f'aria-valuemin="1" aria-valuemax="{count}" aria-valuenow="{current}" '
           f'aria-valuetext="{html.escape(t("story_step_of", lang, n=current, count=count))}">'
           f'<span style="width: {percent}%"></span></div>'
           f'<button type="button" class="btn btn-primary story-next"{" disabled" if current == count else ""}>'
           f'{html.escape(t("story_next", lang))} →</button>'
           f'<button type="button" class="btn btn-outline-dark story-fullscreen">{html.escape(t("story_fullscreen", lang))}</button>'
           f'<button type="button" class="btn btn-outline-dark story-presenter">{html.escape(t("story_presenter", lang))}</button>'
           f'</nav>')
    documents = sorted({c for step in story.steps for c in step.cites})
    products = sorted({s for _, figures, _ in steps for s in products_of(figures)})
    sources = (f'<section class="story-sources" aria-labelledby="story-sources-title">'
               f'<h2 id="story-sources-title">{html.escape(t("story_sources", lang))}</h2>'
               f'<p>{html.escape(formatting.attribution(lang))}. {html.escape(t("story_sources_intro", lang))}</p>'
               f'<h3>{html.escape(t("story_sources_figures", lang))}</h3>'
               f'<ul>{"".join(f"<li>{html.escape(p)}</li>" for p in products)}</ul>'
               + (f'<h3>{html.escape(t("story_sources_documents", lang))}</h3>'
                  f'<ul>{"".join(f"<li>{html.escape(cite(parse_citation(c), lang))}</li>" for c in documents)}</ul>'
                  if documents else "")
               + f'<p><a href="/over?{query}">{html.escape(t("sources_and_method", lang))}</a></p></section>')
    return (f'<div class="story{" with-notes" if notes else ""}" data-story="{html.escape(story.slug)}" '
            f'data-step="{current}" data-count="{count}" '
            f'data-announce="{html.escape(t("story_step_of", lang, n="{n}", count="{count}"))}">'
            f'<div class="story-head"><h1 class="story-title">{html.escape(story.title[lang])}</h1>'
            f'<a class="story-all" href="{PATH}?{query}">{html.escape(t("story_all", lang))}</a></div>'
            f'<div class="story-steps">{sections}</div>{bar}'
            f'<p class="visually-hidden story-live" aria-live="polite" aria-atomic="true"></p></div>{sources}')


def story_list(stories, lang, present, left_out=None):
    query = f"lang={lang}" + ("&present=1" if present else "")
    items = "".join(
        f'<li class="story-card"><h2><a href="{PATH}?story={html.escape(s.slug)}&amp;{query}">{html.escape(s.title[lang])}</a></h2>'
        f'<p>{html.escape(s.summary[lang])}</p>'
        f'<p class="small text-muted">{html.escape(t("story_steps_count", lang, n=len(s.steps)))}</p></li>'
        for s in stories.values())
    missing = "".join(f"<li>{html.escape(title[lang])}: {html.escape(why)}</li>" for title, why in (left_out or {}).values())
    return (f'<h1 class="h3">{html.escape(t("story_heading", lang))}</h1><p class="lead">{html.escape(t("story_intro", lang))}</p>'
            + (f'<ul class="story-list">{items}</ul>' if items else f'<p>{html.escape(t("story_none", lang))}</p>')
            + (f'<h2 class="h5">{html.escape(t("story_left_out", lang))}</h2><ul class="small">{missing}</ul>' if missing else ""))

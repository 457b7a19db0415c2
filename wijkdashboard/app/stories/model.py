"""A story as its file says it: title, summary and steps, each step a view, a text in Dutch and English
with placeholders, the numbers those placeholders stand for, presenter notes and citations. Read from
YAML (data/stories/*.yaml, and a municipality's own folder: WIJKDASHBOARD_STORIES); what a file gets
wrong is one line naming the file and the step (StoryError). Whether the view and the numbers exist in
the layers is checked by check.py."""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ... import settings

LANGS = ("nl", "en")
VIEWS = ("map", "place", "study", "index", "scale", "waves")
NUMBER_KINDS = ("value", "change", "difference", "index", "scale", "fact", "years")
# "{name}" or "{name.attribute}" in a step's text; "{{" and "}}" are a literal brace.
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z0-9_]+)(?:\.([a-z_]+))?\}(?!\})")
CITATION = re.compile(r"^(\d{3}):(\d+)-(\d+)$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class StoryError(ValueError):
    """One line: the file, the step (counted from 1, as the presenter sees it) and what is wrong."""

    def __init__(self, path, step, fault):
        where = f"{path}" + (f", step {step}" if step else "")
        super().__init__(f"{where}: {fault}")


@dataclass(frozen=True)
class Step:
    title: dict
    view: dict
    text: dict
    notes: dict
    numbers: dict
    cites: tuple


@dataclass(frozen=True)
class Story:
    slug: str
    path: str
    title: dict
    summary: dict
    steps: tuple = field(default_factory=tuple)


def folders():
    """The shipped stories, then a municipality's own (a story of the same name replaces the shipped one)."""
    own = settings.STORIES_DIR
    return [Path(settings.DATA_DIR) / "stories"] + ([Path(own)] if own else [])


def load_all():
    """{slug: Story} from every folder, in the order of the files' names (a leading number orders them)."""
    stories = {}
    for folder in folders():
        for path in sorted(Path(folder).glob("*.yaml")):
            story = load(path)
            stories[story.slug] = story
    return stories


def load(path):
    path = Path(path)
    shown = _shown(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise StoryError(shown, None, f"not readable as YAML: {' '.join(str(error).split())[:160]}") from None
    if not isinstance(data, dict):
        raise StoryError(shown, None, "a story is a mapping with title, summary and steps")
    slug = str(data.get("slug") or re.sub(r"^\d+[-_]", "", path.stem).replace("_", "-"))
    if not SLUG.match(slug):
        raise StoryError(shown, None, f"slug '{slug}' must be lower-case letters, digits and hyphens")
    unknown = set(data) - {"slug", "title", "summary", "steps"}
    if unknown:
        raise StoryError(shown, None, f"unknown key(s): {', '.join(sorted(unknown))}")
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise StoryError(shown, None, "no steps")
    return Story(slug, shown, _texts(data.get("title"), shown, None, "title"),
                 _texts(data.get("summary"), shown, None, "summary"),
                 tuple(_step(s, shown, n) for n, s in enumerate(steps, start=1)))


def _shown(path):
    """The file as a person finds it: relative to the project where it is in it."""
    try:
        return str(path.resolve().relative_to(settings.PROJECT_DIR))
    except ValueError:
        return str(path)


def _texts(value, path, step, key, required=True):
    if value is None and not required:
        return {}
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value[lang].strip()
                                          for lang in LANGS):
        raise StoryError(path, step, f"'{key}' needs a text in Dutch (nl) and English (en)")
    return {lang: " ".join(value[lang].split()) for lang in LANGS}


def _step(raw, path, n):
    if not isinstance(raw, dict):
        raise StoryError(path, n, "a step is a mapping with title, view and text")
    unknown = set(raw) - {"title", "view", "text", "notes", "numbers", "cites"}
    if unknown:
        raise StoryError(path, n, f"unknown key(s): {', '.join(sorted(unknown))}")
    view = raw.get("view")
    if not isinstance(view, dict) or view.get("kind") not in VIEWS:
        raise StoryError(path, n, f"view.kind must be one of {', '.join(VIEWS)}")
    numbers = raw.get("numbers") or {}
    if not isinstance(numbers, dict):
        raise StoryError(path, n, "numbers is a mapping of name: {kind: …}")
    for name, spec in numbers.items():
        if not re.fullmatch(r"[a-z0-9_]+", str(name)):
            raise StoryError(path, n, f"number name '{name}': lower-case letters, digits and _ only")
        if not isinstance(spec, dict) or spec.get("kind") not in NUMBER_KINDS:
            raise StoryError(path, n, f"number '{name}': kind must be one of {', '.join(NUMBER_KINDS)}")
    cites = raw.get("cites") or []
    if not isinstance(cites, list) or any(not CITATION.match(str(c)) for c in cites):
        raise StoryError(path, n, "cites: a list of 'document:first-last' (e.g. '002:2225-2260')")
    text = _texts(raw.get("text"), path, n, "text")
    for lang in LANGS:
        for match in PLACEHOLDER.finditer(text[lang]):
            if match.group(1) not in numbers:
                raise StoryError(path, n, f"placeholder {{{match.group(1)}}} ({lang}) is not among the step's numbers")
        # A figure typed into the text is a defect: numbers come from the layers. Years and the study's
        # own line numbers are words of the story, not figures; anything with a decimal separator or a
        # percent sign is not.
        typed = re.search(r"\d+[,.]\d|\d\s?%|€\s?\d", PLACEHOLDER.sub("", text[lang]))
        if typed:
            raise StoryError(path, n, f"a figure typed into the text ({lang}: '{typed.group(0)}'): use a placeholder")
    return Step(_texts(raw.get("title"), path, n, "title"), dict(view), text,
                _texts(raw.get("notes"), path, n, "notes", required=False), {str(k): dict(v) for k, v in numbers.items()},
                tuple(str(c) for c in cites))

"""The policy waves of data/policy_waves.csv: which apply to a year, and lanes for drawing them."""

from dataclasses import dataclass
from functools import cache

from .data import in_language, read_csv


@dataclass(frozen=True)
class Wave:
    id: str
    name_nl: str
    name_en: str
    short_nl: str
    short_en: str
    start: int
    end: int | None  # None: still running
    description_nl: str
    description_en: str
    sources: tuple  # ("002", 356, 402), …

    def name(self, lang):
        return in_language(self, "name", lang)

    def short(self, lang):
        return in_language(self, "short", lang)

    def description(self, lang):
        return in_language(self, "description", lang)

    def covers(self, year):
        return self.start <= year and (self.end is None or year <= self.end)


@cache
def all_waves():
    waves = []
    for row in read_csv("policy_waves.csv"):
        sources = []
        for part in row["sources"].split(";"):
            doc, lines = part.strip().split(":")
            first, last = lines.split("-")
            sources.append((doc, int(first), int(last)))
        waves.append(Wave(row["id"], row["name_nl"], row["name_en"], row["short_nl"], row["short_en"], int(row["start"]),
                          int(row["end"]) if row["end"] else None, row["description_nl"], row["description_en"],
                          tuple(sources)))
    return waves


def waves_in(year):
    return [w for w in all_waves() if w.covers(year)]


def label_span(wave, until, label_years=None, since=None):
    """(first, last) years a wave takes on an axis since..until, its label included: the band from its
    start (cut at `since`) and a label of label_years(wave) years written from the band's start, or,
    where it would run past the axis' end, ending there (right-aligned)."""
    first = wave.start if since is None else max(wave.start, since)
    last = wave.end or until
    if label_years is None:
        return first, last
    need = label_years(wave)
    if first + need <= until:
        return first, max(last, first + need)
    return min(first, until - need), last


def lanes(waves, until, label_years=None, since=None):
    """Stack overlapping waves: each wave gets the first lane whose last wave ended before it starts.
    label_years(wave): how many years of the axis its label needs (a short wave may have a long name);
    the lane stays taken for the label too (see label_span)."""
    spans = {w.id: label_span(w, until, label_years, since) for w in waves}
    ends, placed = [], []
    for wave in sorted(waves, key=lambda w: spans[w.id]):
        first, last = spans[wave.id]
        for lane, taken in enumerate(ends):
            if taken < first:
                ends[lane] = last
                break
        else:
            lane = len(ends)
            ends.append(last)
        placed.append((wave, lane))
    return placed


@cache
def documents():
    return {row["id"]: row for row in read_csv("documents.csv")}


def short_cite(source, lang="nl"):
    """'Kleinhans, Veldboer & Duyvendak (1999), r. 2225–2260': where a step names its source in a line."""
    doc, first, last = source
    return f"{documents()[doc]['short']}, {'r.' if lang == 'nl' else 'll.'} {first}–{last}"


def cite(source, lang="nl"):
    doc, first, last = source
    d = documents()[doc]
    lines = "r." if lang == "nl" else "ll."
    return f"{d['author']} ({d['year']}), {d['title']}, {lines} {first}–{last}"

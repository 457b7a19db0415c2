"""The policy waves of data/policy_waves.csv: which apply to a year, and lanes for drawing them."""

from dataclasses import dataclass
from functools import cache

from .data import read_csv


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
        return self.name_nl if lang == "nl" else self.name_en

    def short(self, lang):
        return self.short_nl if lang == "nl" else self.short_en

    def description(self, lang):
        return self.description_nl if lang == "nl" else self.description_en

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


def lanes(waves, until):
    """Stack overlapping waves: each wave gets the first lane whose last wave ended before it starts."""
    ends, placed = [], []
    for wave in sorted(waves, key=lambda w: (w.start, w.end or until)):
        end = wave.end or until
        for lane, last in enumerate(ends):
            if last < wave.start:
                ends[lane] = end
                break
        else:
            lane = len(ends)
            ends.append(end)
        placed.append((wave, lane))
    return placed


@cache
def documents():
    return {row["id"]: row for row in read_csv("documents.csv")}


def cite(source, lang="nl"):
    doc, first, last = source
    d = documents()[doc]
    lines = "r." if lang == "nl" else "ll."
    return f"{d['author']} ({d['year']}), {d['title']}, {lines} {first}–{last}"

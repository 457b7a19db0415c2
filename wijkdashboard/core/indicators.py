"""The variables (data/variables.csv) and the indicators a map can show (data/indicators.csv): labels,
units, definitions, the base a share or mean is taken over, direction and palette."""

from dataclasses import dataclass
from functools import cache

from .data import in_language, read_csv

# ColorBrewer sequential schemes, 5 classes, all colour-blind safe. Composition indicators (neither
# good nor bad) get neutral blues; a traffic-light reading only where higher really is better or worse.
PALETTES = {
    "neutral": ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],  # Blues
    "higher_is_worse": ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],  # OrRd
    "higher_is_better": ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"],  # Greens
}
KINDS = ("count", "share", "mean", "density", "index", "category")


@dataclass(frozen=True)
class Variable:
    id: str
    kind: str  # count | share | mean | density | index | category
    unit: str
    unit_en: str
    weight: str  # the base a share or mean is taken over (a variable id), "" for counts
    theme: str
    label_nl: str
    label_en: str
    definition_nl: str
    definition_en: str

    def label(self, lang):
        return in_language(self, "label", lang)

    def definition(self, lang):
        return in_language(self, "definition", lang)

    def unit_in(self, lang):
        return self.unit if lang == "nl" else self.unit_en


@cache
def variables(data_dir=None):
    return {row["id"]: Variable(**row) for row in read_csv("variables.csv", data_dir)}


@dataclass(frozen=True)
class Indicator:
    id: str
    direction: str
    featured: bool
    variable: Variable
    opening: int | None = None  # preference for the view the dashboard opens on (1 = first choice)

    def label(self, lang):
        return self.variable.label(lang)

    def definition(self, lang):
        return self.variable.definition(lang)

    @property
    def unit(self):
        return self.variable.unit

    def unit_in(self, lang):
        return self.variable.unit_in(lang)

    @property
    def kind(self):
        return self.variable.kind

    @property
    def palette(self):
        return PALETTES[self.direction]


@cache
def catalogue():
    known = variables()
    rows = read_csv("indicators.csv")
    items = [Indicator(r["variable"], r["direction"], r["featured"] == "1", known[r["variable"]],
                       int(r["opening"]) if r.get("opening") else None) for r in rows]
    # Featured first, then the rest in the order of data/indicators.csv.
    return {i.id: i for i in sorted(items, key=lambda i: not i.featured)}


@dataclass(frozen=True)
class SeriesBreak:
    """Where CBS changed how it publishes a concept: `before` ends and `after` begins (a new unit or a
    new classification). The two are never joined into one series."""
    before: str
    after: str
    kind: str  # unit | classification
    note_nl: str
    note_en: str

    def note(self, lang):
        return in_language(self, "note", lang)

    def other(self, variable):
        return self.after if variable == self.before else self.before


@cache
def series_breaks():
    return [SeriesBreak(**row) for row in read_csv("series_breaks.csv")]


def breaks_of(variable):
    return [b for b in series_breaks() if variable in (b.before, b.after)]

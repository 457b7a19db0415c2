"""The indicator catalogue: the variables a map can show, with direction and palette.

Labels, units and definitions come from data/variables.csv; whether higher is better, worse or
neither, and which indicators come first, from data/indicators.csv.
"""

from dataclasses import dataclass
from functools import cache

from . import vocabulary

# ColorBrewer sequential schemes, 5 classes, all colour-blind safe. Composition indicators (neither
# good nor bad) get neutral blues; a traffic-light reading only where higher really is better or worse.
PALETTES = {
    "neutral": ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],  # Blues
    "higher_is_worse": ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],  # OrRd
    "higher_is_better": ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"],  # Greens
}


@dataclass(frozen=True)
class Indicator:
    id: str
    direction: str
    featured: bool
    variable: vocabulary.Variable

    def label(self, lang):
        return self.variable.label_nl if lang == "nl" else self.variable.label_en

    def definition(self, lang):
        return self.variable.definition_nl if lang == "nl" else self.variable.definition_en

    @property
    def unit(self):
        return self.variable.unit

    @property
    def palette(self):
        return PALETTES[self.direction]


@cache
def catalogue():
    variables = vocabulary.variables()
    rows = vocabulary.read_csv("indicators.csv")
    items = [Indicator(r["variable"], r["direction"], r["featured"] == "1", variables[r["variable"]]) for r in rows]
    # Featured first, then the rest in the order of data/variables.csv.
    return {i.id: i for i in sorted(items, key=lambda i: not i.featured)}


def format_value(value, indicator, lang="nl"):
    """Counts as whole numbers, indices with two decimals, the rest with one; Dutch decimal comma,
    thin-space thousands."""
    kind = indicator.variable.kind
    text = f"{value:,.0f}" if kind == "count" else f"{value:,.2f}" if kind == "index" else f"{value:,.1f}"
    if lang == "nl":
        text = text.replace(",", "\u202f").replace(".", ",")
    else:
        text = text.replace(",", "\u202f")
    return text

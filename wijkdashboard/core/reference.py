"""Which year a figure refers to, where CBS's metadata say it differs from the edition's year: the WOZ
value is set on the valuation date of the year before; income figures of the newer editions are those of
the reporting year, provisional at first. Read from data/reference_periods.csv, each row citing the CBS
metadata it comes from; where an edition's metadata are not at hand, it says so instead of guessing."""

from functools import cache

from .data import in_language, read_csv
from .indicators import variables
from .provenance import TABLE_ID

THEMES = {"mean_woz": "woz"}  # and every variable of the income theme: "income"


@cache
def periods():
    return {(row["table_id"].upper(), row["theme"]): row for row in read_csv("reference_periods.csv")}


def theme_of(variable):
    if variable in THEMES:
        return THEMES[variable]
    known = variables().get(variable)
    return "income" if known is not None and known.theme == "inkomen" else None


class _Row:
    def __init__(self, row):
        self.__dict__.update(row)


def reference(table, variable, lang):
    """(text, established) for a value of `variable` from `table` (an id such as 85984NED), or None where
    the variable's year is the edition's year (population, dwellings: 1 January of that year)."""
    theme = theme_of(variable)
    if theme is None:
        return None
    match = TABLE_ID.search(table or "")
    row = periods().get((match.group(1).upper() if match else "", theme)) or periods().get(("*", theme))
    return in_language(_Row(row), "reference", lang), row["established"] == "yes"

"""A story's numbers, filled from the layers when a step is shown: an indicator's value for a study area,
its ring or its city in a year; its change between two years; the difference with the ring or the city;
a segregation index or the scale profile's dissimilarity with its 95% interval; a fact of the 1999 study;
the years there are figures for. Each comes back as text in the reader's language, its attributes (the
year it is of, …) and the CBS products behind it. A value CBS did not publish is said to be unknown, with
the reason, never 0. Years may be named `first` or `last`: the first or last year with a figure, so a
story stays true when `wijkdashboard fetch` brings earlier years."""

from dataclasses import dataclass

import pandas as pd

from ...core import cases, codes as area_codes, formatting
from ...core.indicators import catalogue
from ...core.indices import label as index_label
from ...core.waves import short_cite
from ...layers import PRESENT
from ..components.study_area import change_text, reason
from ..i18n import t
from ..provenance import sources
from ..store import FIXED, PUBLISHED

ROLES = ("area", "ring", "city")


@dataclass(frozen=True)
class Figure:
    text: str
    attributes: dict  # year, from, to, first, last, count: what "{name.year}" and the like say
    sources: tuple  # the products behind it, as the source line names them
    known: bool = True


def case_area(area_id):
    return next((a for a in cases.areas() if a["id"] == area_id), None)


def parse_citation(text):
    doc, lines = text.split(":")
    first, last = lines.split("-")
    return doc, int(first), int(last)


class Numbers:
    def __init__(self, store, comparison, slugs):
        self.store, self.comparison, self.slugs = store, comparison, slugs

    # -- where a number's values are -------------------------------------------------------------------

    def city_of(self, spec):
        if spec.get("area"):
            area = case_area(spec["area"])
            return area["municipality"] if area else area_codes.municipality_of(spec["area"])
        return self.slugs.get(str(spec.get("city")))

    def table(self, spec, level):
        """Per year the value and status for the area, its ring and its city (aggregate.Comparison)."""
        indicator_id = spec["indicator"]
        area = case_area(spec.get("area") or "")
        if area is not None:
            return self.comparison.table(area, level, indicator_id)
        city = self.city_of(spec)
        indicator = catalogue()[indicator_id]
        years = set(self.store.years(city, level, indicator_id, FIXED))
        published = self.store.frame(PUBLISHED, city, "gemeente", indicator_id)
        years |= set(published["year"]) if published is not None else set()
        rows = []
        for year in sorted(years):
            a, a_status = self.comparison.aggregate(city, level, indicator, year, [spec["area"]]) \
                if spec.get("area") else (None, "not_published")
            c, c_status, c_how = self.comparison.city_value(city, level, indicator, year)
            rows.append({"year": int(year), "area": a, "area_status": a_status, "ring": None,
                         "ring_status": "not_published", "city": c, "city_status": c_status, "city_source": c_how})
        return pd.DataFrame(rows, columns=["year", "area", "area_status", "ring", "ring_status", "city", "city_status",
                                           "city_source"])

    def members(self, spec, level, role, year):
        """The codes a role's value is made of (for its sources)."""
        area = case_area(spec.get("area") or "")
        city = self.city_of(spec)
        if role == "city":
            frame = self.store.frame(FIXED, city, level, spec["indicator"])
            return list(frame.loc[frame["year"] == year, "code"]) if frame is not None else []
        if area is not None:
            codes, ring = self.comparison.members(area, level)
            return ring if role == "ring" else codes
        return [spec["area"]]

    def products(self, spec, level, role, year, lang, city_source=None):
        """The CBS products behind a role's value in a year: the gemeente's own figure, or its areas'."""
        city, indicator_id = self.city_of(spec), spec["indicator"]
        if role == "city" and city_source == "gemeente":
            frame = self.store.frame(PUBLISHED, city, "gemeente", indicator_id)
            rows = frame[frame["year"] == year] if frame is not None else frame
        else:
            frame = self.store.frame(FIXED, city, level, indicator_id)
            if frame is None:
                return ()
            rows = frame[(frame["year"] == year) & frame["code"].isin(self.members(spec, level, role, year))
                         & frame["status"].isin(PRESENT)]
        if rows is None:
            return ()
        return tuple(dict.fromkeys(sources(r.table, r.release, r.source, lang)
                                   for r in rows[["table", "release", "source"]].drop_duplicates().itertuples()))

    @staticmethod
    def years_with(table, role):
        return [int(y) for y in table.dropna(subset=[role])["year"]]

    @staticmethod
    def pick(year, years, all_years):
        """A year as the story names it: first, last or the year itself (kept even without a value there:
        the text then says the value is unknown and why)."""
        if year == "first":
            return years[0] if years else None
        if year == "last":
            return years[-1] if years else None
        return int(year) if int(year) in all_years else None

    # -- one number as text ----------------------------------------------------------------------------

    def resolve(self, spec, lang, level):
        kind = spec["kind"]
        level = spec.get("level", level)
        return getattr(self, f"_{kind}")(spec, lang, level)

    def _value(self, spec, lang, level):
        table, role = self.table(spec, level), spec.get("of", "area")
        year = self.pick(spec.get("year", "last"), self.years_with(table, role), set(table["year"]))
        if year is None:
            return Figure(t("story_no_year", lang), {"year": "—"}, (), False)
        row = table.set_index("year").loc[year]
        indicator = catalogue()[spec["indicator"]]
        if pd.isna(row[role]):
            return Figure(f"{t('story_unknown', lang)} ({reason(_status(row[role + '_status']), lang)})",
                          {"year": year}, (), False)
        return Figure(amount(row[role], indicator, lang), {"year": year},
                      self.products(spec, level, role, year, lang, row.get("city_source")))

    def _change(self, spec, lang, level):
        table, role = self.table(spec, level), spec.get("of", "area")
        years = self.years_with(table, role)
        start = self.pick(spec.get("from", "first"), years, set(table["year"]))
        end = self.pick(spec.get("to", "last"), years, set(table["year"]))
        indicator = catalogue()[spec["indicator"]]
        by_year = table.set_index("year")
        if start is None or end is None or start >= end or pd.isna(by_year.loc[start, role]) \
                or pd.isna(by_year.loc[end, role]):
            return Figure(t("story_no_change", lang), {"from": start or "—", "to": end or "—"}, (), False)
        difference = float(by_year.loc[end, role]) - float(by_year.loc[start, role])
        found = self.products(spec, level, role, start, lang, by_year.loc[start].get("city_source")) + \
            self.products(spec, level, role, end, lang, by_year.loc[end].get("city_source"))
        return Figure(change_text(round(difference, 2), indicator, lang), {"from": start, "to": end},
                      tuple(dict.fromkeys(found)))

    def _difference(self, spec, lang, level):
        table, against = self.table(spec, level), spec.get("against", "city")
        both = table.dropna(subset=["area", against])
        year = self.pick(spec.get("year", "last"), [int(y) for y in both["year"]], set(table["year"]))
        indicator = catalogue()[spec["indicator"]]
        if year is None or year not in set(both["year"]):
            return Figure(t("story_no_difference", lang), {"year": year or "—"}, (), False)
        row = both.set_index("year").loc[year]
        found = self.products(spec, level, "area", year, lang) + \
            self.products(spec, level, against, year, lang, row.get("city_source"))
        return Figure(change_text(round(float(row["area"]) - float(row[against]), 2), indicator, lang),
                      {"year": year}, tuple(dict.fromkeys(found)))

    def _index(self, spec, lang, level):
        rows = self.store.segregation
        city = self.city_of(spec)
        rows = rows[(rows["municipality"] == city) & (rows["level"] == level) & (rows["index"] == spec["index"])]
        year = self.pick(spec.get("year", "last"), sorted(int(y) for y in rows["year"]), set(rows["year"]))
        if year is None:
            return Figure(t("story_no_index", lang), {"year": "—"}, (), False)
        r = rows[rows["year"] == year].iloc[0]
        return Figure(with_interval(r.statistic, r.ci_low, r.ci_high, lang), {"year": year},
                      (t("story_source_index", lang, index=index_label(spec["index"], lang), version=r.pysal_segregation),))

    def _scale(self, spec, lang, level):
        rows = self.store.scale_profile
        rows = rows[(rows["municipality"] == self.city_of(spec)) & (rows["scale"] == spec["scale"])]
        rows = rows[rows["statistic"].notna()]
        year = self.pick(spec.get("year", "last"), sorted(int(y) for y in rows["year"]), set(rows["year"]))
        if year is None:
            return Figure(t("story_no_index", lang), {"year": "—"}, (), False)
        r = rows[rows["year"] == year].iloc[0]
        return Figure(with_interval(r.statistic, r.ci_low, r.ci_high, lang), {"year": year},
                      (t("story_source_scale", lang, version=r.pysal_segregation),))

    def _fact(self, spec, lang, level):
        fact = fact_of(spec)
        source = short_cite(parse_citation(fact["source"].split(";")[0].strip()), lang)
        return Figure(formatting.number(fact["value"], 0, lang), {"source": source}, (source,))

    def _years(self, spec, lang, level):
        table = self.table(spec, level)
        years = self.years_with(table, spec.get("of", "area"))
        if not years:
            return Figure(t("story_no_year", lang), {"first": "—", "last": "—", "count": 0}, (), False)
        listed = ", ".join(map(str, years[:-1])) + f" {t('scale_and', lang)} {years[-1]}" if len(years) > 1 else str(years[0])
        return Figure(listed, {"first": years[0], "last": years[-1], "count": len(years)}, ())


def fact_of(spec):
    area = case_area(spec.get("area") or "")
    facts = (area or {}).get("facts", {})
    fact = facts.get(spec.get("fact"))
    return fact if isinstance(fact, dict) and "value" in fact and "source" in fact else None


def amount(value, indicator, lang):
    """A value as a sentence says it: '43,0 %', '€ 151.000', '1.234 woningen'."""
    if indicator.unit == "× € 1 000":
        # In thousands with the indicator's decimals (CBS's own rounding), said in euros: € 21.200.
        return f"€ {formatting.number(round(value, formatting.decimals_for(indicator.kind)) * 1000, 0, lang)}"
    return f"{formatting.value(value, indicator, lang)} {indicator.unit_in(lang)}"


def with_interval(statistic, low, high, lang):
    three = lambda v: formatting.number(v, 3, lang)  # noqa: E731
    return t("story_with_interval", lang, value=three(statistic), low=three(low), high=three(high))


def _status(status):
    return status if isinstance(status, str) and not status.startswith("partial") else "not_published"

"""Areas aggregated with the proper weights — a share and a mean by their base, counts summed — for
the three case-study areas side by side: the area, its ring of neighbours and its city."""

import pandas as pd

from ..core import cases, codes as area_codes
from ..core.indicators import catalogue
from ..layers import PRESENT
from .store import FIXED, PUBLISHED

ROLES = ("area", "ring", "city")


class Comparison:
    def __init__(self, store):
        self.store = store

    def members(self, area, level):
        """(codes of the study area, codes of its ring) on the fixed boundaries of the level. At wijk
        level the area is the wijk that holds the study buurt(en)."""
        year = self.store.target_years[level]
        buurt_codes = cases.codes_for(area, self.store.target_years["buurt"])
        codes = sorted({area_codes.wijk_of(c) for c in buurt_codes}) if level == "wijk" else buurt_codes
        # The ring: areas that share an edge (not just a corner) with the study area.
        ring = set().union(*(self.store.neighbours(level, year, c) for c in codes)) - set(codes)
        return codes, sorted(ring)

    def table(self, area, level, indicator_id):
        """One row per data year: area, ring and city values with their status, and the differences."""
        indicator = catalogue()[indicator_id]
        codes, ring = self.members(area, level)
        city = area["municipality"]
        frame = self.store.frame(FIXED, city, level, indicator_id)
        years = sorted(frame["year"].unique()) if frame is not None else []
        city_published = self.store.frame(PUBLISHED, city, "gemeente", indicator_id)
        years = sorted(set(years) | (set(city_published["year"]) if city_published is not None else set()))
        rows = []
        for year in years:
            a, a_status = self.aggregate(city, level, indicator, year, codes)
            r, r_status = self.aggregate(city, level, indicator, year, ring)
            c, c_status, c_how = self.city_value(city, level, indicator, year)
            rows.append({"year": int(year), "area": a, "area_status": a_status, "ring": r, "ring_status": r_status,
                         "city": c, "city_status": c_status, "city_source": c_how,
                         "area_minus_city": _diff(a, c), "ring_minus_city": _diff(r, c), "area_minus_ring": _diff(a, r)})
        return pd.DataFrame(rows, columns=["year", "area", "area_status", "ring", "ring_status", "city", "city_status",
                                           "city_source", "area_minus_city", "ring_minus_city", "area_minus_ring"])

    def aggregate(self, city, level, indicator, year, codes):
        """(value, status): counts summed; shares, means and densities weighted by their base. Areas
        without a value are left out and the status says "partial" (a sum is then a lower bound)."""
        if not codes:
            return None, "not_published"
        values = self._year(city, level, indicator.id, year).reindex(codes)
        present = values[values["status"].isin(PRESENT)]
        if present.empty:
            known = values["status"].dropna()
            return None, known.iloc[0] if len(known) else "not_published"
        status = "aggregated" if len(present) == len(codes) else f"partial {len(present)}/{len(codes)}"
        var = indicator.variable
        if var.kind == "count":
            return round(float(present["value"].sum()), 2), status
        base = self._year(city, level, var.weight, year).reindex(present.index)
        usable = base["status"].isin(PRESENT)
        if not usable.any():
            return None, "no_base"
        if not usable.all():
            status = f"partial {int(usable.sum())}/{len(codes)}"
        w = base.loc[usable, "value"] / (100.0 if var.kind == "density" else 1.0)
        if w.sum() <= 0:
            return None, "no_base"
        return round(float((present.loc[usable, "value"] * w).sum() / w.sum()), 2), status

    def city_value(self, city, level, indicator, year):
        """CBS's own municipal figure where published; else the weighted aggregate of all areas."""
        published = self.store.frame(PUBLISHED, city, "gemeente", indicator.id)
        if published is not None:
            row = published[published["year"] == year]
            if len(row) and row["status"].iloc[0] == "published":
                return round(float(row["value"].iloc[0]), 2), "published", "gemeente"
        frame = self._year(city, level, indicator.id, year)
        value, status = self.aggregate(city, level, indicator, year, list(frame.index))
        return value, status, f"aggregated from {level}"

    def _year(self, city, level, variable, year):
        frame = self.store.frame(FIXED, city, level, variable)
        if frame is None:
            return pd.DataFrame(columns=["value", "status"])
        return frame[frame["year"] == year].set_index("code")[["value", "status"]]

    def waterbed(self, table, start=None, end=None):
        """Change of area and ring over a period: from `start` to `end` where both have a value in
        those years, else between the first and last year both have one. None without two such years."""
        both = table.dropna(subset=["area", "ring"]).set_index("year")
        years = [int(y) for y in both.index]
        if start in years and end in years and start < end:
            first, last = start, end
        elif len(years) >= 2:
            first, last = years[0], years[-1]
        else:
            return None
        d_area = both.loc[last, "area"] - both.loc[first, "area"]
        d_ring = both.loc[last, "ring"] - both.loc[first, "ring"]
        return {"from": first, "to": last, "area": round(float(d_area), 2), "ring": round(float(d_ring), 2),
                "difference": round(float(d_area - d_ring), 2), "opposite": bool(d_area * d_ring < 0),
                "asked": (start, end), "years": years}

    def coverage(self, area, level, indicator_id, years):
        """Per year of `years` without a value for the study area: why — not in the CBS files of that
        year for this city and level, withheld by CBS, or not published."""
        codes, _ = self.members(area, level)
        frame = self.store.frame(FIXED, area["municipality"], level, indicator_id)
        reasons = {}
        for year in years:
            rows = frame[(frame["year"] == year) & frame["code"].isin(codes)] if frame is not None else None
            if rows is None or rows.empty:
                reasons[year] = "absent"
            elif not rows["status"].isin(PRESENT).all():
                reasons[year] = rows.loc[~rows["status"].isin(PRESENT), "status"].iloc[0]
        return reasons


def _diff(a, b):
    return round(a - b, 2) if a is not None and b is not None else None

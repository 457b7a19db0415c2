"""Areas aggregated with the proper weights — a share and a mean by their base, counts summed — for
the three case-study areas side by side: the area, its ring of neighbours and its city."""

import pandas as pd

from ..core import cases, codes as area_codes
from ..core.indicators import catalogue
from ..layers import PRESENT
from .store import FIXED, PUBLISHED

ROLES = ("area", "ring", "city")
FEW_DWELLINGS = 50  # a neighbour that never had this many dwellings is no part of the ring


class Comparison:
    def __init__(self, store):
        self.store = store

    def members(self, area, level):
        """(codes of the study area, codes of its ring) on the fixed boundaries of the level. At wijk
        level the area is the wijk that holds the study buurt(en). The ring: the areas that share an edge
        (not just a corner) with the study area and have dwellings — a port or a park next door is no
        neighbourhood for people to move to (ring_of says which were left out)."""
        codes, _ = self._neighbours(area, level)
        return codes, self.ring_of(area, level)["members"]

    def _neighbours(self, area, level):
        year = self.store.target_years[level]
        buurt_codes = cases.codes_for(area, self.store.target_years["buurt"])
        codes = sorted({area_codes.wijk_of(c) for c in buurt_codes}) if level == "wijk" else buurt_codes
        ring = set().union(*(self.store.neighbours(level, year, c) for c in codes)) - set(codes)
        return codes, sorted(ring)

    def ring_of(self, area, level):
        """The ring as a reader needs it: {members, shares (of the ring's dwellings, in the latest year with
        dwellings), left_out (neighbours without dwellings in any year), year (of the shares)}."""
        _, neighbours = self._neighbours(area, level)
        frame = self.store.frame(FIXED, area["municipality"], level, "dwellings")
        if frame is None or frame.empty:
            return {"members": neighbours, "shares": {}, "left_out": [], "year": None, "left_out_dwellings": {}}
        mine = frame[frame["code"].isin(neighbours) & frame["status"].isin(PRESENT)]
        most = mine.groupby("code")["value"].max()
        # Left out only where every year the layers hold says: (almost) no dwellings — never a guess from
        # a gap. Their few dwellings are caretakers' and boat homes in a port, not a neighbourhood.
        left_out = sorted(c for c in neighbours if c in most.index and most[c] < FEW_DWELLINGS)
        members = [c for c in neighbours if c not in left_out]
        shares, year = {}, None
        if len(mine):
            year = int(mine["year"].max())
            latest = mine[(mine["year"] == year) & mine["code"].isin(members)].set_index("code")["value"]
            if latest.sum() > 0:
                shares = (latest / latest.sum()).round(4).to_dict()
        return {"members": members, "shares": shares, "left_out": left_out, "year": year,
                "left_out_dwellings": {c: int(most[c]) for c in left_out}}

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
        without a value are left out and the status says "partial" (a sum is then a lower bound). One area
        is its own value, with its own status: it needs no base to weigh it by (Kaart shows the same)."""
        if not codes:
            return None, "not_published"
        values = self._year(city, level, indicator.id, year).reindex(codes)
        if len(codes) == 1:
            row = values.iloc[0]
            present = row["status"] in PRESENT
            return (round(float(row["value"]), 2) if present else None,
                    row["status"] if isinstance(row["status"], str) else "not_published")
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
        """CBS's own municipal figure where published; else the weighted aggregate of all areas (the third
        element says which: "gemeente" or "aggregated from <level>")."""
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
        those years, else between the first and last year both have one. None without two such years
        (then `missing` says which years each lacks). `step`: the rounding of the values (1 where every
        value is whole, as CBS's percentages are; else 0.1), for the caveat on changes within it."""
        both = table.dropna(subset=["area", "ring"]).set_index("year")
        years = [int(y) for y in both.index]
        if start in years and end in years and start < end:
            first, last = start, end
        elif len(years) >= 2:
            first, last = years[0], years[-1]
        else:
            return {"none": True, "area_years": [int(y) for y in table.dropna(subset=["area"])["year"]],
                    "ring_years": [int(y) for y in table.dropna(subset=["ring"])["year"]], "asked": (start, end)}
        d_area = both.loc[last, "area"] - both.loc[first, "area"]
        d_ring = both.loc[last, "ring"] - both.loc[first, "ring"]
        values = [both.loc[y, c] for y in (first, last) for c in ("area", "ring")]
        step = 1.0 if all(float(v).is_integer() for v in values) else 0.1
        return {"from": first, "to": last, "area": round(float(d_area), 2), "ring": round(float(d_ring), 2),
                "difference": round(float(d_area - d_ring), 2), "opposite": bool(d_area * d_ring < 0),
                "asked": (start, end), "years": years, "step": step,
                # A change of two rounded values is off by up to one rounding step; two steps is near it.
                "within_rounding": [k for k, d in (("area", d_area), ("ring", d_ring)) if abs(d) <= 2 * step]}


def _diff(a, b):
    return round(a - b, 2) if a is not None and b is not None else None

"""CBS OData v4 (datasets.cbs.nl), where v3 keeps failing for a table (v3 has reset connections since
February 2026: cbsodata issue 22). v4 answers in long format — one observation per area × measure,
`Value` null with a `ValueAttribute` where CBS withheld it — and names its measures by code (M000352)
in MeasureCodes, grouped in MeasureGroups.

The raw files it writes read as v3's do: one wide CSV per year (a column per measure code, `.` for a
value not published) beside a DataProperties file in v3's shape made from MeasureCodes, MeasureGroups
and Dimensions — so the build maps every column by its topic path, title and unit exactly as for v3,
and the same vocabulary check runs before any row is fetched. The manifest says `odata4` and every
URL fetched."""

import json

from tqdm import tqdm

from .http import FetchError, same_service
from ..core.statline import headers_of
from .odata import TableSource, check_mapping, code_filter, to_csv

NEXT = "@odata.nextLink"


class TableFetch4(TableSource):
    def all_of(self, entity, params=None):
        """Every row of an entity, following its next links (within the service)."""
        url, rows = self.url(entity), []
        while url:
            page = self.client.get_json(url, params, what=f"{self.table} {entity} (OData v4)")
            rows += page.get("value", [])
            url, params = page.get(NEXT), None
            if url:
                same_service(url, self.base, f"{self.table} {entity} (OData v4)")
        return rows

    def run(self, first_year, last_year):
        since = len(self.client.fetched)
        info = self.client.get_json(self.url("Properties"), what=f"{self.table} Properties (OData v4)")
        modified = info.get("Modified", "")
        years = [y for y in range(first_year, last_year + 1) if y in self.years]
        if all(self.raw.is_current(self.relative(y), modified) for y in years):
            self.log(f"{self.table}: unchanged since {modified}, nothing to download")
            return []
        properties = data_properties(self.all_of("Dimensions"), self.all_of("MeasureGroups"),
                                     self.all_of("MeasureCodes"))
        mapped = check_mapping(self.table, properties)
        by_year = self._rows(properties, first_year)
        urls = self.client.fetched[since:]
        written = []
        table_info = [{"Identifier": self.table, "Title": info.get("Title", ""), "Modified": modified,
                       "Source": "CBS OData v4"}]
        for name, data in (("DataProperties", properties), ("TableInfos", table_info)):
            relative = f"cbs/{self.table}/{self.table}_{name}.json"
            self.raw.write_bytes(relative, json.dumps({"value": data}, ensure_ascii=False, indent=1).encode("utf-8"))
            self.raw.record(relative, url=self.url("Properties"), urls=urls, table=self.table, modified=modified,
                            service="odata4")
        for year in years:
            rows = by_year.get(year, [])
            if not rows:
                raise FetchError(f"{self.table}: no rows for {year} in scope {self.scope} (OData v4)")
            relative = self.relative(year)
            self.raw.write_bytes(relative, to_csv(rows))
            self.raw.record(relative, url=self.url("Observations"), urls=urls, table=self.table, modified=modified,
                            rows=len(rows), year=year, scope=self.scope, variables=len(mapped), service="odata4")
            written.append(relative)
        return written

    def _rows(self, properties, first_year):
        """Wide rows per year: {WijkenEnBuurten, [Perioden], measure code: value} from the observations."""
        measures = set(headers_of(properties))
        wide, bar = {}, tqdm(desc=f"{self.table} (OData v4)", unit=" obs", disable=None if self.progress else True,
                             leave=False)
        for municipality in self.municipalities or [None]:
            params = {"$filter": code_filter(municipality)} if municipality else None
            for obs in self.all_of("Observations", params):
                measure = obs.get("Measure")
                if measure not in measures:
                    raise FetchError(f"{self.table}: measure {measure} is not in the table's MeasureCodes "
                                     "(OData v4): nothing written")
                area = str(obs.get("WijkenEnBuurten", "")).strip()
                period = str(obs.get("Perioden") or "").strip()
                row = wide.setdefault((area, period), {"WijkenEnBuurten": area, **({"Perioden": period} if period else {})})
                value = obs.get("StringValue") if obs.get("StringValue") is not None else obs.get("Value")
                row[measure] = value  # None (CBS's ValueAttribute says why): written as '.', never 0
                bar.update(1)
        bar.close()
        out = {}
        for (_, period), row in sorted(wide.items()):
            year = int(period[:4]) if period[:4].isdigit() else first_year
            out.setdefault(year, []).append(row)
        return out


def data_properties(dimensions, groups, codes):
    """v3's DataProperties (ID, ParentID, Type, Key, Title, Unit) from v4's metadata."""
    out, ids = [], {}
    for d in dimensions:
        ids[("dim", d["Identifier"])] = len(out)
        kind = {"GeoDimension": "GeoDimension", "TimeDimension": "TimeDimension"}.get(d.get("Kind"), "Dimension")
        out.append({"ID": len(out), "Type": kind, "Key": d["Identifier"], "Title": d.get("Title", ""), "Unit": None})
    for g in groups:
        ids[("group", g["Id"])] = len(out)
        out.append({"ID": len(out), "Type": "TopicGroup", "Key": "", "Title": g.get("Title", ""), "_parent": g.get("ParentId")})
    for c in codes:
        out.append({"ID": len(out), "Type": "Topic", "Key": c["Identifier"], "Title": c.get("Title", ""),
                    "Unit": c.get("Unit") or "", "Decimals": c.get("Decimals"), "_parent": c.get("MeasureGroupId")})
    for entry in out:
        parent = entry.pop("_parent", None)
        entry["ParentID"] = ids.get(("group", parent)) if parent is not None else None
    return out

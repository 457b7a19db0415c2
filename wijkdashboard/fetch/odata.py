"""CBS OData v3: a Kerncijfers table's TableInfos and DataProperties, then its TypedDataSet rows — per
municipality (filtered by code prefix) or whole — following `odata.nextLink` as given, into one CSV
per year beside the table's DataProperties, which is how the build knows what each key means.

Before any row is fetched, every key is mapped through the build's vocabulary: a key that maps to the
same variable as another stops the fetch (one mapping, checked once, never guessed). A row whose keys
are not the table's DataProperties keys (a renamed key) stops it too. Nothing is left looking like a
finished file: pages collect in RAW/.fetch/ and become a CSV only when the last page has arrived, so an
interrupted run resumes where it stopped."""

import csv
import io
import json
import re
from pathlib import Path

from tqdm import tqdm

from ..core.statline import headers_of
from ..core.vocabulary import Unmapped, rule_for_header
from .http import FetchError, same_service

STATE = ".fetch"
PADDED = re.compile(r"\s+$")


def code_filter(municipality):
    """Rows of one municipality: its own row, its wijken and its buurten (keys are padded to 10)."""
    digits = municipality[2:6]
    return " or ".join(f"startswith(WijkenEnBuurten,'{prefix}{digits}')" for prefix in ("GM", "WK", "BU"))


def check_mapping(table, properties):
    """{variable: key}; FetchError if two keys of the table map to one variable."""
    seen = {}
    for key, header in headers_of(properties).items():
        rule = rule_for_header(header, key)
        if isinstance(rule, Unmapped) or rule.variable.startswith("@"):
            continue
        if rule.variable in seen:
            raise FetchError(f"{table}: keys {seen[rule.variable]} and {key} both map to {rule.variable}; "
                             "the table's DataProperties changed — adjust data/cbs_labels.csv")
        seen[rule.variable] = key
    return seen


class TableSource:
    """One Kerncijfers table from one of CBS's services: where it is asked, where its yearly files go
    (the same names whichever service gave them: the build reads them alike)."""

    def __init__(self, client, raw, base, table, scope, municipalities, years, progress=True, log=print):
        self.client, self.raw, self.base, self.table = client, raw, base.rstrip("/"), table
        self.scope, self.municipalities, self.years = scope, municipalities, years
        self.progress, self.log = progress, log

    def url(self, entity):
        return f"{self.base}/{self.table}/{entity}"

    def relative(self, year):
        return f"cbs/{self.table}/kwb{year}_{self.table}_odata_{self.scope}.csv"


class TableFetch(TableSource):

    def run(self, first_year, last_year):
        info = self.client.get_json(self.url("TableInfos"), what=f"{self.table} TableInfos")["value"]
        if not info:
            raise FetchError(f"{self.table}: TableInfos is empty")
        modified = info[0].get("Modified", "")
        years = [y for y in range(first_year, last_year + 1) if y in self.years]
        if all(self.raw.is_current(self.relative(y), modified) for y in years):
            self.log(f"{self.table}: unchanged since {modified}, nothing to download")
            return []
        properties = self.client.get_json(self.url("DataProperties"), what=f"{self.table} DataProperties")["value"]
        mapped = check_mapping(self.table, properties)
        keys = {p["Key"] for p in properties if p.get("Key")} | {"ID"}  # every column the table declares
        state = self._state(modified)
        rows = self._rows(state, keys)
        pages = [u for chunk in state["chunks"].values() for u in chunk.get("urls", [])]
        by_year = self._split(rows, first_year)
        written = []
        meta = {name: json.dumps({"value": data}, ensure_ascii=False, indent=1).encode("utf-8")
                for name, data in (("DataProperties", properties), ("TableInfos", info))}
        for name, data in meta.items():
            relative = f"cbs/{self.table}/{self.table}_{name}.json"
            self.raw.write_bytes(relative, data)
            self.raw.record(relative, url=self.url(name), urls=[self.url(name)], table=self.table, modified=modified)
        for year in years:
            year_rows = by_year.get(year, [])
            if not year_rows:
                raise FetchError(f"{self.table}: no rows for {year} in scope {self.scope} (is the period or the "
                                 "municipality code right?)")
            relative = self.relative(year)
            self.raw.write_bytes(relative, to_csv(year_rows))
            self.raw.record(relative, url=self.url("TypedDataSet"), urls=pages, table=self.table, modified=modified,
                            rows=len(year_rows), year=year, scope=self.scope, variables=len(mapped))
            written.append(relative)
        self._clear(state)
        return written

    def _state(self, modified):
        """Resume state: per chunk (a municipality, or the whole table) the next link and the rows so far."""
        path = self.raw.path(f"{STATE}/{self.table}_{self.scope}.json")
        state = json.loads(path.read_text()) if path.exists() else {}
        if state.get("modified") != modified:  # a new release: start over
            state = {"modified": modified, "chunks": {}}
        state["path"] = str(path)
        return state

    def _save(self, state):
        target = Path(state["path"])
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps({k: v for k, v in state.items() if k != "path"}))
        tmp.replace(target)

    def _clear(self, state):
        for chunk in state["chunks"].values():
            Path(chunk["rows"]).unlink(missing_ok=True)
        Path(state["path"]).unlink(missing_ok=True)

    def _rows(self, state, keys):
        chunks = self.municipalities or [None]
        rows = []
        for municipality in chunks:
            name = municipality or "all"
            chunk = state["chunks"].setdefault(name, {
                "next": None, "done": False, "count": 0, "urls": [],
                "rows": str(self.raw.path(f"{STATE}/{self.table}_{self.scope}_{name}.jsonl"))})
            _truncate(chunk["rows"], chunk["count"])  # rows of a page whose state was not saved: fetched again
            bar = tqdm(desc=f"{self.table} {name}", unit=" rows", disable=None if self.progress else True,
                       leave=False)
            Path(chunk["rows"]).parent.mkdir(parents=True, exist_ok=True)
            with open(chunk["rows"], "a", encoding="utf-8") as out:
                if not chunk["done"]:
                    url = chunk["next"] or self.url("TypedDataSet")
                    params = None if chunk["next"] else ({"$filter": code_filter(municipality)} if municipality else None)
                    while url:
                        page = self.client.get_json(url, params, what=f"{self.table} TypedDataSet {name}")
                        chunk.setdefault("urls", []).append(self.client.fetched[-1])
                        for row in page.get("value", []):
                            unexpected = set(row) - keys
                            if unexpected:
                                raise FetchError(f"{self.table}: key {sorted(unexpected)[0]} is not in the table's "
                                                 "DataProperties (renamed or new): nothing written")
                            out.write(json.dumps(row, ensure_ascii=False) + "\n")
                        out.flush()
                        chunk["count"] += len(page.get("value", []))
                        bar.update(len(page.get("value", [])))
                        # Follow the next link as given: it carries the query already (cbsodata PR #15).
                        url, params = page.get("odata.nextLink"), None
                        if url:
                            same_service(url, self.base, f"{self.table} TypedDataSet {name}")
                        chunk["next"] = url
                        chunk["done"] = url is None
                        self._save(state)
            bar.close()
            with open(chunk["rows"], encoding="utf-8") as handle:
                rows.extend(json.loads(line) for line in handle if line.strip())
        return rows

    def _split(self, rows, first_year):
        """Rows per year: a multi-year table's rows by their Perioden ('2009JJ00'), else all in one."""
        out = {}
        for row in rows:
            period = str(row.get("Perioden") or "").strip()
            year = int(period[:4]) if period[:4].isdigit() else first_year
            out.setdefault(year, []).append(row)
        return out


def _truncate(path, lines):
    """Keep the first `lines` lines of a file (if it exists)."""
    path = Path(path)
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        kept = [line for _, line in zip(range(lines), handle)]
    path.write_text("".join(kept), encoding="utf-8")


def to_csv(rows):
    """The rows as CSV, padding stripped from text, CBS's null written as its StatLine sign '.'."""
    columns = list(rows[0])
    for row in rows[1:]:
        columns += [k for k in row if k not in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue().encode("utf-8")


def _cell(value):
    if value is None:
        return "."
    if isinstance(value, str):
        return PADDED.sub("", value).strip()
    return repr(value) if isinstance(value, float) else str(value)

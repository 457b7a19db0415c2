"""The build report: what was read, what came out, what is missing, and every check."""

from collections import Counter

import pandas as pd

from ..core.formatting import attribution
from .checks import NO_MAP
from .geometry import count_vertices


def make_report(normalised, ignored, areas, display, stats, harmonised, crosswalk, check_rows, below,
                conflicts, passed_over, harmonise_log, targets, indices, attach_log, orphans, grids=(), grid_report=(),
                profile=None):
    return {
        "attribution": attribution("nl"),
        "inputs": [
            {"file": n.relative, "kind": n.kind, "shape": n.shape, "table": n.table, "release": n.release,
             "year": int(n.year), "conventions": n.conventions,
             "rows_kept": n.rows_kept, "rows_dropped": dict(n.dropped) if sum(n.dropped.values()) else {},
             "variables": sorted(n.stats["variable"].unique()) if len(n.stats) else [],
             "columns_mapped": n.mapped_columns,
             "has_geometry": n.areas is not None, "unmapped_columns": n.unmapped_columns}
            for n in normalised
        ] + [
            {"file": g.relative, "kind": "grid", "shape": g.shape, "table": g.table, "release": g.release,
             "year": int(g.year), "resolution_m": g.resolution, "rows_kept": g.rows_kept,
             "variables": sorted(g.stats["variable"].unique()), "columns_mapped": g.mapped_columns,
             "has_geometry": False, "unmapped_columns": g.unmapped_columns}
            for g in grids
        ],
        "without_maps": _without_maps(attach_log, stats),
        "grid": list(grid_report),
        "scale_profile": _profile_summary(profile),
        "attached": attach_log,
        "orphans": orphans,
        "ignored_files": ignored,
        "boundary_counts": _boundary_counts(areas),
        "statistics_coverage": _statistics_coverage(stats),
        "missing_values": _missing_values(stats),
        "harmonised": {"target_years": targets, "groups": harmonise_log,
                       "status_counts": _status_counts(harmonised)},
        "crosswalk": {"rows": len(crosswalk), "buurten_below_99_percent": below},
        "display_geometry": {"vertices_analysis": count_vertices(areas.geometry),
                             "vertices_display": count_vertices(display.geometry)},
        "sources_passed_over": passed_over,
        "conflicts": conflicts,
        "segregation": _segregation_summary(stats, indices),
        "checks": check_rows,
    }


def _without_maps(attach_log, stats):
    """Municipalities whose figures came in a file that covers them but whose map is not in the raw
    folder: kept in the statistics layer, drawn once their maps are there (`fetch` brings them)."""
    missing = [e for e in attach_log if e["boundaries"] == NO_MAP]
    names = stats[stats["level"] == "gemeente"].drop_duplicates("municipality").set_index("municipality")
    by_city = {}
    for entry in missing:
        row = by_city.setdefault(entry["municipality"], {"municipality": entry["municipality"], "levels": set(),
                                                         "years": set(), "areas": 0})
        row["levels"].add(entry["level"])
        row["years"].add(entry["year"])
        row["areas"] += entry["codes"]
    files = stats.groupby("municipality")["source"].agg(lambda v: sorted(set(v)))
    return [{**row, "levels": sorted(row["levels"]), "years": sorted(row["years"]),
             "files": files.get(code, []), "has_name": code in names.index}
            for code, row in sorted(by_city.items())]


def _profile_summary(profile):
    if profile is None or profile.empty:
        return []
    return [{"municipality": m, "year": int(y), "scales": list(g["scale"])}
            for (m, y), g in profile.groupby(["municipality", "year"], sort=True)]


def _boundary_counts(areas):
    keys = ["municipality", "level", "year"]
    grouped = areas.groupby(keys, sort=True)
    frame = grouped.agg(areas=("code", "size"), water_only=("water_only", "sum"),
                        derived=("derived", lambda v: v.dropna().iloc[0] if v.notna().any() else ""),
                        source=("source", lambda v: sorted(v.dropna().unique()))).reset_index()
    return [{"municipality": r.municipality, "level": r.level, "year": int(r.year), "areas": int(r.areas),
             "water_only": int(r.water_only), "derived": r.derived or None, "source": list(r.source)}
            for r in frame.itertuples()]


def _statistics_coverage(stats):
    keys = ["municipality", "level", "year"]
    frame = stats.groupby(keys, sort=True).agg(areas=("code", "nunique"),
                                              variables=("variable", lambda v: sorted(v.unique())),
                                              sources=("source", lambda v: sorted(v.unique()))).reset_index()
    return [{"municipality": r.municipality, "level": r.level, "year": int(r.year), "areas": int(r.areas),
             "variables": list(r.variables), "sources": list(r.sources)} for r in frame.itertuples()]


def _missing_values(stats):
    counts = stats.groupby(["variable", "level", "year", "status"], sort=True).size().unstack("status", fill_value=0)
    rows = []
    for (variable, level, year), row in counts.iterrows():
        present = {status: int(n) for status, n in sorted(row.items()) if n}
        if present.keys() - {"published"}:
            rows.append({"variable": variable, "level": level, "year": int(year), **present})
    return rows


def _segregation_summary(stats, indices):
    """Which municipality × level × year have which indices — and which have none, and why, from what
    that year's files hold (why_not names what is missing; the app words it)."""
    keys = ["municipality", "level", "year"]
    have = indices.groupby(keys)["index"].agg(lambda v: sorted(v)).to_dict() if len(indices) else {}
    areas = stats[stats["level"].isin(["buurt", "wijk"])]
    published = areas[areas["status"].isin(["published", "provisional"])]
    held = published.groupby(keys)["variable"].agg(set).to_dict()
    rows = []
    for municipality, level, year in sorted(set(areas.groupby(keys).size().index)):
        key = (municipality, level, year)
        row = {"municipality": municipality, "level": level, "year": int(year), "indices": have.get(key, [])}
        if not row["indices"]:
            row["why_not"] = _why_no_index(held.get(key, set()))
        rows.append(row)
    return rows


def _why_no_index(variables):
    """no_income: no income distribution at all; no_base: income shares but not the inhabitants or
    households to weigh them by; too_few: the inputs, but for fewer than two areas."""
    persons = {"pct_persons_low_income", "pct_persons_high_income"} <= variables
    households = "pct_households_low_income" in variables
    if not persons and not households:
        return "no_income"
    if (persons and "inhabitants" not in variables) and (not households or "households" not in variables):
        return "no_base"
    if households and "households" not in variables and not persons:
        return "no_base"
    return "too_few"


def _status_counts(harmonised):
    if harmonised.empty:
        return {}
    counts = harmonised.groupby(["level", "year", "status"], sort=True).size()
    out = {}
    for (level, year, status), n in counts.items():
        out.setdefault(f"{level} {year}", {})[status] = int(n)
    return out


def print_report(report):
    counts = pd.DataFrame(report["boundary_counts"])
    table = counts.pivot_table(index=["level", "year"], columns="municipality", values="areas", aggfunc="sum")
    print("Areas per level, boundary year and municipality (incl. water-only pseudo-buurten):")
    print(table.fillna(0).astype(int).to_string())
    coverage = pd.DataFrame(report["statistics_coverage"])
    if len(coverage):
        print("\nStatistics per municipality, level and year (areas × variables):")
        for row in coverage.itertuples():
            print(f"  {row.municipality} {row.level:8} {row.year}: {row.areas:4} areas × {len(row.variables):2} variables")
    missing = report["missing_values"]
    print(f"\nMissing values: {sum(r.get('suppressed', 0) for r in missing)} suppressed by CBS, "
          f"{sum(r.get('not_published', 0) for r in missing)} not published (see build_report.json)")
    below = report["crosswalk"]["buurten_below_99_percent"]
    print(f"Crosswalk: {report['crosswalk']['rows']} overlaps; {len(below)} buurt × year pairs below 99% inside "
          "the later year's buurten")
    statuses = Counter(r["status"] for r in report["checks"])
    print(f"Checks: {statuses.get('pass', 0)} pass, {statuses.get('warn', 0)} warn, {statuses.get('fail', 0)} fail")
    for row in report["checks"]:
        if row["status"] != "pass":
            scope = " ".join(str(row[k]) for k in ("municipality", "level", "year") if k in row)
            scope += f" → {row['to_year']}" if "to_year" in row else ""
            print(f"  {row['status'].upper()} {row['check']} [{scope}]: {row['detail']}")
    with_indices = [r for r in report["segregation"] if r["indices"]]
    print(f"Segregation indices: {len(with_indices)} of {len(report['segregation'])} municipality × level × year "
          "groups have the inputs: " + ", ".join(f"{r['municipality']} {r['level']} {r['year']}" for r in with_indices))
    if report["orphans"]:
        print(f"Codes without a boundary (kept, shown and summed nowhere): {len(report['orphans'])}: "
              + ", ".join(f"{o['code']} ({o['year']})" for o in report["orphans"][:8]))
    if report.get("without_maps"):
        cities = report["without_maps"]
        print(f"Figures of {len(cities)} municipalities without a map in the raw folder (kept in statistics.parquet, "
              "drawn once their maps are there, e.g. after `fetch`): " + ", ".join(c["municipality"] for c in cities))
    for row in report.get("grid", []):
        placed = ", ".join(f"{m} {n}" for m, n in row["squares_per_municipality"].items())
        print(f"Squares {row['resolution_m']} m {row['year']} ({row['file']}): {row['squares']}; by centre in "
              f"{placed or 'no municipality'}; {row['squares_on_no_map']} on no map in the raw folder")
    if report["conflicts"]:
        print(f"Values two releases give differently (the later release kept): {len(report['conflicts'])}")

"""The build's checks. Each returns rows {check, status: pass|warn|fail, scope, detail}; a fail stops
the build before anything is written."""

import numpy as np
import pandas as pd
import shapely

from . import geometry
from ..core.cases import case_codes_by_year

MAX_OVERLAP_SHARE = 0.01  # an overlap above 1% of the smaller area is a broken map, not rounding
# A map's outline of a municipality must lie this much inside the outlines the other maps give it.
# Generalisations, mergers (a smaller older map lies inside a newer one) and sea buurten stay above
# 0.85; a map a few kilometres off falls below. A shift of 500 m or 1 km keeps 81–97 % of a city's outline
# inside: places_of_codes catches those by where the same places lie.
MIN_ALIGNED_SHARE = 0.8
MIN_CROSSWALK_SHARE = 0.99  # buurten below this share are listed in the report
CROSSWALK_NOTICE = 0.97  # generalised outlines differ up to ~3% at the municipal edge
NO_MAP = "no boundaries of this municipality and level"  # attach.py's word for a municipality without a map


def _row(check, status, detail, **scope):
    return {"check": check, "status": status, **{k: (int(v) if k == "year" else v) for k, v in scope.items()},
            "detail": detail}


def _files(rows):
    """The raw file(s) some areas come from (a file;another), for the one line a failed check prints."""
    return ";".join(sorted({str(s).split("#")[0] for s in rows["source"].dropna()})) or None


def unique_codes(boundaries):
    dup = boundaries[boundaries.duplicated(["level", "year", "code"], keep=False)]
    if dup.empty:
        return [_row("unique codes per level and year", "pass", f"{len(boundaries)} areas")]
    first = dup.iloc[0]
    return [_row("unique codes per level and year", "fail",
                 f"{len(set(dup['code']))} codes appear twice on the {first['level']} map of {first['year']}, e.g. "
                 f"{first['code']}", source=_files(dup[dup["code"] == first["code"]]))]


def validity(boundaries):
    invalid = boundaries[~boundaries.geometry.is_valid]
    repaired = int(boundaries["repaired"].sum())
    if len(invalid):
        return [_row("valid geometry", "fail", f"{len(invalid)} areas stay invalid after repair, e.g. "
                     f"{invalid['code'].iloc[0]} ({invalid['level'].iloc[0]} {invalid['year'].iloc[0]})",
                     source=_files(invalid.iloc[:1]))]
    return [_row("valid geometry", "warn" if repaired else "pass",
                 f"all {len(boundaries)} valid" + (f"; {repaired} repaired with make_valid" if repaired else ""))]


def no_overlaps(boundaries):
    rows = []
    for (level, year), group in boundaries[boundaries["level"] != "gemeente"].groupby(["level", "year"]):
        pairs = geometry.overlaps(group)
        big = pairs[pairs["share_of_smaller"] > MAX_OVERLAP_SHARE]
        small = pairs[pairs["overlap_m2"] > 1.0]
        if len(big):
            example = big.sort_values("share_of_smaller", ascending=False).iloc[0]
            pair = group[group["code"].isin([example["code_a"], example["code_b"]])]
            rows.append(_row("no overlaps between areas of one year", "fail",
                             f"{len(big)} pairs of {level} areas of {year} overlap (more than {MAX_OVERLAP_SHARE:.0%} of the "
                             f"smaller), e.g. {example['code_a']} and {example['code_b']}: {example['overlap_m2']:,.0f} m², "
                             f"{example['share_of_smaller']:.0%} of the smaller; outlines simplified one by one rather "
                             "than as a coverage?", level=level, year=year, source=_files(pair)))
            continue
        if len(small):
            status = "warn"
            detail = (f"{len(small)} pairs overlap by more than 1 m² (max {small['overlap_m2'].max():.0f} m²): "
                      + ", ".join(f"{a}/{b}" for a, b in zip(small['code_a'][:5], small['code_b'][:5])))
        else:
            status, detail = "pass", f"{len(group)} areas, total overlap {pairs['overlap_m2'].sum():.2f} m²"
        rows.append(_row("no overlaps between areas of one year", status, detail, level=level, year=year))
    return rows


def coverage(boundaries, wijk_outlines):
    """The buurten of a municipality cover its outline: no holes, and where an independent wijk map of
    the same year exists, they cover its outline too."""
    rows = []
    buurten = boundaries[boundaries["level"] == "buurt"]
    wijk_files = wijk_outlines
    for (municipality, year), group in buurten.groupby(["municipality", "year"]):
        union, hole_area, parts = geometry.gaps(group.geometry)
        detail = f"{len(group)} buurten; {parts} part(s); holes {hole_area / 1e4:.2f} ha"
        status = "pass" if hole_area < 1e4 else "warn"
        outline = wijk_files[(wijk_files["municipality"] == municipality) & (wijk_files["year"] == year)]
        if len(outline):
            wijk_union = shapely.union_all(outline.geometry.to_numpy())
            covered = shapely.intersection(union, wijk_union).area / wijk_union.area
            detail += f"; cover {covered:.4f} of the outline of the wijk map"
            status = status if covered >= 0.99 else "warn"
        rows.append(_row("buurten cover the municipality", status, detail, municipality=municipality, year=year))
    return rows


def crosswalk_shares(boundaries, crosswalk):
    """For each pair of buurt years, every buurt that lies less than 99% inside the later year's buurten
    of the same municipality (the generalised outlines differ a little at the edge)."""
    buurten = boundaries[(boundaries["level"] == "buurt") & ~boundaries["water_only"]][["municipality", "year", "code"]]
    links = crosswalk[crosswalk["level"] == "buurt"]
    links = links[links["from_code"].str[2:6] == links["to_code"].str[2:6]]  # within one municipality
    inside = links.groupby(["from_year", "to_year", "from_code"])["share_of_from"].sum()
    present = set(zip(buurten["municipality"], buurten["year"]))
    pairs = links[["from_year", "to_year"]].drop_duplicates().itertuples(index=False)
    frames = []
    for from_year, to_year in pairs:
        src = buurten[buurten["year"] == from_year]
        src = src[[(m, to_year) in present for m in src["municipality"]]]
        frames.append(src.assign(from_year=from_year, to_year=to_year))
    if not frames:
        return [], []
    table = pd.concat(frames, ignore_index=True)
    table["share"] = inside.reindex(pd.MultiIndex.from_frame(table[["from_year", "to_year", "code"]])) \
        .fillna(0.0).to_numpy()
    low = table[table["share"] < MIN_CROSSWALK_SHARE]
    listing = [{"municipality": r.municipality, "from_year": int(r.from_year), "to_year": int(r.to_year),
                "code": r.code, "share_inside": round(float(r.share), 4)} for r in low.itertuples()]
    summary = table.groupby(["from_year", "to_year", "municipality"], sort=True).agg(
        minimum=("share", "min"), n=("share", "size"), below=("share", lambda v: int((v < MIN_CROSSWALK_SHARE).sum())))
    # Below 97% means more than outline noise: a real boundary change (or an error) to look at.
    rows = [_row("crosswalk: buurten inside the later year's buurten",
                 "pass" if r.minimum >= CROSSWALK_NOTICE else "warn",
                 f"min share {r.minimum:.4f}; {int(r.below)} of {int(r.n)} below {MIN_CROSSWALK_SHARE}",
                 municipality=m, year=f, to_year=int(t)) for (f, t, m), r in summary.iterrows()]
    return rows, listing


def case_study_codes(boundaries):
    rows = []
    present = set(boundaries[["year", "code"]].itertuples(index=False, name=None))
    for area_id, year, code in case_codes_by_year(sorted(boundaries.loc[boundaries["level"] == "buurt", "year"].unique())):
        municipality = "GM" + code[2:6]
        has_year = ((boundaries["level"] == "buurt") & (boundaries["year"] == year)
                    & (boundaries["municipality"] == municipality)).any()
        if not has_year:
            continue
        ok = (year, code) in present
        of_map = boundaries[(boundaries["level"] == "buurt") & (boundaries["year"] == year)
                            & (boundaries["municipality"] == municipality)]
        rows.append(_row("case-study buurt exists", "pass" if ok else "fail",
                         f"{area_id}: {code}" if ok else f"the study area {area_id}'s buurt {code} (data/case_studies.yaml) "
                         f"is not on the buurt map of {year}", year=year, municipality=municipality,
                         **({} if ok else {"source": _files(of_map)})))
    return rows


def alignment(boundaries):
    """Each map file's outline of a municipality against the outlines of every other map file of it.
    A file whose outline lies largely outside the others is shifted, scaled or misplaced: a fail that
    names the file (its numbers may still look like RD New, so the CRS check cannot see it)."""
    own = boundaries[boundaries["level"].isin(["buurt", "wijk"]) & boundaries["derived"].isna()]
    rows = []
    for municipality, group in own.groupby("municipality"):
        outlines = {source: shapely.union_all(part.geometry.to_numpy()) for source, part in group.groupby("source")}
        if len(outlines) < 2:
            continue
        for source, outline in outlines.items():
            others = shapely.union_all([o for s, o in outlines.items() if s != source])
            inside = shapely.intersection(outline, others).area / outline.area if outline.area else 0.0
            status = "pass" if inside >= MIN_ALIGNED_SHARE else "fail"
            detail = (f"{inside:.1%} of its outline of {municipality} lies inside the outlines of the other "
                      f"{len(outlines) - 1} map(s)")
            if status == "fail":
                detail = (f"the map does not line up with {municipality}: only {detail}; shifted, scaled or in the "
                          "wrong place?")
            rows.append(_row("map lines up with the other maps", status, detail, municipality=municipality,
                             source=source))
    return rows


# The same code under the same name is the same place on every map, give or take generalisation: its
# centroid moves tens of metres between PDOK's generalisations, and a real boundary revision moves some
# codes, not the median. A map shifted by 500 m or a kilometre, or scaled by a tenth, moves them all.
MAX_MEDIAN_SHIFT_M = 150.0
MAX_MEDIAN_AREA_CHANGE = 0.12  # median |area ratio − 1| of the same places
MIN_SHARED_PLACES = 5


def _name_key(name):
    import re
    return re.sub(r"[^0-9a-z]", "", str(name).lower()) if isinstance(name, str) and name.strip() else None


def places_of_codes(boundaries):
    """Per map file and municipality: the median distance between its areas' centroids and those of the
    same places (same code, same name) on the other maps of the municipality, and the median ratio of
    their areas. A file whose places sit elsewhere is shifted, scaled or misplaced, even where its outline
    still largely overlaps the others' (a shift of a kilometre keeps 81–97 % of a city's outline)."""
    own = boundaries[boundaries["level"].isin(["buurt", "wijk"]) & boundaries["derived"].isna()
                     & ~boundaries["water_only"]].copy()
    own["key"] = own["name"].map(_name_key)
    own = own[own["key"].notna()]
    own["cx"], own["cy"] = own.geometry.centroid.x, own.geometry.centroid.y
    rows = []
    for (municipality, level), group in own.groupby(["municipality", "level"]):
        sources = sorted(group["source"].unique())
        if len(sources) < 2:
            continue
        for source in sources:
            mine = group[group["source"] == source]
            others = group[group["source"] != source]
            # The other maps' place of each code (the median over them: one wrong map does not move it).
            ref = others.groupby(["code", "key"]).agg(cx=("cx", "median"), cy=("cy", "median"),
                                                      area_ref=("area_m2", "median"))
            pairs = mine.join(ref, on=["code", "key"], rsuffix="_ref", how="inner")
            if len(pairs) < MIN_SHARED_PLACES:
                continue
            shift = np.hypot(pairs["cx"] - pairs["cx_ref"], pairs["cy"] - pairs["cy_ref"])
            ratio = pairs["area_m2"] / pairs["area_ref"]
            median_shift, median_change = float(np.median(shift)), float(np.median(np.abs(ratio - 1)))
            worst = pairs.iloc[int(np.argmax(shift.to_numpy()))]
            status = "pass" if median_shift <= MAX_MEDIAN_SHIFT_M and median_change <= MAX_MEDIAN_AREA_CHANGE else "fail"
            detail = (f"{len(pairs)} places it shares with the other maps of {municipality} ({level}) lie a median "
                      f"{median_shift:,.0f} m from their place there (e.g. {worst['code']} {worst['name']}: "
                      f"{float(shift.max()):,.0f} m) and differ a median {median_change:.0%} in area")
            if status == "fail":
                detail = f"the map does not line up with {municipality}: {detail}; shifted, scaled or in the wrong place?"
            rows.append(_row("the same places lie in the same place", status, detail, municipality=municipality,
                             level=level, source=source))
    return rows


def statistics_attached(log):
    rows = []
    # A file may cover municipalities whose maps are not in the raw folder (a regional extract): one row
    # for all of them (the report lists them under without_maps), not one per municipality and year.
    mapless = [e for e in log if e["boundary_year"] is None and e["boundaries"] == NO_MAP]
    if mapless:
        cities = sorted({e["municipality"] for e in mapless})
        rows.append(_row("statistics have boundaries", "warn",
                         f"{len(cities)} municipalities have figures but no map in the raw folder (kept, drawn once "
                         f"their maps are there): {', '.join(cities[:8])}{' …' if len(cities) > 8 else ''}"))
    for entry in log:
        scope = dict(municipality=entry["municipality"], level=entry["level"], year=entry["year"])
        if entry["boundary_year"] is None and entry["boundaries"] == NO_MAP:
            continue
        if entry["boundary_year"] is None:
            rows.append(_row("statistics have boundaries", "warn", entry["boundaries"], **scope))
        elif entry.get("orphans"):
            rows.append(_row("statistics have boundaries", "warn",
                             f"{len(entry['orphans'])} code(s) not on the map of {entry['boundary_year']} (listed under "
                             f"orphans, shown and summed nowhere): {', '.join(entry['orphans'][:5])}", **scope))
    if not rows:
        rows.append(_row("statistics have boundaries", "pass", f"{len(log)} municipality × level × year groups"))
    return rows


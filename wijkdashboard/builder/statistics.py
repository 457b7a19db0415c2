"""Assemble the statistics layer: every value once, from the latest CBS release that has it.

CBS revises its tables after release (income added or corrected later). When two files give the same
area, year and variable, the value of the later release (data/releases.csv, per file) is kept and the
other is listed in the report; values are never averaged. Between files of the same release, CBS's own
formats win over files whose columns a redistributor renamed."""

import numpy as np
import pandas as pd

from .sources.normalise import STAT_COLUMNS

CONVENTION_ORDER = {"wbk_new": 0, "wbk_old": 1, "kwb": 2, "cbs_label": 3, "odata": 3, "redistributor": 4}
STATUS_ORDER = {"published": 0, "provisional": 1, "suppressed": 2, "not_published": 3}


def assemble(normalised):
    """(statistics, conflicts): one row per code × year × variable."""
    frames = [n.stats for n in normalised if len(n.stats)]
    if not frames:
        return pd.DataFrame(columns=STAT_COLUMNS), []
    stats = pd.concat(frames, ignore_index=True)
    stats["_convention"] = stats["convention"].map(CONVENTION_ORDER).fillna(9)
    stats["_status"] = stats["status"].map(STATUS_ORDER)
    # The later release first (an unknown release counts as the oldest); then a value before a gap.
    stats["_release"] = stats["release"].fillna("")
    stats = stats.sort_values(["code", "year", "variable", "_release", "_status", "_convention", "source"],
                              ascending=[True, True, True, False, True, True, True], kind="stable")
    conflicts = _conflicts(stats)
    stats = stats.drop_duplicates(["code", "year", "variable"], keep="first")
    stats = stats.drop(columns=["_convention", "_status", "_release"])
    stats["year"] = stats["year"].astype("int64")
    return stats.sort_values(["level", "year", "code", "variable"], ignore_index=True), conflicts


def _conflicts(stats):
    """Published values that two files give differently for the same code, year and variable: which
    was kept (the first after sorting) and which set aside."""
    published = stats[stats["status"].isin(["published", "provisional"])]
    grouped = published.groupby(["code", "year", "variable"])["value"]
    spread = grouped.max() - grouped.min()
    bad = spread[spread > 1e-9 * np.maximum(1.0, grouped.max().abs())]
    if bad.empty:
        return []
    keyed = published.set_index(["code", "year", "variable"]).loc[bad.index]
    rows = []
    for (code, year, variable), group in keyed.groupby(level=[0, 1, 2], sort=True):
        kept, others = group.iloc[0], group.iloc[1:]
        rows.append({"code": code, "year": int(year), "variable": variable,
                     "kept": {"source": kept["source"], "release": kept["release"], "value": float(kept["value"])},
                     "set_aside": [{"source": o["source"], "release": o["release"], "value": float(o["value"])}
                                   for _, o in others.iterrows()]})
    return rows

"""Assemble the statistics layer: every value once, from the most authoritative file that has it."""

import numpy as np
import pandas as pd

from . import vocabulary
from .sources.normalise import STAT_COLUMNS

# When two files give the same statistic for the same area and year, CBS's own formats win over
# files whose columns a redistributor renamed.
CONVENTION_ORDER = {"wbk_new": 0, "wbk_old": 1, "kwb": 2, "statline": 3, "redistributor": 4}
STATUS_ORDER = {"published": 0, "suppressed": 1, "not_published": 2}


def assemble(normalised):
    """(statistics, conflicts): one row per code × year × variable."""
    frames = [n.stats for n in normalised if len(n.stats)]
    if not frames:
        return pd.DataFrame(columns=STAT_COLUMNS), []
    stats = pd.concat(frames, ignore_index=True)
    stats["_convention"] = stats["source_column"].map(lambda c: CONVENTION_ORDER[vocabulary.rule_for(c).convention])
    stats["_status"] = stats["status"].map(STATUS_ORDER)
    stats = stats.sort_values(["code", "year", "variable", "_status", "_convention", "source"], kind="stable")
    conflicts = _conflicts(stats)
    stats = stats.drop_duplicates(["code", "year", "variable"], keep="first")
    stats = stats.drop(columns=["_convention", "_status"])
    stats["year"] = stats["year"].astype("int64")
    return stats.sort_values(["level", "year", "code", "variable"], ignore_index=True), conflicts


def _conflicts(stats):
    """Published values that two files give differently for the same code, year and variable."""
    published = stats[stats["status"] == "published"]
    grouped = published.groupby(["code", "year", "variable"])["value"]
    spread = grouped.max() - grouped.min()
    bad = spread[spread > 1e-9 * np.maximum(1.0, grouped.max().abs())]
    rows = []
    for (code, year, variable) in bad.index:
        values = published[(published["code"] == code) & (published["year"] == year)
                           & (published["variable"] == variable)]
        rows.append({"code": code, "year": int(year), "variable": variable,
                     "values": dict(zip(values["source"], values["value"].astype(float)))})
    return rows

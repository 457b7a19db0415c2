"""The two analytic layers of the 1997 policy's questions — did the housing stock get more mixed, and
did income segregation go down — and the derived per-area measures the map shows.

Derived values carry status "derived" and name their inputs; they are computed only where every input
carries a value, never from a missing one."""

import math

import numpy as np
import pandas as pd

PRESENT = ("published", "provisional", "interpolated", "derived")
TENURES = ("pct_owner_occupied", "pct_social_rent", "pct_private_rent")
HOUSING_COLUMNS = ["dwellings", "pct_owner_occupied", "pct_social_rent", "pct_private_rent", "pct_tenure_unknown",
                   "mean_woz", "tenure_diversity"]
INCOME_COLUMNS = ["mean_income_per_inhabitant", "mean_income_per_recipient", "pct_persons_low_income",
                  "pct_persons_high_income", "persons_low_income", "persons_high_income",
                  "pct_households_low_income_40", "pct_households_high_income_20", "pct_households_low_income",
                  "pct_households_social_minimum", "lq_low_income", "lq_high_income"]
FORMULAS = {
    "persons_low_income": "pct_persons_low_income × inhabitants / 100",
    "persons_high_income": "pct_persons_high_income × inhabitants / 100",
    "tenure_diversity": "−Σ p·ln p / ln 3 over owner-occupied, housing-association and other rent (normalised)",
    "lq_low_income": "(low / persons in the area) ÷ (low / persons in the city), over low / middle / high income persons",
    "lq_high_income": "(high / persons in the area) ÷ (high / persons in the city), over low / middle / high income persons",
}


INCOME_INPUTS = ("pct_persons_low_income", "pct_persons_high_income", "inhabitants")
INPUTS = {"persons_low_income": ("pct_persons_low_income", "inhabitants"),
          "persons_high_income": ("pct_persons_high_income", "inhabitants"),
          "tenure_diversity": TENURES, "lq_low_income": INCOME_INPUTS, "lq_high_income": INCOME_INPUTS}


def tenure_diversity(owner, social, private):
    """Normalised Shannon entropy of the three tenure shares: 0 = one tenure, 1 = equal thirds."""
    shares = np.array([owner, social, private], dtype=float)
    if np.isnan(shares).any() or shares.sum() <= 0:
        return math.nan
    p = shares / shares.sum()
    p = p[p > 0]
    return float(-(p * np.log(p)).sum() / math.log(3))


def location_quotients(groups):
    """Each group's share in an area over its share in the city (PySAL's MultiLocationQuotient, whose
    values tests/test_segregation.py compares; written out here so the build need not load PySAL to
    derive a map measure)."""
    total = groups.sum(axis=1)
    city = groups.sum() / groups.to_numpy().sum()
    return groups.div(total, axis=0) / city


def income_groups(wide):
    """Persons with low, middle and high incomes, rebuilt as share × inhabitants (the base CBS's shares
    refer to is persons in private households with an income; inhabitants stand in for it)."""
    low = wide["pct_persons_low_income"] * wide["inhabitants"] / 100.0
    high = wide["pct_persons_high_income"] * wide["inhabitants"] / 100.0
    middle = (100.0 - wide["pct_persons_low_income"] - wide["pct_persons_high_income"]) * wide["inhabitants"] / 100.0
    return pd.DataFrame({"low": low, "middle": middle, "high": high})


def tenure_diversities(shares):
    """tenure_diversity for every row of an (n, 3) array at once (NaN where a share is missing)."""
    shares = np.asarray(shares, dtype=float)
    total = shares.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = shares / total
        terms = np.where(p > 0, p * np.log(p), 0.0)
    out = -terms.sum(axis=1) / math.log(3)
    return np.where(np.isnan(shares).any(axis=1) | (total[:, 0] <= 0), np.nan, out)


def derive(long):
    """Derived rows (same columns as `long`) for every municipality, level and year at once; each
    derived row takes its other fields from the first row of its municipality, level and year."""
    keys = ["municipality", "level", "year"]
    present = long[long["status"].isin(PRESENT)]
    if present.empty:
        return long.iloc[0:0]
    wide = present.pivot(index=keys + ["code"], columns="variable", values="value")
    column = lambda name: wide[name] if name in wide else pd.Series(np.nan, index=wide.index)
    new = {"persons_low_income": (column("pct_persons_low_income") * column("inhabitants") / 100.0).round(1),
           "persons_high_income": (column("pct_persons_high_income") * column("inhabitants") / 100.0).round(1)}
    if set(TENURES) <= set(wide.columns):
        new["tenure_diversity"] = pd.Series(tenure_diversities(wide[list(TENURES)].to_numpy()), index=wide.index).round(4)
    if set(INCOME_INPUTS) <= set(wide.columns):
        groups = income_groups(wide).dropna()
        groups = groups[(groups >= 0).all(axis=1) & (groups.sum(axis=1) > 0)]
        place = groups.groupby(level=keys)
        groups = groups[place["low"].transform("size") >= 2]  # a quotient needs a city of two areas or more
        city = groups.groupby(level=keys).transform("sum")
        lq = groups.div(groups.sum(axis=1), axis=0) / city.div(city.sum(axis=1), axis=0)
        new["lq_low_income"], new["lq_high_income"] = lq["low"].round(4), lq["high"].round(4)
    sources = present.groupby(keys + ["variable"], sort=False)["source"].first()
    template = long.groupby(keys, sort=False).head(1).set_index(keys)
    cover = long.groupby(keys + ["code"])["source_cover"].min() if "source_cover" in long else None
    parts = []
    for variable, series in new.items():
        series = series.dropna()
        if series.empty:
            continue
        part = series.rename("value").reset_index()
        part = part.join(template.drop(columns=["code", "variable", "value"]), on=keys)
        inputs = sources[sources.index.get_level_values("variable").isin(INPUTS[variable])]
        made_from = inputs.groupby(level=keys).agg(lambda v: "derived from " + "; ".join(sorted(set(v))))
        part["source"] = made_from.reindex(pd.MultiIndex.from_frame(part[keys])).to_numpy()
        part["variable"], part["status"] = variable, "derived"
        if "source_column" in part:
            part["source_column"], part["missing_code"] = FORMULAS[variable], ""
        if "method" in part:
            part["method"] = FORMULAS[variable]
            part["source_cover"] = cover.reindex(pd.MultiIndex.from_frame(part[keys + ["code"]])).to_numpy()
        parts.append(part[list(long.columns)])
    return pd.concat(parts, ignore_index=True) if parts else long.iloc[0:0]


def wide_layer(long, columns):
    """Area × year with one column per variable and one status column per variable."""
    subset = long[long["variable"].isin(columns)]
    keys = ["code", "level", "municipality", "year"]
    values = subset.pivot(index=keys, columns="variable", values="value")
    status = subset.pivot(index=keys, columns="variable", values="status")
    status.columns = [f"{c}_status" for c in status.columns]
    out = values.join(status).reset_index()
    ordered = keys + [c for col in columns for c in (col, f"{col}_status") if c in out.columns]
    return out[ordered].sort_values(keys, ignore_index=True)

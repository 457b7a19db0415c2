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


def derive(long, group_keys=("municipality", "level", "year")):
    """Derived rows (same columns as `long`) for every group of areas of one municipality, level, year."""
    rows = []
    for key, group in long.groupby(list(group_keys), sort=True):
        present = group[group["status"].isin(PRESENT)]
        wide = present.pivot(index="code", columns="variable", values="value")
        sources = present.groupby("variable")["source"].first().to_dict()
        template = group.iloc[0]
        new = {}
        if {"pct_persons_low_income", "inhabitants"} <= set(wide.columns):
            new["persons_low_income"] = (wide["pct_persons_low_income"] * wide["inhabitants"] / 100.0).round(1)
        if {"pct_persons_high_income", "inhabitants"} <= set(wide.columns):
            new["persons_high_income"] = (wide["pct_persons_high_income"] * wide["inhabitants"] / 100.0).round(1)
        if set(TENURES) <= set(wide.columns):
            new["tenure_diversity"] = pd.Series(
                [tenure_diversity(*row) for row in wide[list(TENURES)].itertuples(index=False)], index=wide.index).round(4)
        if {"pct_persons_low_income", "pct_persons_high_income", "inhabitants"} <= set(wide.columns):
            groups = income_groups(wide).dropna()
            groups = groups[(groups >= 0).all(axis=1) & (groups.sum(axis=1) > 0)]
            if len(groups) >= 2:
                lq = location_quotients(groups)
                new["lq_low_income"] = lq["low"].round(4)
                new["lq_high_income"] = lq["high"].round(4)
        cover = group.groupby("code")["source_cover"].min() if "source_cover" in group else None
        for variable, series in new.items():
            series = series.dropna()
            if series.empty:
                continue
            source = "derived from " + "; ".join(sorted({sources[i] for i in INPUTS[variable] if i in sources}))
            part = pd.DataFrame({c: [template[c]] * len(series) for c in long.columns})
            part["code"], part["variable"] = series.index.to_numpy(), variable
            part["value"], part["status"], part["source"] = series.to_numpy(dtype=float), "derived", source
            if "source_column" in part:
                part["source_column"], part["missing_code"] = FORMULAS[variable], ""
            if "method" in part:
                part["method"] = FORMULAS[variable]
                part["source_cover"] = cover.reindex(series.index).to_numpy()
            rows.append(part)
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=long.columns)


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

"""The two analytic layers of the 1997 policy's questions — did the housing stock get more mixed, and
did income segregation go down — and the derived per-area measures the map shows.

Derived values carry status "derived" and name their inputs; they are computed only where every input
carries a value, never from a missing one."""

import math

import numpy as np
import pandas as pd
from segregation.local import MultiLocationQuotient

PRESENT = ("published", "interpolated", "derived")
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
    "lq_low_income": "PySAL MultiLocationQuotient over low / middle / high income persons",
    "lq_high_income": "PySAL MultiLocationQuotient over low / middle / high income persons",
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
                lq = MultiLocationQuotient(groups, groups=["low", "middle", "high"]).statistics
                new["lq_low_income"] = pd.Series(lq[:, 0], index=groups.index).round(4)
                new["lq_high_income"] = pd.Series(lq[:, 2], index=groups.index).round(4)
        for variable, series in new.items():
            series = series.dropna()
            source = "derived from " + "; ".join(sorted({sources[i] for i in INPUTS[variable] if i in sources}))
            for code, value in series.items():
                row = template.to_dict()
                row.update(code=code, variable=variable, value=float(value), status="derived", source=source)
                if "source_column" in row:
                    row["source_column"] = FORMULAS[variable]
                    row["missing_code"] = ""
                if "method" in row:
                    row["method"] = FORMULAS[variable]
                    row["source_cover"] = float(group.loc[group["code"] == code, "source_cover"].min())
                rows.append(row)
    return pd.DataFrame(rows, columns=long.columns)


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

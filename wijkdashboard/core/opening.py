"""The view the dashboard opens on: one that shows change. Among the indicators of
data/indicators.csv's `opening` order, the one with the most years on the fixed boundaries (up to four
count; past that the preference decides), buurt before wijk. The build picks it for the whole country,
the app for one city (a configured default city)."""

from .indicators import catalogue


def opening_choice(drawable):
    """drawable: rows (municipality, level, variable, year) with a value to draw on the fixed boundaries.
    Returns {"city", "level", "indicator", "year" (its first year)}, or None if nothing has two years."""
    if drawable.empty:
        return None
    counts = drawable.groupby(["municipality", "level", "variable"], observed=True)["year"].agg(["nunique", "min"])
    counts = counts.reset_index().astype({"municipality": str, "level": str, "variable": str})
    rank = {i: item.opening for i, item in catalogue().items() if item.opening is not None}
    counts["rank"] = counts["variable"].map(rank)
    counts = counts[counts["rank"].notna() & (counts["nunique"] >= 2) & counts["level"].isin(["buurt", "wijk"])]
    if counts.empty:
        return None
    counts = counts.assign(capped=-counts["nunique"].clip(upper=4), not_buurt=counts["level"] != "buurt",
                           longest=-counts["nunique"])
    best = counts.sort_values(["capped", "rank", "not_buurt", "longest", "municipality", "level", "variable"]).iloc[0]
    return {"city": best["municipality"], "level": best["level"], "indicator": best["variable"], "year": int(best["min"])}

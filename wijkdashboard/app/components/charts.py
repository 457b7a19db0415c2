"""What every time chart and the timeline share: the stretches of years without figures between two
years with figures, found and said the same way everywhere."""


def gaps(years):
    """[(last year with data, next year with data)] wherever years without data lie between them."""
    years = sorted({int(y) for y in years if y is not None})
    return [(a, b) for a, b in zip(years, years[1:]) if b - a > 1]


def gap_years(found, lang):
    """'2019–2023', or '2019', for each gap; joined."""
    spans = [f"{a + 1}–{b - 1}" if b - a > 2 else str(a + 1) for a, b in found]
    return ", ".join(spans)

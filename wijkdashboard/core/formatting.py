"""Numbers and attribution as a Dutch or English reader expects them, in one place. Babel follows
CLDR, as the browser's Intl.NumberFormat does (assets/map.js formats the slider's values)."""

from babel.numbers import format_decimal

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
ATTRIBUTION = {"nl": "Bron: CBS, Kadaster (CC BY 4.0)", "en": "Source: CBS, Kadaster (CC BY 4.0)"}
DECIMALS = {"count": 0, "index": 2}  # every other kind: one decimal


def decimals_for(kind):
    return DECIMALS.get(kind, 1)


def number(value, decimals=1, lang="nl", sign=False):
    """1234.5 -> '1.234,5' (nl) or '1,234.5' (en); sign=True puts a + before positive numbers."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    text = format_decimal(round(float(value), decimals) + 0.0, format=pattern, locale=LOCALES[lang])
    return ("+" + text) if sign and value > 0 else text


def value(value, indicator, lang="nl", sign=False):
    """A value of an indicator: counts whole, indices with two decimals, the rest with one."""
    return number(value, decimals_for(indicator.kind), lang, sign)


def attribution(lang="nl"):
    return ATTRIBUTION[lang]


def attributed_csv(frame, lang, headers=None):
    """A download: the frame as CSV with headers in the reader's language (`headers`: column -> heading)
    and the attribution CBS's licence asks for in a column of its own on every row — where a spreadsheet
    reads it as what it is, not as a row of data."""
    frame = frame.assign(attribution=attribution(lang)).rename(columns=headers or {})
    return frame.to_csv(index=False)

"""The change itself: per area, how much an indicator changed between two years on the fixed boundaries —
percentage points for a share, euros for money, the count's own unit otherwise — in a diverging palette
centred on no change, with the changes that lie within CBS's rounding in a class of their own.

An alderman wants to show what moved between 2014 and 2018; ▶ over fixed classes hardly shows a move of
one or two points. The palette is ColorBrewer's PuOr (colour-blind safe); its middle, for "within
rounding", is near-white (a missing value is the darker grey of every map): "no change we can tell"."""

import numpy as np
import pandas as pd

from ...core import formatting
from ...layers import PRESENT
from ..i18n import t
from ..provenance import how, sources

# Three classes of fall, one within rounding, three of rise (ColorBrewer PuOr, 7 classes).
DIVERGING = ["#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"]
WITHIN = 3
MONEY = "× € 1 000"
# Why a change has no value: the letter in the compact values, the wording.
REASONS = {"a": "change_missing_first", "b": "change_missing_last"}


def unit(indicator, lang):
    if indicator.kind == "share":
        return t("unit_points", lang)
    if indicator.unit == MONEY:
        return "euro"
    return indicator.unit_in(lang)


def scale(indicator):
    """The factor from the published unit to the change's (thousands of euros to euros)."""
    return 1000.0 if indicator.unit == MONEY else 1.0


def rounding_step(values):
    """The rounding of the published figures: whole numbers (CBS's percentages, WOZ in thousands) or tenths."""
    present = np.asarray([v for v in values if v == v], dtype=float)
    return 1.0 if len(present) and np.all(np.isclose(present, np.round(present))) else 0.1


def frame(first, last):
    """first, last: the store's values of two years (the same areas, fixed boundaries) -> code, name,
    change, the two values, and why a change is missing."""
    a = first.set_index("code")
    out = last[["code", "name", "value", "status", "table", "release", "source", "boundary_year"]].copy()
    out = out.rename(columns={"value": "last", "status": "last_status"})
    out["first"] = a["value"].reindex(out["code"]).to_numpy()
    out["first_status"] = a["status"].reindex(out["code"]).fillna("not_published").to_numpy()
    ok = out["last_status"].isin(PRESENT).to_numpy() & out["first_status"].isin(PRESENT).to_numpy()
    out["change"] = np.where(ok, out["last"].to_numpy(dtype=float) - out["first"].to_numpy(dtype=float), np.nan)
    out["missing"] = np.where(ok, "", np.where(out["last_status"].isin(PRESENT), "a", "b"))
    return out.reset_index(drop=True)


def bound(changes):
    """The largest change over every year of the view: the classes hold across the slider's years."""
    values = np.abs(np.concatenate([np.asarray(c, dtype=float) for c in changes] or [[0.0]]))
    values = values[np.isfinite(values)]
    return float(values.max()) if len(values) else 0.0


def breaks(step, largest):
    """Upper bounds of the seven classes: three of fall, within rounding (±step), three of rise."""
    if largest <= step:
        return [-step, -step, -step, step, step, step, step]
    third = (largest - step) / 3
    return [-step - 2 * third, -step - third, -step, step, step + third, step + 2 * third, largest]


def arrays(changed, indicator, first, last, lang, step, largest, target_year):
    """The compact values of a change map (as choropleth.arrays: z, v, s, n, notes, reasons, colours,
    legend), signed, in the change's unit."""
    factor = scale(indicator)
    edges = breaks(step, largest)
    values = changed["change"].to_numpy(dtype=float)
    present = ~np.isnan(values)
    z = np.full(len(values), -1)
    z[present] = np.minimum(np.searchsorted(np.asarray(edges), values[present], side="left"), len(edges) - 1)
    z[present & (np.abs(values) <= step + 1e-9)] = WITHIN
    decimals = 0 if factor > 1 or indicator.kind == "count" else 1
    v = [round(x * factor, decimals) if ok else None for x, ok in zip(values.tolist(), present.tolist())]
    if decimals == 0:
        v = [int(x) if x is not None else None for x in v]
    codes = "".join("p" if ok else m for ok, m in zip(present, changed["missing"]))
    shown = lambda x: formatting.value(x, indicator, lang)
    notes, index, parts = [], [], []
    for ok, a, b, st, by, table, release, source in zip(
            present, changed["first"], changed["last"], changed["last_status"], changed["boundary_year"],
            changed["table"], changed["release"], changed["source"]):
        if not ok:
            index.append(-1)
            continue
        by = None if by is None or pd.isna(by) else int(by)
        what = (f"{first} → {last}: {shown(a)} → {shown(b)} {indicator.unit_in(lang)}"
                + (f" ({formatting.number((b - a) / a * 100, 1, lang, sign=True)} %)" if factor > 1 and a else "")
                + f" · {how(st, lang, last, by, target_year)}")
        source = sources(table, release, source, lang)
        text = f"{what} · {t('source', lang)}: {source}"
        if text not in notes:
            notes.append(text)
            parts.append([what, source])
        index.append(notes.index(text))
    legend = legend_items(edges, step, factor, decimals, indicator, lang)
    return {"z": z.tolist(), "v": v, "s": codes, "n": index, "notes": notes, "note_parts": parts,
            "unit": unit(indicator, lang),
            "decimals": decimals, "signed": True, "locale": formatting.LOCALES[lang].replace("_", "-"),
            "reasons": {k: t(key, lang, year=first if k == "a" else last) for k, key in REASONS.items()},
            "heading": f"{indicator.label(lang)} {first} → {last}", "colours": DIVERGING, "legend_items": legend,
            "missing": int((~present).sum()),
            "within": int((present & (np.abs(values) <= step + 1e-9)).sum())}


def legend_items(edges, step, factor, decimals, indicator, lang):
    """(colour, text) per class, falls first; the middle says it is within CBS's rounding."""
    number = lambda x: formatting.number(x * factor, decimals, lang, sign=True)
    lower = [None, edges[0], edges[1], None, edges[3], edges[4], edges[5]]
    items = []
    for k, colour in enumerate(DIVERGING):
        if k == WITHIN:
            items.append((colour, t("change_within", lang, step=formatting.number(step * factor, decimals, lang),
                                    unit=unit(indicator, lang))))
        elif k < WITHIN:
            low = f"{number(edges[k - 1])} – " if k > 0 else "≤ "
            items.append((colour, f"{low}{number(edges[k])}"))
        else:
            items.append((colour, f"{number(lower[k])} – {number(edges[k])}" if k < 6 else f"> {number(lower[k])}"))
    return items


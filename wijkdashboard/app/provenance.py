"""How a value came about, worded once for every place that shows it: the map's hover, the area panel,
the map's table, the comparison and both CSVs. Read from the value's own row of the layers (its status,
the map it was published on, the common boundary year), never from anything else, so one value has one
provenance wherever it appears."""

from ..core.provenance import product
from ..core.reference import reference
from .i18n import t


def how(status, lang, year, boundary_year=None, target_year=None):
    """'zoals gepubliceerd door CBS (kaart 2019)', 'omgerekend van de grenzen van 2019 naar 2024',
    'geen gegevens: door CBS afgeschermd …'."""
    if status in ("published", "provisional"):
        key = f"status_{status}"
        if boundary_year is not None and target_year is not None and int(boundary_year) != int(target_year):
            return t(f"{key}_on_map", lang, year=int(boundary_year))
        return t(key, lang)
    if status == "interpolated":
        return t("status_interpolated", lang, from_year=boundary_year, to_year=target_year)
    if status in ("not_covered", "not_carried"):
        return t(f"status_{status}", lang, year=year)
    return t(f"status_{status}", lang)


def sources(table, release, source, lang):
    """Every CBS product behind a value ('; '-joined): a value carried from several files names them all."""
    return "; ".join(product(tb, rl, lang, sc) for tb, rl, sc in split(table, release, source))


def split(table, release, source):
    """A harmonised value may come from several files (joined by ';'): one triple per file."""
    parts = [str(x).split(";") if isinstance(x, str) and x else [""] for x in (table, release, source)]
    n = max(len(p) for p in parts)
    return zip(*[p + [p[-1]] * (n - len(p)) for p in parts])


def reference_notes(frame, variable, lang):
    """['2024: waardepeildatum 1 januari 2023 …', '2014–2018: niet vastgesteld …'] for a series or a map's
    values (year, table and status columns), where the variable's reference year can differ from the
    edition's: the years grouped by what CBS's metadata say of them."""
    grouped = {}
    for year, table, status in zip(frame["year"] if "year" in frame else [None] * len(frame), frame["table"],
                                   frame["status"]):
        if status not in ("published", "provisional", "interpolated", "derived"):
            continue
        for tb, _, _ in split(table, "", ""):
            found = reference(tb, variable, lang)
            if found:
                grouped.setdefault(found[0], set()).add(year)
    out = []
    for text, years in grouped.items():
        known = sorted(int(y) for y in years if y is not None)
        span = (f"{known[0]}–{known[-1]}" if len(known) > 2 and known[-1] - known[0] == len(known) - 1
                else ", ".join(map(str, known)))
        out.append(t("reference_note", lang, years=span, text=text) if span else t("reference_note_plain", lang, text=text))
    return out

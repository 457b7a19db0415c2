"""What each CBS column means, CBS's missing-value codes and the releases of the raw files.

Everything here is read from the curated tables in ``data/``; no CBS name is spelled in code. A column
is known either by its name (shapefile and kwb names such as P_KOOPWON, a_inw, and names that
redistributors gave) or by what CBS says it is: label, unit and topic path (StatLine exports, and OData
keys through the table's DataProperties). OData keys are never read by stripping their position
suffix: `Appartement_54` is electricity and `Appartement_62` gas.
"""

import fnmatch
from dataclasses import dataclass
from functools import cache

from .codes import CODE_PATTERN, display_names, level_of, municipality_of, wijk_of  # noqa: F401
from .data import path as data_path, read_csv
from .indicators import variables
from .provenance import table_years
from .statline import Header, norm_label, norm_unit, parse_header


@dataclass(frozen=True)
class ColumnRule:
    source_name: str
    variable: str  # a variable id, or a role such as "@code"
    factor: float
    convention: str  # a naming convention, or "cbs_label" for columns known by CBS label and unit
    priority: int
    described: str = ""  # what CBS calls the column ("Bevolking › Aantal inwoners [aantal]")


@cache
def column_rules(data_dir=None, convention=None):
    """Lower-cased source column name -> rule (of one naming convention, if given). One name never
    means two things."""
    known = variables(data_dir)
    rules = {}
    for row in read_csv("cbs_columns.csv", data_dir):
        rule = ColumnRule(
            row["source_name"], row["variable"], float(row["factor"] or 1),
            row["convention"], int(row["priority"] or 9),
        )
        if not rule.variable.startswith("@") and rule.variable not in known:
            raise ValueError(f"data/cbs_columns.csv: {rule.source_name} maps to unknown variable {rule.variable}")
        key = rule.source_name.strip().lower()
        if convention and rule.convention != convention:
            continue
        if key in rules and rules[key].variable != rule.variable:
            raise ValueError(f"data/cbs_columns.csv: {rule.source_name} maps to two variables")
        rules.setdefault(key, rule)
    return rules


@cache
def label_rules(data_dir=None):
    """(label, unit) -> [(topic, variable, priority)], compared as norm_label / norm_unit."""
    known = variables(data_dir)
    rules = {}
    for row in read_csv("cbs_labels.csv", data_dir):
        if not row["variable"].startswith("@") and row["variable"] not in known:
            raise ValueError(f"data/cbs_labels.csv: {row['label']} maps to unknown variable {row['variable']}")
        key = (norm_label(row["label"]), norm_unit(row["unit"]))
        topic = norm_label(row["topic"]) if row["topic"] else ""
        if any(t == topic for t, _, _ in rules.get(key, [])):
            raise ValueError(f"data/cbs_labels.csv: {row['label']} [{row['unit']}] {row['topic']} is listed twice")
        rules.setdefault(key, []).append((topic, row["variable"], int(row["priority"] or 9)))
    return rules


@cache
def curated_keys(data_dir=None):
    """table id -> {OData key: Header}: DataProperties for tables whose metadata is not in the raw folder."""
    tables = {}
    for row in read_csv("cbs_keys.csv", data_dir):
        topic = tuple(p for p in row["topic"].split("/") if p)
        tables.setdefault(row["table_id"].upper(), {})[row["key"]] = Header(row["label"], row["unit"], topic)
    return tables


class Unmapped(str):
    """Why a column maps to nothing (a str, so the report can list it)."""


def rule_for_header(header, source_name):
    """The rule for a column CBS describes by label, unit and topic; Unmapped if none or ambiguous."""
    candidates = label_rules().get((norm_label(header.label), norm_unit(header.unit)), [])
    path = {norm_label(t) for t in header.topic}
    fitting = [c for c in candidates if not c[0] or c[0] in path]
    # A topic-specific row beats a general one ('Nederland' under 'Herkomstland').
    specific = [c for c in fitting if c[0]]
    fitting = specific or fitting
    if len(fitting) == 1:
        _, variable, priority = fitting[0]
        return ColumnRule(source_name, variable, 1.0, "cbs_label", priority, header.describe())
    if len(fitting) > 1:
        return Unmapped(f"{header.describe()}: ambiguous without its topic path")
    return Unmapped(header.describe())


def rule_for(column, header=None, keys=None):
    """The rule for a source column, or an Unmapped reason. In order: the CBS label and unit the file
    gives; a known column name; an OData key through its table's DataProperties; a header of the
    form 'Thema/Onderwerp (eenheid)'."""
    name = str(column).strip()
    if header is not None:
        return rule_for_header(header, name)
    rule = column_rules().get(name.lower())
    if rule is not None:
        return rule
    if keys is not None and name in keys:
        rule = rule_for_header(keys[name], name)
        if isinstance(rule, Unmapped):
            return rule
        return ColumnRule(name, rule.variable, rule.factor, "cbs_label", rule.priority, f"{name}: {rule.described}")
    for candidate in parse_header(name):
        rule = rule_for_header(candidate, name)
        if not isinstance(rule, Unmapped):
            return rule
    return Unmapped(name)


@cache
def releases(data_dir=None):
    """[(file pattern, table or product, release, note)] in file order."""
    return [(row["file_pattern"], row["table_id"], row["release"], row["note"])
            for row in read_csv("releases.csv", data_dir)]


def release_of(relative):
    """(table or product, release) for a raw file, from the first matching row of data/releases.csv."""
    for pattern, table, release, _ in releases():
        if fnmatch.fnmatch(relative, pattern):
            return table, release
    return "", ""


@cache
def missing_codes(data_dir=None):
    """Source token (as text) -> (status, reason_nl, reason_en)."""
    return {
        row["code"].strip().lower(): (row["status"], row["reason_nl"], row["reason_en"])
        for row in read_csv("missing_codes.csv", data_dir)
    }


@cache
def numeric_missing_codes(data_dir=None):
    """Numeric sentinel -> its token in missing_codes.csv (-99999999.0 -> "-99999999")."""
    out = {}
    for token in missing_codes(data_dir):
        try:
            out[float(token)] = token
        except ValueError:
            continue
    return out


def check():
    """Load every curated table once, so a broken one is reported by name before any raw file is read."""
    from .errors import BuildError
    loaders = {"variables.csv": variables, "cbs_columns.csv": column_rules, "cbs_labels.csv": label_rules,
               "cbs_keys.csv": curated_keys, "releases.csv": releases, "missing_codes.csv": missing_codes,
               "cbs_tables.csv": table_years, "municipalities.csv": display_names}
    for name, loader in loaders.items():
        try:
            loader()
        except Exception as exc:
            raise BuildError(data_path(name), f"{type(exc).__name__}: {exc}") from None


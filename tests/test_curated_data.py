"""The curated tables in data/: every citation points at real lines of a real document."""

import csv
import re

import pytest

from wijkdashboard import settings
from wijkdashboard.core import vocabulary
from wijkdashboard.core import cases
from wijkdashboard.core.statline import Header

SEEDS = settings.PROJECT_DIR.parent / "shared" / "seeds"
CITATION = re.compile(r"^(\d{3}):(\d+)-(\d+)$")


def documents():
    return {row["id"]: row for row in vocabulary.read_csv("documents.csv")}


def assert_citations(text):
    docs = documents()
    parts = [p.strip() for p in text.split(";")]
    assert parts
    for part in parts:
        match = CITATION.match(part)
        assert match, f"citation {part!r} is not 'document:first-last'"
        doc, first, last = match.group(1), int(match.group(2)), int(match.group(3))
        assert doc in docs
        assert 1 <= first <= last
        lines = (SEEDS / docs[doc]["file"]).read_text(encoding="utf-8").count("\n") + 1
        assert last <= lines, f"{part}: the document has {lines} lines"


def test_policy_waves_are_complete_and_cited():
    waves = vocabulary.read_csv("policy_waves.csv")
    assert [w["id"] for w in waves][:3] == ["wederopbouw", "stadsvernieuwing", "sociale_vernieuwing"]
    for wave in waves:
        for field in ("name_nl", "name_en", "description_nl", "description_en", "start"):
            assert wave[field].strip(), (wave["id"], field)
        assert not wave["end"] or int(wave["end"]) >= int(wave["start"])
        assert_citations(wave["sources"])
    by_id = {w["id"]: w for w in waves}
    assert (by_id["krachtwijken"]["start"], by_id["gsb1"]["start"], by_id["gsb1"]["end"]) == ("2007", "1995", "1998")


def test_case_studies_name_their_codes_and_cite_the_study():
    data = cases.load()
    assert [a["name"] for a in data["areas"]] == ["Selwerderwijk-Noord", "Nieuw Engeland", "Gasseltestraat e.o."]
    for area in data["areas"]:
        for span in area["cbs_areas"]:
            assert span["codes"] and span["why_nl"] and span["why_en"]
            assert all(vocabulary.municipality_of(code) == area["municipality"] for code in span["codes"])
        for fact in area["facts"].values():
            assert_citations(fact["source"])
    assert cases.codes_for(data["areas"][2], 2022) == ["BU05183488"]
    assert cases.codes_for(data["areas"][0], 2014) == ["BU00140202"]
    assert cases.codes_for(data["areas"][0], 2017) == ["BU00141000"]


def test_case_study_households_match_the_document():
    text = (SEEDS / documents()["002"]["file"]).read_text(encoding="utf-8").splitlines()
    table = " ".join(line.strip() for line in text[2357:2372])
    for area in cases.load()["areas"]:
        assert str(area["facts"]["households_1998"]["value"]) in table


def test_case_study_buurten_exist_in_every_boundary_year(built):
    b = built["boundaries"].query("level == 'buurt'")
    for area in cases.load()["areas"]:
        for year in sorted(b.loc[b["municipality"] == area["municipality"], "year"].unique()):
            for code in cases.codes_for(area, year):
                assert ((b["year"] == year) & (b["code"] == code)).any(), (area["id"], year, code)


def test_every_cbs_column_maps_to_a_known_variable_and_every_variable_is_defined():
    variables = vocabulary.variables()
    for variable in variables.values():
        assert variable.label_nl and variable.label_en and variable.definition_nl and variable.definition_en
        if variable.kind in ("share", "mean", "density"):
            assert variable.weight in variables, variable.id
    keys_2024 = vocabulary.curated_keys()["85984NED"]
    assert vocabulary.rule_for("AantalInwoners_5", keys=keys_2024).variable == "inhabitants"
    assert vocabulary.rule_for("Woningvoorraad_35", keys=keys_2024).variable == "dwellings"
    assert vocabulary.rule_for("Koopwoningen_47", keys=keys_2024).variable == "pct_owner_occupied"
    # An OData key is never read by stripping its suffix: without its table's DataProperties it is unmapped.
    assert isinstance(vocabulary.rule_for("AantalInwoners_5"), vocabulary.Unmapped)
    # Energy use per owner-occupied dwelling (kWh, m³) is not the share of owner-occupied dwellings.
    assert isinstance(vocabulary.rule_for("EigenWoning_60", keys=keys_2024), vocabulary.Unmapped)
    assert isinstance(vocabulary.rule_for("Koopwoning [kWh]", Header("Koopwoning", "kWh")), vocabulary.Unmapped)
    assert vocabulary.rule_for("Koopwoningen [%]", Header("|||Koopwoningen", "%")).variable == "pct_owner_occupied"
    # 'Nederland' as country of origin, not as country of birth: the topic decides.
    assert vocabulary.rule_for("Nederland_17", keys=keys_2024).variable == "origin_netherlands"
    assert isinstance(vocabulary.rule_for("Nederland_20", keys=keys_2024), vocabulary.Unmapped)
    assert vocabulary.rule_for("Bevolking/Bevolking naar herkomst/Herkomstland/Buiten Europa  (aantal)").variable \
        == "origin_outside_europe"
    assert vocabulary.rule_for("Gemiddeld inkomen per inwoner (x 1 000 euro)").variable == "mean_income_per_inhabitant"
    assert vocabulary.rule_for("p_00_14").variable == "pct_age_0_14"
    assert vocabulary.rule_for("P_HUURCORP").variable == vocabulary.rule_for("percentage_koopwoningen").variable.replace(
        "owner_occupied", "social_rent")


@pytest.mark.parametrize("name", ["policy_waves.csv", "documents.csv", "variables.csv", "cbs_columns.csv",
                                  "cbs_labels.csv", "cbs_keys.csv", "releases.csv", "missing_codes.csv",
                                  "municipalities.csv", "cbs_tables.csv"])
def test_curated_tables_are_plain_utf8_csv(name):
    with open(settings.DATA_DIR / name, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len({len(r) for r in rows}) == 1, f"{name}: ragged rows"


def test_the_glossary_quotes_the_1999_study_with_its_lines():
    text = (SEEDS / documents()["002"]["file"]).read_text(encoding="utf-8").splitlines()
    rows = vocabulary.read_csv("glossary.csv")
    assert len(rows) >= 6
    for row in rows:
        assert_citations(row["source"])
        first = int(row["source"].split(":")[1].split("-")[0])
        assert text[first - 1].startswith(row["term_nl"].split(" ")[0]), row["term_nl"]
        assert row["definition_en"] and row["term_en"]

"""The real CBS files as people download them, checked value by value against the layers. The raw
files are read here with a parser of this test's own (csv module), not with the build's code."""

import csv

import numpy as np
import pytest

ROTTERDAM = {2014: "kwb2014_82931NED", 2015: "kwb2015_83220NED", 2016: "kwb2016_83487NED",
             2017: "kwb2017_83765NED", 2018: "kwb2018_84286NED"}
SAMPLE = ["BU05990110", "BU05991692", "BU05991699", "BU05991017", "BU05992704"]


def old_export(raw_dir, year):
    """{code: {(label, unit): text}} of an old StatLine download, by this test's own reading."""
    path = raw_dir / f"stats/{ROTTERDAM[year]}_statline-export_gemeente_wijk_buurt_GM0599_from_Vergewijk.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    labels = [" ".join(c.replace("\xa0", " ").strip("|").split()) for c in rows[3]]
    units = rows[4]
    code_at = labels.index("Codering")
    return {r[code_at]: {(label, unit): cell for label, unit, cell in zip(labels, units, r)} for r in rows[5:] if r}


def number(text):
    return float(text.replace(",", "."))


def layer_value(stats, code, year, variable):
    row = stats[(stats["code"] == code) & (stats["year"] == year) & (stats["variable"] == variable)]
    assert len(row) == 1, (code, year, variable)
    return row.iloc[0]


@pytest.mark.parametrize("year", sorted(ROTTERDAM))
def test_rotterdam_buurten_2014_2018_equal_the_statline_downloads(built, raw_dir, year):
    raw = old_export(raw_dir, year)
    stats = built["statistics"]
    woz_label = ("Gemiddelde woningwaarde", "x 1 000 euro")
    checked = 0
    for code in SAMPLE:
        cells = raw[code]
        for key, variable in ((("Koopwoningen", "%"), "pct_owner_occupied"),
                              (("In bezit woningcorporatie", "%"), "pct_social_rent"),
                              (woz_label, "mean_woz"), (("Aantal inwoners", "aantal"), "inhabitants")):
            row = layer_value(stats, code, year, variable)
            if cells[key] == ".":
                assert np.isnan(row["value"]) and row["status"] in ("suppressed", "not_published")
            else:
                assert row["value"] == pytest.approx(number(cells[key])), (code, year, variable)
                assert row["status"] == "published" and row["table"] == ROTTERDAM[year].split("_")[1]
                checked += 1
    assert checked >= 15


def test_energy_use_of_owner_occupied_dwellings_is_never_a_tenure_share(built, raw_dir):
    raw = old_export(raw_dir, 2014)["BU05990110"]
    owner = layer_value(built["statistics"], "BU05990110", 2014, "pct_owner_occupied")
    assert owner["value"] == number(raw[("Koopwoningen", "%")])
    assert owner["value"] != number(raw[("Koopwoning", "kWh")])
    assert owner["source_column"] == "Koopwoningen [%]"
    shares = built["statistics"][built["statistics"]["variable"].str.startswith("pct_")]["value"].dropna()
    assert (shares <= 100).all()
    report = next(i for i in built["report"]["inputs"] if i["file"].startswith("stats/kwb2014_"))
    assert "Koopwoning [kWh]" in report["unmapped_columns"] and "Koopwoning [m³]" in report["unmapped_columns"]
    assert report["columns_mapped"]["Koopwoningen [%]"] == "pct_owner_occupied"


def test_2018_income_is_not_published_never_zero(built, raw_dir):
    raw = old_export(raw_dir, 2018)
    assert raw["GM0599"][("Gemiddeld inkomen per inwoner", "x 1 000 euro")] == "."
    income = built["statistics"].query("year == 2018 and variable == 'mean_income_per_inhabitant'")
    assert len(income) == len(raw) and income["value"].isna().all()
    assert set(income["status"]) == {"not_published"}
    for variable in ("pct_persons_low_income", "pct_households_low_income", "income_recipients"):
        rows = built["statistics"].query("year == 2018 and variable == @variable")
        assert len(rows) and rows["value"].isna().all() and set(rows["status"]) == {"not_published"}
    # A single '.' among values stays what CBS means by it: withheld.
    dots = built["statistics"].query("year == 2016 and variable == 'mean_woz' and missing_code == '.'")
    assert len(dots) and set(dots["status"]) == {"suppressed"}


def test_population_groups_were_percentages_in_2014_and_counts_from_2015(built, raw_dir):
    stats = built["statistics"]
    raw14, raw15 = old_export(raw_dir, 2014)["BU05991692"], old_export(raw_dir, 2015)["BU05991692"]
    assert layer_value(stats, "BU05991692", 2014, "pct_age_0_14")["value"] == number(raw14[("0 tot 15 jaar", "%")])
    assert layer_value(stats, "BU05991692", 2015, "age_0_14")["value"] == number(raw15[("0 tot 15 jaar", "aantal")])
    assert stats.query("year == 2014 and variable == 'age_0_14' and municipality == 'GM0599'").empty
    assert stats.query("year == 2015 and variable == 'pct_age_0_14' and municipality == 'GM0599'").empty
    assert layer_value(stats, "BU05991692", 2014, "pct_nonwestern_background")["value"] == \
        number(raw14[("Niet-westers totaal", "%")])


def test_den_haag_2023_income_and_woz(built, raw_dir):
    with open(raw_dir / "stats/kwb2023_85618NED_buurt_GM0518_income_woz_from_FRLMR-public.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    stats = built["statistics"].query("year == 2023")
    assert len(stats.query("variable == 'mean_woz'")) == len(rows) == 114
    for r in rows:
        for column, variable in (("gemiddelde_woz_waarde", "mean_woz"), ("pct_personen_laagste_40", "pct_persons_low_income"),
                                 ("gemiddeld_inkomen_per_inwoner", "mean_income_per_inhabitant")):
            row = layer_value(stats, r["buurtcode"], 2023, variable)
            if r[column]:
                assert row["value"] == float(r[column])
            else:
                assert np.isnan(row["value"]) and row["status"] == "not_published"
    attached = next(a for a in built["report"]["attached"] if (a["municipality"], a["level"], a["year"]) == ("GM0518", "buurt", 2023))
    assert attached["boundary_year"] == 2022 and "orphans" not in attached


def test_2024_populations_and_the_new_origin_classification(built, raw_dir):
    path = raw_dir / ("stats/kwb2024_85984NED_statline-export_gemeente_wijk_buurt_GM0014_GM0518_GM0599_population_"
                      "herkomst_from_ScientificDataAnalysisProject.csv")
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    stats = built["statistics"].query("year == 2024")
    inhabitants = next(c for c in rows[0] if c.endswith("Aantal inwoners (aantal)"))
    outside = next(c for c in rows[0] if c.startswith("Bevolking/Bevolking naar herkomst/Herkomstland/Buiten Europa"))
    buurten = [r for r in rows if r["WijkenEnBuurten"].startswith("BU")]
    assert len(buurten) == 356
    for r in buurten[::7]:
        assert layer_value(stats, r["WijkenEnBuurten"], 2024, "inhabitants")["value"] == float(r[inhabitants])
        assert layer_value(stats, r["WijkenEnBuurten"], 2024, "origin_outside_europe")["value"] == float(r[outside])
    # The old classification is not spliced onto the new one.
    assert stats.query("variable in ['nonwestern_background', 'pct_nonwestern_background'] and level == 'buurt'").empty


def test_dutch_number_notation_of_the_statline_web_table(built, raw_dir):
    with open(raw_dir / "stats/kwb2019_84583NED_cbs-statline-page_gemeente_wijk_buurt_GM0014_income.csv", encoding="utf-8") as f:
        rows = {r["WijkenEnBuurten"]: r for r in csv.DictReader(f)}
    recipients = rows["GM0014"]["Aantal inkomensontvangers (aantal)"]
    assert recipients == "184.000"
    stats = built["statistics"]
    assert layer_value(stats, "GM0014", 2019, "income_recipients")["value"] == 184000
    assert layer_value(stats, "GM0014", 2019, "mean_income_per_inhabitant")["value"] == 24.7
    assert layer_value(stats, "BU00140000", 2019, "median_household_wealth")["value"] == -2.3


def test_a_later_release_wins_and_the_earlier_value_is_listed(built, raw_dir):
    """Rotterdam's 2017 income per inhabitant: the OData extract (served 2025) over the 2019 download."""
    with open(raw_dir / "stats/kwb2017_83765NED_odata-extract_buurt_GM0014_GM0518_GM0599_income_subset_from_"
                        "MicroNeighbourhood.csv", encoding="utf-8") as f:
        later = {r["WijkenEnBuurten"]: r for r in csv.DictReader(f)}
    earlier = old_export(raw_dir, 2017)
    conflicts = {(c["code"], c["variable"]): c for c in built["report"]["conflicts"] if c["year"] == 2017}
    differ = [code for code, r in later.items() if code.startswith("BU0599")
              and earlier[code][("Gemiddeld inkomen per inwoner", "x 1 000 euro")] not in (".", r["GemiddeldInkomenPerInwoner_66"])
              and number(earlier[code][("Gemiddeld inkomen per inwoner", "x 1 000 euro")]) != float(r["GemiddeldInkomenPerInwoner_66"])]
    assert len(differ) == 44
    for code in differ:
        row = layer_value(built["statistics"], code, 2017, "mean_income_per_inhabitant")
        assert row["value"] == float(later[code]["GemiddeldInkomenPerInwoner_66"])
        assert row["release"] == "2025-11" and "MicroNeighbourhood" in row["source"]
        conflict = conflicts[(code, "mean_income_per_inhabitant")]
        assert conflict["kept"]["release"] == "2025-11"
        assert conflict["set_aside"][0]["value"] == number(earlier[code][("Gemiddeld inkomen per inwoner", "x 1 000 euro")])
    assert abs(max(c["kept"]["value"] - c["set_aside"][0]["value"] for c in conflicts.values()
                   if c["variable"] == "mean_income_per_inhabitant")) <= 0.4 + 1e-9


def test_each_year_attaches_to_the_map_whose_codes_and_names_it_matches(built):
    attached = {(a["municipality"], a["level"], a["year"]): a["boundary_year"] for a in built["report"]["attached"]}
    assert [attached[("GM0599", "buurt", y)] for y in (2014, 2015, 2016, 2017, 2018, 2024)] == \
        [2014, 2014, 2014, 2019, 2019, 2022]
    assert attached[("GM0518", "buurt", 2023)] == 2022 and attached[("GM0014", "buurt", 2017)] == 2017
    stats = built["statistics"]
    assert (stats.query("municipality == 'GM0599' and level == 'buurt' and year == 2016")["boundary_year"] == 2014).all()


def test_an_orphan_code_is_kept_listed_and_summed_nowhere(built):
    """Groningen's 2024 buurten include three created after the 2022 map."""
    orphans = {o["code"] for o in built["report"]["orphans"]}
    assert orphans == {"BU00140110", "BU00140908", "BU00140909"}
    stats = built["statistics"]
    rows = stats[stats["code"].isin(orphans)]
    assert len(rows) and rows["boundary_year"].isna().all() and rows.query("variable == 'inhabitants'")["value"].gt(0).all()
    harmonised = built["statistics_harmonised"]
    assert not harmonised["code"].isin(orphans).any()
    assert not stats[stats["code"].isin(orphans) & (stats["status"] == "derived")].shape[0]


def test_every_file_is_read_and_reported(built, raw_dir):
    files = sorted(p.relative_to(raw_dir).as_posix() for p in raw_dir.rglob("*") if p.is_file() and p.name != "SOURCES.md")
    report = {i["file"]: i for i in built["report"]["inputs"]}
    assert sorted(report) == files
    for entry in report.values():
        assert entry["rows_kept"] > 0 and "unmapped_columns" in entry and "columns_mapped" in entry
    assert report["stats/kwb2014_82931NED_statline-export_gemeente_wijk_buurt_GM0599_from_Vergewijk.csv"]["shape"] == \
        "old StatLine export"
    assert len(report["stats/kwb2014_82931NED_statline-export_gemeente_wijk_buurt_GM0599_from_Vergewijk.csv"]["variables"]) >= 40


def test_rotterdam_buurt_segregation_2014_2017_from_the_raw_values(built, raw_dir):
    """D (low vs rest) and D (low vs high) by the textbook formula on the raw StatLine values."""
    stored = built["segregation"].query("municipality == 'GM0599' and level == 'buurt'").set_index(["year", "index"])
    assert sorted(stored.index.get_level_values(0).unique()) == [2014, 2015, 2016, 2017]
    for year in (2014, 2015, 2016, 2017):
        raw = old_export(raw_dir, year)
        rows = []
        for code, cells in raw.items():
            values = [cells[("40% personen met laagste inkomen", "%")], cells[("20% personen met hoogste inkomen", "%")],
                      cells[("Aantal inwoners", "aantal")]]
            if code.startswith("BU") and "." not in values and float(values[2]) > 0:
                rows.append([number(v) for v in values])
        low_pct, high_pct, inhabitants = np.array(rows).T
        low, high = low_pct * inhabitants / 100, high_pct * inhabitants / 100
        rest = inhabitants - low
        d = 0.5 * np.abs(low / low.sum() - rest / rest.sum()).sum()
        d_high = 0.5 * np.abs(low / low.sum() - high / high.sum()).sum()
        assert stored.loc[(year, "dissim_low_vs_rest"), "statistic"] == pytest.approx(d, abs=1e-6)
        assert stored.loc[(year, "dissim_low_vs_high"), "statistic"] == pytest.approx(d_high, abs=1e-6)
        assert stored.loc[(year, "dissim_low_vs_rest"), "n_areas"] == len(rows)
        row = stored.loc[(year, "dissim_low_vs_rest")]
        assert row["ci_low"] <= row["statistic"] <= row["ci_high"]
    changes = built["segregation_changes"].query("municipality == 'GM0599' and level == 'buurt' and index == 'dissim_low_vs_rest'")
    steps = changes[changes["span"] == "step"]
    assert list(zip(steps["from_year"], steps["to_year"])) == [(2014, 2015), (2015, 2016), (2016, 2017)]
    first = stored.loc[(2014, "dissim_low_vs_rest"), "statistic"]
    second = stored.loc[(2015, "dissim_low_vs_rest"), "statistic"]
    assert changes.iloc[0]["difference"] == pytest.approx(second - first, abs=1e-6)
    assert ((changes["p_value"] >= 0) & (changes["p_value"] <= 1)).all()


def test_curated_odata_keys_agree_with_cbs_metadata(raw_dir):
    """data/cbs_keys.csv: 85984NED as CBS's DataProperties give it; 83765NED as the StatLine export of
    the same table shows each key's label and unit at the key's position."""
    from wijkdashboard.core import vocabulary
    from wijkdashboard.core.statline import read_data_properties
    fixture = read_data_properties(raw_dir.parent / "fixtures/cbs/85984NED_odata3_DataProperties.json")
    curated = vocabulary.curated_keys()
    for key, header in curated["85984NED"].items():
        assert (header.label, header.unit, header.topic) == (fixture[key].label, fixture[key].unit, fixture[key].topic)
    path = raw_dir / f"stats/{ROTTERDAM[2017]}_statline-export_gemeente_wijk_buurt_GM0599_from_Vergewijk.csv"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    topics = [(" ".join(label.replace("\xa0", " ").strip("|").split()), unit)
              for i, (label, unit) in enumerate(zip(rows[3], rows[4])) if i > 0 and label.strip() != "Jaar"]
    for key, header in curated["83765NED"].items():
        assert topics[int(key.rsplit("_", 1)[1]) - 1] == (header.label, header.unit), key

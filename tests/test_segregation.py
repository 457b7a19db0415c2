"""Segregation and diversity checked against independent computations: textbook formulas by hand,
invariants, PySAL on the raw inputs, and the raw CBS values of named areas."""

import math

import numpy as np
import pandas as pd
import pytest
from segregation.singlegroup import Dissim

from wijkdashboard.builder import derived as analytic, segregation
from wijkdashboard.core.indices import catalogue as index_catalogue

TOY = pd.DataFrame({"low": [80.0, 20.0, 50.0], "middle": [15.0, 50.0, 30.0], "high": [5.0, 30.0, 20.0]})


def toy():
    data = TOY.copy()
    data["total"] = data[["low", "middle", "high"]].sum(axis=1)
    data["low_high"] = data["low"] + data["high"]
    return data


def test_dissimilarity_isolation_and_entropy_match_the_textbook():
    data = toy()
    fitted = segregation.indices_for(data, None)
    low, total = data["low"], data["total"]
    L, T = low.sum(), total.sum()
    # D = ½ Σ |l_i/L − (t_i − l_i)/(T − L)|
    d = 0.5 * np.abs(low / L - (total - low) / (T - L)).sum()
    assert fitted["dissim_low_vs_rest"].statistic == pytest.approx(d)
    # Isolation = Σ (l_i/L)(l_i/t_i)
    assert fitted["isolation_low"].statistic == pytest.approx(((low / L) * (low / total)).sum())
    # Theil's information theory index: H = Σ t_i (E − E_i) / (T E), entropies in natural log
    shares = data[["low", "middle", "high"]].div(total, axis=0)
    city = data[["low", "middle", "high"]].sum() / T
    entropy = lambda p: -(p[p > 0] * np.log(p[p > 0])).sum()
    e, e_i = entropy(city), shares.apply(entropy, axis=1)
    assert fitted["multi_information_theory"].statistic == pytest.approx((total * (e - e_i)).sum() / (T * e))


def test_dissimilarity_is_between_0_and_1_and_0_when_every_area_is_like_the_city():
    data = toy()
    assert 0 <= segregation.indices_for(data, None)["dissim_low_vs_rest"].statistic <= 1
    even = pd.DataFrame({"low": [10.0, 20.0, 40.0], "total": [100.0, 200.0, 400.0]})
    assert Dissim(even, "low", "total").statistic == pytest.approx(0.0, abs=1e-12)


def test_swapping_the_two_groups_leaves_dissimilarity_unchanged():
    data = toy()
    data["high_low"] = data["high"] + data["low"]
    assert Dissim(data, "low", "low_high").statistic == pytest.approx(Dissim(data, "high", "high_low").statistic)


def test_tenure_diversity_by_hand():
    assert analytic.tenure_diversity(100, 0, 0) == 0.0
    assert analytic.tenure_diversity(1, 1, 1) == pytest.approx(1.0)
    p = np.array([41, 33, 25]) / 99
    assert analytic.tenure_diversity(41, 33, 25) == pytest.approx(-(p * np.log(p)).sum() / math.log(3))
    assert math.isnan(analytic.tenure_diversity(41, float("nan"), 25))


def test_tenure_diversity_of_the_cities_from_the_raw_2020_file(built, raw_dir):
    raw = pd.read_csv(raw_dir / "stats/kwb2020_gemeente_GM0014_GM0518_GM0599_from_Buurtvergelijker.csv").set_index("GM_CODE")
    layer = built["housing_mix"].query("year == 2020").set_index("code")
    for code in ("GM0014", "GM0518", "GM0599"):
        owner, social, private = (raw.loc[code, c] for c in ("Koopwoningen (%)", "Woningen in bezit woningcorporatie (%)",
                                                              "Woningen in bezit overige verhuurders (%)"))
        p = np.array([owner, social, private]) / (owner + social + private)
        assert layer.loc[code, "tenure_diversity"] == pytest.approx(-(p * np.log(p)).sum() / math.log(3), abs=1e-4)
        assert layer.loc[code, "pct_social_rent"] == social and layer.loc[code, "tenure_diversity_status"] == "derived"


def test_pysal_on_the_raw_inputs_equals_the_stored_layer(built, raw_dir):
    """Recompute D (low vs rest) for each city's wijken of 2022 straight from the raw tmap file."""
    raw = pd.read_csv(raw_dir / "stats/kwb2022_85318NED_wijk_gemeente_from_tmap_NLD_dist_NLD_muni.csv")
    raw = raw[raw["code"].str.startswith("WK")].dropna(subset=["income_low", "income_high", "population"])
    stored = built["segregation"].query("level == 'wijk' and year == 2022").set_index(["municipality", "index"])
    for municipality in ("GM0014", "GM0518", "GM0599"):
        mine = raw[raw["code"].str[2:6] == municipality[2:]]
        data = pd.DataFrame({"low": mine["income_low"] * mine["population"] / 100,
                             "total": mine["population"]})
        row = stored.loc[(municipality, "dissim_low_vs_rest")]
        assert Dissim(data, "low", "total").statistic == pytest.approx(row["statistic"], abs=1e-6)
        assert row["n_areas"] == len(mine)
        assert row["ci_low"] <= row["statistic"] <= row["ci_high"]


def test_every_index_is_stored_with_an_interval_and_its_inputs(built):
    s = built["segregation"]
    assert len(s) and (s["ci_low"] <= s["ci_high"]).all()
    assert set(s["index"]) <= set(index_catalogue())
    assert (s["pysal_segregation"] == "2.5.4").all() and (s["iterations"] >= 99).all()
    d = s[s["index"].str.startswith("dissim")]
    assert ((d["statistic"] >= 0) & (d["statistic"] <= 1)).all()


def test_missing_inputs_are_stated_not_filled(built):
    rows = built["report"]["segregation"]
    groningen_buurt = next(r for r in rows if r["municipality"] == "GM0014" and r["level"] == "buurt")
    assert groningen_buurt["indices"] == [] and groningen_buurt["why_not"] == "no_income"
    assert set(built["segregation"].query("level == 'buurt'")["municipality"]) == {"GM0599"}


def test_location_quotients_from_the_raw_values(built, raw_dir):
    raw = pd.read_csv(raw_dir / "stats/kwb2022_85318NED_wijk_gemeente_from_tmap_NLD_dist_NLD_muni.csv")
    mine = raw[raw["code"].str.startswith("WK0518")].dropna(subset=["income_low", "income_high", "population"])
    low = mine["income_low"] * mine["population"] / 100
    lq = (low / mine["population"]) / (low.sum() / mine["population"].sum())
    stats = built["statistics"].query("year == 2022 and variable == 'lq_low_income'").set_index("code")
    for code, value in zip(mine["code"], lq):
        assert stats.loc[code, "value"] == pytest.approx(value, abs=1e-3)
        assert stats.loc[code, "status"] == "derived"


def test_location_quotients_equal_pysal():
    from segregation.local import MultiLocationQuotient
    groups = TOY.copy()
    expected = MultiLocationQuotient(groups, groups=["low", "middle", "high"]).statistics
    np.testing.assert_allclose(analytic.location_quotients(groups).to_numpy(), expected, rtol=1e-12)


def test_the_whole_period_is_tested_next_to_the_steps(built):
    """CBS/SCP's index for Rotterdam's buurten falls every year 2014–2017: each step alone is small, the
    period as a whole is tested too, with the interval of its difference."""
    changes = built["segregation_changes"]
    mine = changes[(changes["municipality"] == "GM0599") & (changes["level"] == "buurt")
                   & (changes["index"] == "dissim_low_income_households")]
    assert list(mine.loc[mine["span"] == "step", "to_year"]) == [2015, 2016, 2017]
    period = mine[mine["span"] == "period"].iloc[0]
    indices = built["segregation"].query("municipality == 'GM0599' and level == 'buurt' "
                                         "and index == 'dissim_low_income_households'").set_index("year")["statistic"]
    assert (period["from_year"], period["to_year"]) == (2014, 2017)
    assert period["difference"] == pytest.approx(indices[2017] - indices[2014], abs=1e-6)
    assert period["ci_low"] <= period["difference"] <= period["ci_high"]
    assert period["ci_high"] < 0, "over the whole period the index fell beyond its uncertainty"

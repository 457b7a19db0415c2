"""The vectorised bootstrap and change test reproduce PySAL's own simulations draw for draw."""

import contextlib
import io
import warnings

import geopandas as gpd
import numpy as np
import pytest
import shapely
from segregation.inference import SingleValueTest, TwoValueTest

from wijkdashboard.builder import segregation

ITERATIONS = 40


@pytest.fixture
def years():
    """Two years of made-up counts on a 5 × 4 grid of squares (test input only, never shown)."""
    rng = np.random.default_rng(7)
    squares = [shapely.box(i % 5, i // 5, i % 5 + 1, i // 5 + 1) for i in range(20)]

    def year():
        total = rng.integers(200, 2000, 20).astype(float)
        low = np.floor(total * rng.uniform(0.1, 0.6, 20))
        high = np.floor((total - low) * rng.uniform(0.1, 0.5, 20))
        return gpd.GeoDataFrame({"low": low, "middle": total - low - high, "high": high, "total": total,
                                 "low_high": low + high}, geometry=squares, crs=28992)
    return year(), year()


@pytest.fixture(autouse=True)
def few_iterations(monkeypatch):
    monkeypatch.setattr(segregation, "ITERATIONS", ITERATIONS)


def quietly(make):
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        return make()


@pytest.mark.parametrize("index_id", ["dissim_low_vs_rest", "dissim_low_vs_high", "isolation_low",
                                      "multi_information_theory", "spatial_dissim_low"])
def test_bootstrap_draws_equal_pysal(years, index_id):
    data = years[0]
    index = segregation.indices_for(data, None)[index_id]
    mine = segregation.bootstrap(index, index_id, data)
    np.random.seed(segregation.SEED)
    pysal = quietly(lambda: SingleValueTest(index, iterations_under_null=ITERATIONS, null_approach="bootstrap",
                                            n_jobs=1))
    np.testing.assert_allclose(mine, np.asarray(pysal.est_sim, dtype=float), rtol=1e-12)


@pytest.mark.parametrize("index_id", ["dissim_low_vs_rest", "dissim_low_vs_high", "isolation_low",
                                      "multi_information_theory"])
def test_change_test_equals_pysal_random_label(years, index_id):
    a, b = years
    first, second = (segregation.indices_for(d, None)[index_id] for d in (a, b))
    change, p_value = segregation.change_test(first, second, index_id, a, b)
    np.random.seed(segregation.SEED)
    pysal = quietly(lambda: TwoValueTest(first, second, iterations_under_null=ITERATIONS,
                                         null_approach="random_label", n_jobs=1))
    assert change == pytest.approx(-pysal.est_point_diff) == pytest.approx(second.statistic - first.statistic)
    assert p_value == pytest.approx(pysal.p_value)


def test_the_spatial_index_gets_no_random_label_test(years):
    a, b = years
    first, second = (segregation.indices_for(d, None)["spatial_dissim_low"] for d in (a, b))
    assert segregation.change_test(first, second, "spatial_dissim_low", a, b) is None

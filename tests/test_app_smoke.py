"""The app serves its page and draws real values from the layers (browser tests come with the map
issue)."""

import numpy as np

import app as dashboard


def test_page_and_assets_are_served_locally():
    client = dashboard.server.test_client()
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "cdn" not in html.lower() and "googleapis" not in html
    assert client.get("/assets/vendor/bootstrap.min.css").status_code == 200


def test_map_values_are_the_layer_values_and_missing_is_not_zero():
    from wijkdashboard.indicators import catalogue
    from wijkdashboard.ui import map_view
    frame = dashboard.store.values("GM0014", "buurt", "mean_household_size", 2017, "published")
    data = map_view.arrays(frame, catalogue()["mean_household_size"], 2017, "nl", "jenks", 2022)
    z = np.asarray(data["z"])
    missing = (frame["status"] != "published").to_numpy()
    assert missing.any(), "2017 Groningen has buurten whose household size CBS withheld"
    assert (z[missing] == -1).all() and (z[~missing] >= 0).all()
    assert all(data["v"][i] is None for i in np.flatnonzero(missing))
    shown = map_view.shown_values(data, catalogue()["mean_household_size"], "nl")
    assert all(shown[i].startswith("geen gegevens") for i in np.flatnonzero(missing))
    assert not any(s.startswith("0 ") for s in shown)
    figure = map_view.full_figure(dashboard.store.geojson("GM0014", "buurt", 2017), frame, data, "k",
                                  catalogue()["mean_household_size"], "nl")
    assert list(figure.data[0].locations) == list(frame["code"])
    assert "Bron: CBS, Kadaster" in str(figure.layout.annotations[0].text)


def test_only_years_with_data_are_offered():
    assert dashboard.store.years("GM0518", "buurt", "inhabitants", "published") == [2017, 2019, 2024]
    assert dashboard.store.years("GM0599", "buurt", "inhabitants") == [2014, 2015, 2016, 2017, 2018, 2024]
    assert dashboard.store.years("GM0599", "buurt", "mean_income_per_inhabitant") == [2014, 2015, 2016, 2017]
    assert dashboard.store.years("GM0014", "wijk", "inhabitants") == [2017, 2022, 2024]


def test_the_map_offers_the_derived_measures():
    offered = dashboard.store.indicators("GM0518", "wijk", "published")
    assert "lq_low_income" in offered and "persons_low_income" in offered
    frame = dashboard.store.values("GM0518", "wijk", "lq_low_income", 2022, "published")
    assert set(frame["status"]) <= {"derived", "not_published"} and (frame["status"] == "derived").sum() >= 40
    assert "tenure_diversity" not in dashboard.store.indicators("GM0518", "wijk", "published")  # no tenure split per wijk


def test_the_segregation_view_is_in_the_link():
    from wijkdashboard.ui import state
    s, problems = state.parse("?view=segregatie&index=isolation_low&lang=en", dashboard.store)
    assert problems == [] and (s["view"], s["index"], s["lang"]) == ("segregatie", "isolation_low", "en")
    assert state.parse(state.to_search(s), dashboard.store)[0]["index"] == "isolation_low"
    assert "index=bogus" in state.parse("?view=segregatie&index=bogus", dashboard.store)[1]

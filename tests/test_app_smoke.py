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
    fig, legend = dashboard.draw("GM0014", "buurt", "mean_household_size", 2017)
    frame = dashboard.store.values("GM0014", "buurt", "mean_household_size", 2017)
    z = np.asarray(fig.data[0].z, dtype=float)
    missing = frame["status"] != "published"
    assert missing.any(), "2017 Groningen has buurten whose household size CBS withheld"
    assert (z[missing.to_numpy()] == -1).all()
    assert (z[~missing.to_numpy()] >= 0).all()
    assert list(fig.data[0].locations) == list(frame["code"])
    hover = list(fig.data[0].text)
    assert all("geen gegevens" in hover[i] for i in np.flatnonzero(missing.to_numpy()))
    assert "Bron: CBS, Kadaster" in str(fig.layout.annotations[0].text)


def test_only_years_with_data_are_offered():
    assert dashboard.store.years("GM0518", "buurt", "inhabitants") == [2019]
    assert dashboard.store.years("GM0599", "buurt", "inhabitants") == []
    assert dashboard.store.years("GM0014", "wijk", "inhabitants") == [2017, 2022, 2024]


def test_a_city_and_level_without_statistics_says_so():
    options, value = dashboard.choose_variable("GM0599", "buurt", "inhabitants")
    assert options == [] and value is None
    assert dashboard.choose_year("GM0599", "buurt", None, None)[3] is None
    fig, notice = dashboard.draw("GM0599", "buurt", None, None)
    assert "geen cijfers op buurtniveau" in str(notice)

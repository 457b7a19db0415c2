"""One value, one provenance: how a value came about is worded the same in the map's hover, the map's
table and CSV, the area panel, the comparison's CSV and Vergelijk's CSV."""

import io

import pandas as pd
import pytest

from wijkdashboard.app.components import area_compare, area_panel
from wijkdashboard.app.context import EXTENSION
from wijkdashboard.app.firstpaint.prerender import page_html
from wijkdashboard.core.indicators import catalogue


@pytest.fixture(scope="module")
def parts(app):
    return app.server.extensions[EXTENSION].parts["kaart"]


@pytest.mark.parametrize("city, level, indicator, year, code, expected", [
    ("GM0599", "wijk", "mean_woz", 2018, "WK059916", "zoals gepubliceerd door CBS (kaart 2019)"),
    ("GM0599", "buurt", "pct_social_rent", 2014, "BU05991593", "zoals gepubliceerd door CBS (kaart 2014)"),
])
def test_one_value_is_worded_the_same_everywhere(parts, store, city, level, indicator, year, code, expected):
    # the map's hover
    data = parts.arrays(city, level, indicator, year, "fixed", "jenks", "nl")
    frame = store.values(city, level, indicator, year, "fixed").reset_index(drop=True)
    i = int(frame.index[frame["code"] == code][0])
    hover = data["notes"][data["n"][i]]
    assert hover.startswith(expected + " · Bron: CBS Kerncijfers")
    # the map's table (and its CSV, made from the same rows)
    row = next(r for r in parts.table_rows(city, level, indicator, year, "fixed", "nl") if r["code"] == code)
    assert row["status"] == expected and hover.endswith(row["source"].split("; ")[0])
    # the area panel
    area, city_series = store.series(city, level, indicator, code)
    panel = page_html(area_panel.panel(code, code, catalogue()[indicator], area, city_series, "Rotterdam",
                                       store.target_years[level], [], "nl", "x"))
    assert expected in panel
    # the comparison's CSV
    text = area_compare.csv_text([(code, code, "Rotterdam", level, area)], catalogue()[indicator], "nl",
                                 store.target_years)
    csv = pd.read_csv(io.StringIO(text)).set_index("jaar")
    assert csv.loc[year, "hoe tot stand gekomen"] == expected
    assert csv.loc[year, "bron"] == row["source"]


def test_a_figure_says_which_year_it_refers_to(parts, store):
    """WOZ in the 2024 edition is valued on 1 January 2023 (CBS's own metadata); for editions whose
    metadata are not at hand the legend says it is not established, never a guess."""
    legend = page_html(parts.legend("GM0599", "buurt", "mean_woz", 2024, "fixed", "jenks", "nl"))
    assert "Peildatum 2024: waardepeildatum 1 januari 2023" in legend
    earlier = page_html(parts.legend("GM0599", "buurt", "mean_woz", 2016, "fixed", "jenks", "nl"))
    assert "niet vastgesteld" in earlier
    area, city_series = store.series("GM0599", "buurt", "mean_woz", "BU05991692")
    panel = page_html(area_panel.panel("Hoogvliet Noord", "BU05991692", catalogue()["mean_woz"], area, city_series,
                                       "Rotterdam", 2022, [], "nl", "x"))
    assert "Peildatum 2024: waardepeildatum 1 januari 2023" in panel and "Peildatum 2014–2018: niet vastgesteld" in panel
    assert page_html(parts.legend("GM0599", "buurt", "inhabitants", 2024, "fixed", "jenks", "nl")).count("Peildatum") == 0

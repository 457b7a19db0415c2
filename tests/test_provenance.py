"""One value, one provenance: how a value came about is worded the same in the map's hover, the map's
table and CSV, the area panel, the comparison's CSV and Vergelijk's CSV."""

import io

import pandas as pd
import pytest

from wijkdashboard.app.components import area_compare, area_panel
from wijkdashboard.app.context import EXTENSION
from wijkdashboard.app.prerender import page_html
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

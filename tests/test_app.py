"""The app built from explicit inputs: pages served locally, values from the layers, every offered view
rendered by the real callbacks, errors that surface, and the side of the flow it stays on."""

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
from dash import Input, Output

from wijkdashboard import settings
from wijkdashboard.app.components import choropleth
from wijkdashboard.app.store import BOUNDS
from wijkdashboard.app.urlstate import city_slugs
from wijkdashboard.core.indicators import catalogue


def test_every_page_is_served_locally(app):
    client = app.server.test_client()
    for path in ("/", "/vergelijk", "/segregatie", "/over", "/?lang=en"):
        page = client.get(path)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "cdn" not in html.lower() and "googleapis" not in html
    assert client.get("/assets/vendor/bootstrap.min.css").status_code == 200


def test_old_links_to_a_view_open_its_page(app):
    response = app.server.test_client().get("/?view=vergelijk&level=buurt&lang=en")
    assert response.status_code == 301 and response.headers["Location"].endswith("/vergelijk?level=buurt&lang=en")


def test_map_values_are_the_layer_values_and_missing_is_not_zero(store):
    frame = store.values("GM0014", "buurt", "mean_household_size", 2017, "published")
    item = catalogue()["mean_household_size"]
    data = choropleth.arrays(frame, item, 2017, "nl", store.classes("GM0014", "buurt", item.id, "published", "jenks"),
                             2022)
    z = np.asarray(data["z"])
    missing = (frame["status"] != "published").to_numpy()
    assert missing.any(), "2017 Groningen has buurten whose household size CBS withheld"
    assert (z[missing] == -1).all() and (z[~missing] >= 0).all()
    assert all(data["v"][i] is None for i in np.flatnonzero(missing))
    shown = choropleth.shown_values(data, "nl")
    assert all(shown[i][0].startswith("geen gegevens") for i in np.flatnonzero(missing))
    assert not any(s[0].startswith("0 ") for s in shown)
    # The SVG map: a path per area in the frame's order, grey where missing, the hover's text on each.
    svg = ElementTree.fromstring(choropleth.svg(store.geojson("GM0014", "buurt", 2017), frame, data, "kaart", "nl"))
    paths = svg.findall(".//path")
    assert [p.get("data-code") for p in paths] == list(frame["code"])
    for path in paths:
        i = int(path.get("data-i"))
        assert path.get("data-shown") == shown[i][0] and path.get("data-note") == shown[i][1]
        assert (path.get("fill") == choropleth.MISSING) == missing[i]
    assert svg.get("role") == "img" and svg.get("aria-label") == "kaart"


def test_classes_come_from_the_build_span_all_years_and_match_mapclassify(store):
    import mapclassify  # the test may load it; the app never does (see below)
    years = store.years("GM0599", "buurt", "pct_social_rent", "fixed")
    frames = [store.values("GM0599", "buurt", "pct_social_rent", y, "fixed") for y in years]
    values = np.concatenate([f.loc[f["status"].isin(["published", "interpolated"]), "value"].to_numpy(dtype=float)
                             for f in frames])
    lower, breaks, first, last = store.classes("GM0599", "buurt", "pct_social_rent", "fixed", "jenks")
    scheme = mapclassify.FisherJenks(values, k=5)
    assert (first, last) == (years[0], years[-1]) == (2014, 2024), "2014–2018 and 2024: the series grows"
    assert breaks == pytest.approx(list(scheme.bins)) and lower == values.min()
    assert list(choropleth.class_index(values, breaks)) == list(scheme.yb)


def test_only_years_with_data_are_offered(store):
    assert store.years("GM0518", "buurt", "inhabitants", "published") == [2017, 2019, 2024]
    assert store.years("GM0599", "buurt", "inhabitants") == [2014, 2015, 2016, 2017, 2018, 2024]
    assert store.years("GM0599", "buurt", "mean_income_per_inhabitant") == [2014, 2015, 2016, 2017]
    assert store.years("GM0014", "wijk", "inhabitants") == [2017, 2022, 2024]


def test_the_map_offers_the_derived_measures(store):
    offered = store.indicators("GM0518", "wijk", "published")
    assert "lq_low_income" in offered and "persons_low_income" in offered
    frame = store.values("GM0518", "wijk", "lq_low_income", 2022, "published")
    assert set(frame["status"]) <= {"derived", "not_published"} and (frame["status"] == "derived").sum() >= 40
    # the tenure split per wijk is published for 2024 only (the Wijk- en buurtkaart 2024)
    assert store.years("GM0518", "wijk", "tenure_diversity", "published") == [2024]


def map_values(city, level, indicator, year, bounds, lang="nl", classes="jenks", key=None, mode="value", first=None):
    return {"city.value": city, "level.value": level, "indicator.value": indicator, "year.value": year,
            "bounds.value": bounds, "classes.value": classes, "lang.data": lang, "map-key.data": key,
            "mode.value": mode, "change-from.value": first, "selected-area.data": None}


@pytest.mark.slow
def test_every_offered_view_renders_every_year_and_its_area_panel(dash_client, store):
    """Every indicator × city × level × boundaries the app offers, through the real callback: one answer
    holds every year of the view (its values for every area, its legend and title)."""
    slugs = {code: slug for slug, code in city_slugs(store).items()}
    calls = 0
    for city in store.municipalities:
        for level in ("wijk", "buurt", *store.grid_levels(city)):
            for bounds in BOUNDS:
                for indicator in store.indicators(city, level, bounds):
                    years = store.years(city, level, indicator, bounds)
                    status, response = dash_client.call("view.data", map_values(slugs[city], level, indicator,
                                                                               years[-1], bounds))
                    assert status == 200, (city, level, indicator, bounds)
                    calls += 1
                    view = response["view"]["data"]
                    assert view["years"] == years and sorted(view["frames"]) == sorted(map(str, years))
                    for year in years:
                        frame = view["frames"][str(year)]
                        areas = len(store.values(city, level, indicator, year, bounds))
                        assert len(frame["v"]) == areas and frame["legend"] and frame["title"], (city, level, year)
                    code = (store.cells(city, level, years[-1])["cell"].iloc[0] if level.startswith("vk") else
                            store.areas(city, level, store.boundary_year(city, level, years[-1], bounds))["code"].iloc[0])
                    status, response = dash_client.call("area-panel.children", {
                        "selected-area.data": code, "indicator.value": indicator, "city.value": slugs[city],
                        "level.value": level, "year.value": years[-1], "bounds.value": bounds, "lang.data": "en"})
                    assert status == 200 and response["area-panel"]["children"], (city, level, indicator, bounds)
    assert calls > 300


def test_the_table_of_a_derived_measure_opens_from_a_link(app):
    """/?city=den-haag&level=wijk&indicator=lq_low_income&year=2022&table=1 once left the table hidden: the
    first view holds it, a row per wijk."""
    page = app.server.test_client().get("/?city=den-haag&level=wijk&indicator=lq_low_income&year=2022&table=1")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and text.count('data-column="name"') == 44


def test_a_bug_in_a_callback_is_a_500_not_a_400(built_dir):
    from wijkdashboard.app import create_app
    from wijkdashboard.app.validation import count
    from wijkdashboard.tools.dashclient import DashClient, FlaskTransport
    app = create_app(built_dir)

    @app.callback(Output("broken", "children"), Input("trigger", "n_clicks"))
    def broken(n):
        raise RuntimeError("a bug")
    app.server.extensions["wijkdashboard"].rules.add("trigger", "n_clicks", count())
    client = DashClient(FlaskTransport(app.server.test_client()))
    assert client.call("broken.children", {"trigger.n_clicks": 1})[0] == 500


def test_the_app_process_loads_no_pysal_tobler_numba_or_mapclassify():
    code = ("import sys, app; heavy = {'segregation', 'libpysal', 'tobler', 'numba', 'mapclassify', 'sklearn'}; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))")
    result = subprocess.run([sys.executable, "-c", code], cwd=settings.PROJECT_DIR, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_import_contracts_hold():
    """app never imports build, build never imports app, core and layers import neither."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=settings.PROJECT_DIR, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken" in result.stdout, result.stdout


def test_health_names_the_layers_version(app, store):
    response = app.server.test_client().get("/health")
    assert response.status_code == 200 and json.loads(response.data) == {"status": "ok", "layers": store.version, "cache": "ok"}


def rendered(dash_client, path, search):
    status, response = dash_client.call("_pages_content.children", {"_pages_location.pathname": path,
                                                                     "_pages_location.search": search})
    assert status == 200
    return json.dumps(response["_pages_content"]["children"], ensure_ascii=False)


@pytest.mark.parametrize("path", ["/", "/vergelijk", "/segregatie"])
def test_every_view_links_to_the_over_page(dash_client, path):
    for lang in ("nl", "en"):
        assert f'"/over?lang={lang}' in rendered(dash_client, path, f"?lang={lang}")


def test_the_over_page_explains_every_indicator_file_index_and_term_in_both_languages(dash_client, store):
    from wijkdashboard.core.data import read_csv
    from wijkdashboard.core.indices import catalogue as indices
    for lang, words in (("nl", ("Indicatoren", "Bronbestanden", "Methode", "Begrippen", "Beleidsdocumenten")),
                        ("en", ("Indicators", "Source files", "Method", "Terms of the 1999 study", "Policy documents"))):
        page = rendered(dash_client, "/over", f"?lang={lang}")
        assert all(word in page for word in words)
        assert "CC BY 4.0" in page
        for indicator in catalogue().values():
            assert f"indicator-{indicator.id}" in page and indicator.label(lang) in page
        for entry in store.report["inputs"]:
            assert entry["file"] in page
        for row in indices().values():
            assert row[f"label_{lang}"] in page
        for term in read_csv("glossary.csv"):
            assert term[f"term_{lang}"] in page and term["source"] in page
        assert "002:2358-2372" in page
    assert "Woningdifferentiatie" in rendered(dash_client, "/over", "?lang=nl")
    assert "Housing differentiation" in rendered(dash_client, "/over", "?lang=en")


def test_a_city_is_read_when_first_opened_and_only_the_recent_ones_are_kept(built, built_dir):
    from wijkdashboard.app.store import LayerStore
    lazy = LayerStore(built_dir, cities_in_memory=2)
    assert lazy.cities_read() == 0 and lazy.municipalities == ["GM0014", "GM0518", "GM0599"]
    frame = lazy.values("GM0599", "buurt", "pct_social_rent", 2016, "published")
    assert lazy.cities_read() == 1
    stats = built["statistics"]
    expected = stats[(stats["code"].str.startswith("BU0599")) & (stats["year"] == 2016)
                     & (stats["variable"] == "pct_social_rent")].set_index("code")["value"]
    drawn = frame.set_index("code")["value"].dropna()
    assert len(drawn) > 50 and drawn.equals(expected.reindex(drawn.index))
    for city in ("GM0014", "GM0518", "GM0599"):
        lazy.areas(city, "wijk", lazy.target_years["wijk"])
    assert lazy.cities_read() == 2
    # Menus come from the availability layer, without reading the city.
    assert lazy.years("GM0014", "wijk", "inhabitants") and lazy.cities_read() == 2


def test_the_builds_class_breaks_are_mapclassifys_own(built):
    """classes.classify takes mapclassify's bins without the fit summary; they must stay the classifiers'."""
    import mapclassify
    from wijkdashboard.builder.classes import classify
    stats = built["statistics"]
    present = stats[stats["status"].isin(["published", "derived"]) & stats["value"].notna()
                    & stats["level"].isin(["buurt", "wijk"])]
    checked = 0
    for _, group in present.groupby(["municipality", "level", "variable"]):
        values = group["value"].to_numpy(dtype=float)
        if np.unique(values).size < 5:
            continue
        for method, classifier in (("jenks", mapclassify.FisherJenks), ("quantiles", mapclassify.Quantiles)):
            lower, breaks = classify(values, method)
            assert lower == values.min() and breaks == pytest.approx(list(classifier(values, k=5).bins))
        checked += 1
    assert checked > 100


def test_a_component_the_first_view_cannot_draw_fails_loudly():
    """The first HTML is drawn from the page's components (prerender.py): one it has no drawing for must
    fail the page's tests, not leave a hole in the first view."""
    import dash_bootstrap_components as dbc
    from dash import html

    from wijkdashboard.app.firstpaint.prerender import page_html
    assert page_html(html.Div([html.P("tekst"), dbc.Label("label")])) == '<div><p>tekst</p><label class="form-label">label</label></div>'
    with pytest.raises(LookupError, match="dash_bootstrap_components.Badge"):
        page_html(html.Div(dbc.Badge("nieuw")))


def test_what_the_first_paint_relies_on_in_dash_is_still_there(app):
    """initial_layout.py and index_page.py lean on Dash internals: Dash Pages' component ids and exact
    strings of Dash's index page, which they replace. A Dash release that changes them must fail here,
    not leave the page in the wrong language or rendered twice."""
    import re

    from dash import dash as dash_module

    from wijkdashboard.app.firstpaint import initial_layout
    assert (initial_layout.LOCATION, initial_layout.CONTENT, initial_layout.STORE, initial_layout.DUMMY) == (
        dash_module._ID_LOCATION, dash_module._ID_CONTENT, dash_module._ID_STORE, dash_module._ID_DUMMY)
    client = app.server.test_client()
    for lang, word in (("nl", "Laden"), ("en", "Loading")):
        page = client.get(f"/?lang={lang}").data.decode()
        assert f'<html lang="{lang}">' in page
        assert re.search(r'<meta name="description" content="[^"]+">', page), "the description was filled in"
        assert "Loading..." not in page and '<template id="wijk-scripts">' in page and 'id="prerender"' in page

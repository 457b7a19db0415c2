"""A local stand-in for CBS's OData feed and PDOK's OGC API and WFS, answering in their recorded
formats (../shared/context/cbs_download.md): `{"odata.metadata", "value", "odata.nextLink"}` pages,
space-padded keys, `null` for a missing value; GeoJSON pages with a `next` link; WFS pages by
`startIndex`/`count`. What it serves is real: CBS's own DataProperties and TableInfos of 85984NED
(../shared/data/fixtures/cbs), the 2024 figures of the raw files as TypedDataSet rows, and the 2022 and
2019 generalised buurten (wijken and the municipality dissolved from them, as CBS's codes nest).
Buurt rows carry no density in the raw files: there the rows say null.

CBS's OData v4 is served too (/v4/{table}/…: Properties, Dimensions, MeasureGroups, MeasureCodes and
Observations in long format, from the same DataProperties and rows), and v3 can be made to fail on every
request (`v3_down`), as it did in February 2026.

Faults can be queued for the next request matching a path: a dropped connection, a status code, a body
cut off halfway ("cut"), a body dribbled a byte at a time ("dribble"), a redirect elsewhere
("redirect:URL"), or a next link to another host ("foreign-next")."""

import csv
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import shapely
from shapely.geometry import mapping, shape

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
FIXTURES = SHARED / "data" / "fixtures" / "cbs"
RAW = SHARED / "data" / "raw"
EXPORT_2024 = ("stats/kwb2024_85984NED_statline-export_gemeente_wijk_buurt_GM0014_GM0518_GM0599_population_herkomst_"
               "from_ScientificDataAnalysisProject.csv")
SUBSET_2024 = "stats/kwb2024_85984NED_wijk_gemeente_subset.csv"


def pad(code):
    return f"{code:<10}"


def typed_rows():
    """85984NED rows of the three municipalities, keys as in CBS's DataProperties."""
    properties = json.loads((FIXTURES / "85984NED_odata3_DataProperties.json").read_text())
    by_id = {p["ID"]: p for p in properties}

    def path(p):
        parts, parent = [], p.get("ParentID")
        while parent is not None:
            parts.append(by_id[parent]["Title"].strip())
            parent = by_id[parent].get("ParentID")
        return "/".join(reversed(parts))
    key_of = {}
    for p in properties:
        if p.get("Key") and p["Type"] == "Topic":
            key_of[f"{path(p)}/{' '.join(p['Title'].split())} ({p['Unit']})"] = p["Key"]
    with open(RAW / SUBSET_2024, encoding="utf-8") as handle:
        density = {r["WijkenEnBuurten"]: r["Bevolkingsdichtheid_34"] for r in csv.DictReader(handle)}
    rows = []
    with open(RAW / EXPORT_2024, encoding="utf-8") as handle:
        for i, r in enumerate(csv.DictReader(handle)):
            code = r["WijkenEnBuurten"]
            row = {"ID": i, "WijkenEnBuurten": pad(code), "Gemeentenaam_1": f"{r['Regioaanduiding/Gemeentenaam (naam)']:<40}",
                   "SoortRegio_2": f"{r['Regioaanduiding/Soort regio (omschrijving)']:<10}", "Codering_3": pad(code)}
            for header, value in r.items():
                key = key_of.get(" ".join(header.split()))
                if key and key not in row:
                    row[key] = int(value) if value.lstrip("-").isdigit() else None
            d = density.get(code)
            row["Bevolkingsdichtheid_34"] = int(d) if d and d.isdigit() else None
            rows.append(row)
    return properties, rows


def buurt_features(year):
    with open(RAW / f"boundaries/cbs_buurt_{year}_gegeneraliseerd_rd.geojson", encoding="utf-8") as handle:
        return json.load(handle)["features"]


def dissolved(features, key):
    groups = {}
    for f in features:
        groups.setdefault(key(f["properties"]["statcode"]), []).append(shape(f["geometry"]))
    return {code: mapping(shapely.union_all(geoms)) for code, geoms in groups.items()}


class State:
    def __init__(self):
        self.properties, self.rows = typed_rows()
        self.table_infos = json.loads((FIXTURES / "85984NED_odata3_TableInfos.json").read_text())
        self.page_size = 40
        self.faults = []  # [(path regex, "reset" | status)]
        self.requests = []
        self.lock = threading.Lock()
        self.tables = {"85984NED"}
        self.ogc_years = {2022}
        self.ogc_page_cap = 50  # a server may answer fewer than asked: the client follows `next`
        self.wfs_years = {2019}
        self.v3_down = False
        self.v4_page_size = 2000
        self.dribble_delay = 0.3

    def fault(self, path):
        with self.lock:
            self.requests.append(path)
            for i, (pattern, action) in enumerate(self.faults):
                if re.search(pattern, path):
                    return self.faults.pop(i)[1]
        return None


def make_handler(state, base):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send(self, status, payload):
            action, self.action = getattr(self, "action", None), None
            if action == "foreign-next":
                for key in ("odata.nextLink", "@odata.nextLink"):
                    if key in payload:
                        payload[key] = "http://elsewhere.invalid/steal" if key == "odata.nextLink" else "file:///etc/passwd"
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if action == "cut":  # half the promised body, then the connection drops
                self.wfile.write(body[:len(body) // 2])
                self.wfile.flush()
                self.connection.close()
                return
            if action == "dribble":  # a byte now and then: every socket read succeeds, the answer never ends
                import time
                for i in range(len(body)):
                    try:
                        self.wfile.write(body[i:i + 1])
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(state.dribble_delay)
                return
            self.wfile.write(body)

        def odata4(self, table, entity, query):
            if table not in state.tables:
                return self.send(404, {"error": {"message": f"Dataset {table} not found"}})
            props = state.properties
            if entity == "Properties":
                info = state.table_infos[0]
                return self.send(200, {"Identifier": table, "Title": info.get("Title", ""), "Modified": info["Modified"]})
            if entity == "Dimensions":
                return self.send(200, {"value": [{"Identifier": p["Key"], "Title": p["Title"], "Kind": p["Type"]}
                                                 for p in props if p["Type"].endswith("Dimension")]})
            if entity == "MeasureGroups":
                return self.send(200, {"value": [{"Id": str(p["ID"]), "Title": p["Title"],
                                                  "ParentId": None if p.get("ParentID") is None else str(p["ParentID"])}
                                                 for p in props if p["Type"] == "TopicGroup"]})
            code = {p["Key"]: f"M{p['ID']:06d}" for p in props if p["Type"] == "Topic"}
            if entity == "MeasureCodes":
                return self.send(200, {"value": [{"Identifier": code[p["Key"]], "Title": p["Title"], "Unit": p["Unit"],
                                                  "Decimals": p.get("Decimals"),
                                                  "MeasureGroupId": None if p.get("ParentID") is None else str(p["ParentID"])}
                                                 for p in props if p["Type"] == "Topic"]})
            rows = state.rows
            if "$filter" in query:
                prefixes = re.findall(r"startswith\(WijkenEnBuurten,'(\w+)'\)", query["$filter"])
                rows = [r for r in rows if any(r["WijkenEnBuurten"].startswith(p) for p in prefixes)]
            observations = []
            for r in rows:
                for key, value in r.items():
                    if key not in code:
                        continue
                    text = isinstance(value, str)
                    observations.append({"Id": len(observations), "Measure": code[key], "WijkenEnBuurten": r["WijkenEnBuurten"],
                                         "ValueAttribute": "Impossible" if value is None else "None",
                                         "Value": None if text else value, "StringValue": value if text else None})
            skip = int(query.get("$skip", 0))
            page = observations[skip:skip + state.v4_page_size]
            payload = {"value": page}
            if skip + state.v4_page_size < len(observations):
                payload["@odata.nextLink"] = (f"{base}/v4/{table}/Observations?"
                                              + urlencode({**{k: v for k, v in query.items() if k != "$skip"},
                                                           "$skip": skip + state.v4_page_size}))
            return self.send(200, payload)

        def do_GET(self):
            url = urlparse(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            action = state.fault(url.path)
            if action == "reset" or (state.v3_down and url.path.startswith("/odata/")):
                self.connection.close()  # the server hangs up mid-request, as CBS's did in February 2026
                return
            if isinstance(action, int):
                return self.send(action, {"error": "injected"})
            if isinstance(action, str) and action.startswith("redirect:"):
                self.send_response(302)
                self.send_header("Location", action.split(":", 1)[1])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.action = action
            parts = url.path.strip("/").split("/")
            if parts[0] == "v4":
                return self.odata4(parts[1], parts[2], query)
            if parts[0] == "odata":
                return self.odata(parts[1:], query)
            if parts[:2] == ["cbs", "gebiedsindelingen"]:
                return self.wfs(int(parts[2]), query)
            if parts[0] == "cbs" and parts[1].startswith("wijken-en-buurten-"):
                return self.ogc(int(parts[1].rsplit("-", 1)[1]), parts[5], query)
            return self.send(404, {"error": "not found"})

        def odata(self, parts, query):
            table, entity = parts[0], parts[1]
            if table not in state.tables:
                return self.send(404, {"odata.error": {"message": {"value": f"Table {table} not found"}}})
            meta = f"{base}/odata/{table}/$metadata#Cbs.OData.WebAPI.{entity}"
            if entity == "TableInfos":
                return self.send(200, {"odata.metadata": meta, "value": state.table_infos})
            if entity == "DataProperties":
                return self.send(200, {"odata.metadata": meta, "value": state.properties})
            rows = state.rows
            if "$filter" in query:
                prefixes = re.findall(r"startswith\(WijkenEnBuurten,'(\w+)'\)", query["$filter"])
                rows = [r for r in rows if any(r["WijkenEnBuurten"].startswith(p) for p in prefixes)]
            skip = int(query.get("$skip", 0))
            page = rows[skip:skip + state.page_size]
            payload = {"odata.metadata": meta, "value": page}
            if skip + state.page_size < len(rows):
                payload["odata.nextLink"] = (f"{base}/odata/{table}/TypedDataSet?"
                                             + urlencode({**{k: v for k, v in query.items() if k != "$skip"},
                                                          "$skip": skip + state.page_size}))
            return self.send(200, payload)

        def areas(self, year, level):
            buurten = buurt_features(year)
            if level in ("buurten", "buurt"):
                return [(f["properties"]["statcode"], f["properties"]["statnaam"], f["geometry"]) for f in buurten]
            key = (lambda c: "WK" + c[2:8]) if level in ("wijken", "wijk") else (lambda c: "GM" + c[2:6])
            return [(code, None, geometry) for code, geometry in sorted(dissolved(buurten, key).items())]

        def ogc(self, year, collection, query):
            if year not in state.ogc_years:
                return self.send(404, {"code": "NotFound"})
            assert query.get("crs") == "http://www.opengis.net/def/crs/EPSG/0/28992", "the CRS is asked as its URI"
            limit = min(int(query.get("limit", 10)), 1000, state.ogc_page_cap)
            wanted = re.findall(r"'(GM\d{4})'", query.get("filter", ""))
            names = {"buurten": ("buurtcode", "buurtnaam"), "wijken": ("wijkcode", "wijknaam"),
                     "gemeenten": ("gemeentecode", "gemeentenaam")}[collection]
            features = [{"type": "Feature", "geometry": g,
                         "properties": {names[0]: c, names[1]: n, "gemeentecode": "GM" + c[2:6],
                                        "aantal_inwoners": -99997}}
                        for c, n, g in self.areas(year, collection) if not wanted or "GM" + c[2:6] in wanted]
            cursor = int(query.get("cursor", 0))
            page = features[cursor:cursor + limit]
            links = []
            if cursor + limit < len(features):
                links.append({"rel": "next", "href": f"{base}/cbs/wijken-en-buurten-{year}/ogc/v1/collections/"
                              f"{collection}/items?" + urlencode({**query, "cursor": cursor + limit})})
            return self.send(200, {"type": "FeatureCollection", "features": page, "links": links,
                                   "numberReturned": len(page)})

        def wfs(self, year, query):
            if year not in state.wfs_years:
                return self.send(404, {"error": "no such year"})
            level = query["typeNames"].split(":")[1].split("_")[0]
            start, count = int(query["startIndex"]), int(query["count"])
            features = [{"type": "Feature", "geometry": g, "properties": {"statcode": c, "statnaam": n or c}}
                        for c, n, g in self.areas(year, level)]
            return self.send(200, {"type": "FeatureCollection", "features": features[start:start + count]})

    return Handler


class FakeServices:
    def __init__(self):
        self.state = State()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), None)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.server.RequestHandlerClass = make_handler(self.state, self.url)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def env(self):
        return {"WIJKDASHBOARD_CBS_ODATA_URL": f"{self.url}/odata", "WIJKDASHBOARD_CBS_ODATA4_URL": f"{self.url}/v4",
                "WIJKDASHBOARD_PDOK_URL": self.url,
                "WIJKDASHBOARD_PDOK_SERVICE_URL": self.url, "WIJKDASHBOARD_FETCH_BACKOFF": "0.01"}

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

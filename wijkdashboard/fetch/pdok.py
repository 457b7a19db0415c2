"""PDOK's boundaries of a year, as GeoJSON in RD New the build reads: the OGC API Features
`wijken-en-buurten-{YEAR}` (buurten, wijken, gemeenten; `limit` ≤ 1000 with the `next` cursor; the CRS
asked for as its URI) where it exists, else the generalised `gebiedsindelingen` WFS of that year
(`startIndex`/`count`). Geometry and identity only: CBS's statistics come from OData, not from the
map's attribute table (whose figures carry sentinels and may be an early release)."""

import json

from tqdm import tqdm

from .http import FetchError, same_service

RD_URI = "http://www.opengis.net/def/crs/EPSG/0/28992"
RD_URN = "urn:ogc:def:crs:EPSG::28992"
PAGE = 1000
COLLECTIONS = (("buurt", "buurten"), ("wijk", "wijken"), ("gemeente", "gemeenten"))
# The properties each source names its codes and names by (identity only).
OGC_KEEP = {"buurt": ("buurtcode", "buurtnaam", "gemeentecode"), "wijk": ("wijkcode", "wijknaam", "gemeentecode"),
            "gemeente": ("gemeentecode", "gemeentenaam")}
WFS_KEEP = ("statcode", "statnaam")


def in_scope(code, municipalities):
    return municipalities is None or (isinstance(code, str) and "GM" + code.strip()[2:6] in municipalities)


class BoundaryFetch:
    def __init__(self, client, raw, api_base, service_base, scope, municipalities, progress=True, log=print):
        self.client, self.raw = client, raw
        self.api_base, self.service_base = api_base.rstrip("/"), service_base.rstrip("/")
        self.scope, self.municipalities, self.progress, self.log = scope, municipalities, progress, log

    def run(self, year):
        """The files written for `year` (buurt, wijk and gemeente maps)."""
        written = []
        for level, collection in COLLECTIONS:
            relative = f"pdok/wijkenbuurten_{year}_{collection}_{self.scope}.geojson"
            if self.raw.is_current(relative, f"pdok {year}"):
                continue
            since = len(self.client.fetched)
            try:
                features, url = self._ogc(year, level, collection), self._ogc_url(year, collection)
                kind = "OGC API Features"
            except FetchError as exc:
                if "(404)" not in str(exc):
                    raise
                relative = f"pdok/cbs_{level}_{year}_gegeneraliseerd_{self.scope}.geojson"
                if self.raw.is_current(relative, f"pdok {year}"):
                    continue
                features, url = self._wfs(year, level), self._wfs_url(year)
                kind = "gebiedsindelingen WFS"
            if not features:
                raise FetchError(f"PDOK {year} {collection}: no features in scope {self.scope}")
            data = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": RD_URN}},
                    "features": features}
            self.raw.write_bytes(relative, json.dumps(data, ensure_ascii=False).encode("utf-8"))
            self.raw.record(relative, url=url, urls=self.client.fetched[since:], source=kind, modified=f"pdok {year}",
                            rows=len(features), year=year,
                            scope=self.scope)
            written.append(relative)
        return written

    def _ogc_url(self, year, collection):
        return f"{self.api_base}/cbs/wijken-en-buurten-{year}/ogc/v1/collections/{collection}/items"

    def _ogc(self, year, level, collection):
        params = {"f": "json", "limit": PAGE, "crs": RD_URI}
        if self.municipalities:
            codes = ",".join(f"'{m}'" for m in sorted(self.municipalities))
            params.update({"filter": f"gemeentecode IN ({codes})", "filter-lang": "cql2-text"})
        url, features = self._ogc_url(year, collection), []
        bar = tqdm(desc=f"PDOK {year} {collection}", unit=" features", disable=None if self.progress else True,
                   leave=False)
        while url:
            page = self.client.get_json(url, params, what=f"PDOK {year} {collection}")
            for feature in page.get("features", []):
                props = feature.get("properties") or {}
                code = props.get(OGC_KEEP[level][0])
                if in_scope(code, self.municipalities):
                    features.append({"type": "Feature", "geometry": feature["geometry"],
                                     "properties": {k: props.get(k) for k in OGC_KEEP[level]}})
            bar.update(len(page.get("features", [])))
            url = next((link["href"] for link in page.get("links", []) if link.get("rel") == "next"), None)
            if url:
                same_service(url, self.api_base, f"PDOK {year} {collection}")
            params = None  # the next link carries the query
        bar.close()
        return features

    def _wfs_url(self, year):
        return f"{self.service_base}/cbs/gebiedsindelingen/{year}/wfs/v1_0"

    def _wfs(self, year, level):
        """The generalised map of the whole country, kept to the scope by code (older years have no
        municipality attribute)."""
        features, start = [], 0
        bar = tqdm(desc=f"PDOK {year} {level} (WFS)", unit=" features", disable=None if self.progress else True,
                   leave=False)
        while True:
            page = self.client.get_json(self._wfs_url(year), {
                "service": "WFS", "version": "2.0.0", "request": "GetFeature",
                "typeNames": f"gebiedsindelingen:{level}_gegeneraliseerd", "outputFormat": "application/json",
                "srsName": "EPSG:28992", "count": PAGE, "startIndex": start}, what=f"PDOK {year} {level} (WFS)")
            batch = page.get("features", [])
            for feature in batch:
                props = feature.get("properties") or {}
                if in_scope(props.get("statcode"), self.municipalities):
                    features.append({"type": "Feature", "geometry": feature["geometry"],
                                     "properties": {k: props.get(k) for k in WFS_KEEP}})
            bar.update(len(batch))
            if len(batch) < PAGE:
                break
            start += PAGE
        bar.close()
        return features

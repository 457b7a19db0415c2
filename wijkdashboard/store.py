"""The layers as the app needs them: loaded once, geometry handed out per map, values per year."""

import json
from functools import cached_property, lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import settings, vocabulary


class LayerStore:
    def __init__(self, layers_dir=settings.LAYERS_DIR):
        self.layers_dir = Path(layers_dir)
        self.display = gpd.read_parquet(self.layers_dir / "boundaries_display.parquet")
        self.statistics = pd.read_parquet(self.layers_dir / "statistics.parquet")
        self.report = json.loads((self.layers_dir / "build_report.json").read_text(encoding="utf-8"))
        self._boundary_year = {(g["municipality"], g["level"], g["year"]): g["boundary_year"]
                               for g in self.report["harmonised"]["groups"]}
        self.geojson = lru_cache(maxsize=64)(self._geojson)

    @cached_property
    def municipalities(self):
        return sorted(self.statistics["municipality"].unique())

    def variables(self, municipality, level):
        """Variables with at least one published value for this city and level, in catalogue order."""
        s = self.statistics
        mine = s[(s["municipality"] == municipality) & (s["level"] == level) & (s["status"] == "published")]
        present = set(mine["variable"])
        return [v for v in vocabulary.variables() if v in present]

    def years(self, municipality, level, variable):
        """Data years that can be drawn: published values and boundaries to draw them on."""
        s = self.statistics
        mine = s[(s["municipality"] == municipality) & (s["level"] == level) & (s["variable"] == variable)
                 & (s["status"] == "published")]
        return sorted(int(y) for y in mine["year"].unique() if self.boundary_year(municipality, level, y))

    def boundary_year(self, municipality, level, year):
        return self._boundary_year.get((municipality, level, int(year)))

    def areas(self, municipality, level, boundary_year):
        d = self.display
        return d[(d["municipality"] == municipality) & (d["level"] == level) & (d["year"] == boundary_year)
                 & ~d["water_only"]].sort_values("code")

    def _geojson(self, municipality, level, boundary_year):
        areas = self.areas(municipality, level, boundary_year)
        return json.loads(areas[["code", "geometry"]].set_index("code").to_json(drop_id=False))

    def values(self, municipality, level, variable, year):
        """One row per area drawn on the map: value, status and provenance (missing rows say so)."""
        boundary_year = self.boundary_year(municipality, level, year)
        areas = self.areas(municipality, level, boundary_year)[["code", "name"]]
        s = self.statistics
        mine = s[(s["municipality"] == municipality) & (s["level"] == level) & (s["variable"] == variable)
                 & (s["year"] == int(year))]
        out = areas.merge(mine[["code", "value", "status", "missing_code", "source", "source_column"]],
                          on="code", how="left")
        out["status"] = out["status"].fillna("not_published")
        return out.reset_index(drop=True)

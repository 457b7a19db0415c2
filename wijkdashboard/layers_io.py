"""Write the layers all at once or not at all, and read them back."""

import json
import os
import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd

from . import ATTRIBUTION

GEO_LAYERS = ("boundaries", "boundaries_display")
TABLE_LAYERS = ("statistics", "statistics_harmonised", "crosswalk", "housing_mix", "income", "segregation",
                "segregation_changes")
REPORT = "build_report.json"


def write_atomic(out_dir, layers, report):
    """Write every layer into a fresh folder beside out_dir, then swap it in. If anything fails before
    the swap, out_dir is untouched."""
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}"
    retired = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name, frame in layers.items():
            path = staging / f"{name}.parquet"
            if isinstance(frame, gpd.GeoDataFrame):
                frame.to_parquet(path, index=False, compression="zstd", write_covering_bbox=False)
            else:
                frame.to_parquet(path, index=False, compression="zstd")
        (staging / REPORT).write_text(json.dumps(report, indent=1, ensure_ascii=False, default=_plain) + "\n",
                                      encoding="utf-8")
        (staging / "README.md").write_text(_readme(), encoding="utf-8")
        if out_dir.exists():
            out_dir.rename(retired)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not out_dir.exists():
            retired.rename(out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _plain(value):
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(type(value))


def _readme():
    return (
        "# Built layers (do not edit)\n\n"
        "Written by `python -m wijkdashboard.build`; rebuild instead of editing. "
        f"{ATTRIBUTION}.\n\n"
        "- `boundaries.parquet`: areas per level (buurt, wijk, gemeente) and boundary year, EPSG:28992.\n"
        "- `boundaries_display.parquet`: the same areas simplified as a coverage, EPSG:4326, for the map.\n"
        "- `statistics.parquet`: every CBS value per area, year and variable, with status and source.\n"
        "- `statistics_harmonised.parquet`: the statistics carried onto the latest boundary year per level.\n"
        "- `crosswalk.parquet`: area overlaps between every pair of boundary years.\n"
        "- `housing_mix.parquet`, `income.parquet`: area × year, one column per measure and its status.\n"
        "- `segregation.parquet`: income segregation indices per municipality × level × year (PySAL), with "
        "bootstrap 95% intervals; `segregation_changes.parquet`: tests of change between years.\n"
        "- `build_report.json`: counts, missing values, every check.\n"
    )


def read_layers(layers_dir):
    layers_dir = Path(layers_dir)
    out = {name: gpd.read_parquet(layers_dir / f"{name}.parquet") for name in GEO_LAYERS}
    out.update({name: pd.read_parquet(layers_dir / f"{name}.parquet") for name in TABLE_LAYERS})
    out["report"] = json.loads((layers_dir / REPORT).read_text(encoding="utf-8"))
    return out

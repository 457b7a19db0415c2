"""Find the raw files and read them into frames; every fault names its file."""

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyproj import CRS

from ..errors import BuildError

GEO_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp"}
TABLE_SUFFIXES = {".csv", ".xls", ".xlsx"}
# RD New extent of the Netherlands, with a margin: coordinates outside it mean a wrong or missing CRS.
NL_BOUNDS_RD = (-10_000, 290_000, 310_000, 640_000)


@dataclass(frozen=True)
class RawFile:
    path: Path
    kind: str  # "geo" | "table"
    relative: str  # path below the raw folder, used as the source name in the layers


def discover(raw_dir):
    """Every readable file below raw_dir (sorted), and the ones passed over."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise BuildError(raw_dir, "folder not found" if not raw_dir.exists() else "not a folder")
    found, ignored = [], []
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(raw_dir).as_posix()
        suffix = path.suffix.lower()
        if suffix in GEO_SUFFIXES:
            found.append(RawFile(path, "geo", relative))
        elif suffix == ".zip":
            found.append(RawFile(path, "geo" if _zip_has_geo(path) else "table", relative))
        elif suffix in TABLE_SUFFIXES:
            found.append(RawFile(path, "table", relative))
        else:
            ignored.append(relative)
    return found, ignored


def _zip_has_geo(path):
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise BuildError(path, f"not a readable zip archive ({exc})") from None
    return any(Path(n).suffix.lower() in {".shp", ".gpkg"} for n in names)


def read_geo(raw):
    """A GeoDataFrame in its declared CRS; faults in reading, CRS or coordinates raise BuildError."""
    path = raw.path
    source = f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            inner = [n for n in archive.namelist() if Path(n).suffix.lower() in {".shp", ".gpkg"}]
        if len(inner) != 1:
            raise BuildError(path, f"zip holds {len(inner)} map layers; expected one")
        source = f"/vsizip/{path}/{inner[0]}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = gpd.read_file(source, engine="pyogrio")
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError, OSError) as exc:
        raise BuildError(path, f"not a readable map file ({_first_line(exc)})") from None
    declared = _declared_geojson_crs(path)
    if declared is not None:
        # GDAL quietly falls back to WGS84 for a crs member it does not know: check it ourselves.
        try:
            frame = frame.set_crs(CRS.from_user_input(declared), allow_override=True)
        except Exception:
            raise BuildError(path, f"unknown coordinate reference system ({declared})") from None
    if frame.crs is None:
        raise BuildError(path, "no coordinate reference system (CRS) declared")
    try:
        crs = CRS.from_user_input(frame.crs)
        crs.to_epsg()
    except Exception as exc:  # pyproj raises several types for unusable definitions
        raise BuildError(path, f"unknown coordinate reference system ({_first_line(exc)})") from None
    if len(frame) and not _lies_in_netherlands(frame):
        raise BuildError(path, f"coordinates do not lie in the Netherlands in the declared CRS ({crs.name})")
    return frame


GEOJSON_CRS = re.compile(r'"crs"\s*:\s*\{.*?"name"\s*:\s*"([^"]+)"', re.DOTALL)


def _declared_geojson_crs(path):
    """The name in a GeoJSON file's (pre-RFC 7946) crs member, which comes before its features."""
    if path.suffix.lower() not in {".geojson", ".json"}:
        return None
    with open(path, encoding="utf-8", errors="replace") as handle:
        head = handle.read(65536)
    head = head.split('"features"', 1)[0]
    match = GEOJSON_CRS.search(head)
    return match.group(1) if match else None


def _lies_in_netherlands(frame):
    geoms = frame.geometry[frame.geometry.notna() & ~frame.geometry.is_empty]
    if geoms.empty:
        return True
    try:
        xmin, ymin, xmax, ymax = geoms.to_crs("EPSG:28992").total_bounds
    except Exception:
        return False
    bx0, by0, bx1, by1 = NL_BOUNDS_RD
    return bx0 <= xmin and xmax <= bx1 and by0 <= ymin and ymax <= by1


def read_table(raw):
    """A frame of text cells (no type guessing: CBS codes and '.' must survive as written)."""
    path = raw.path
    suffix = path.suffix.lower()
    try:
        if suffix in {".xls", ".xlsx"}:
            return pd.read_excel(path, dtype=str, keep_default_na=False)
        text = _decode(path.read_bytes())
        first_line = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first_line.count)
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            quoting=csv.QUOTE_MINIMAL)
    except BuildError:
        raise
    except Exception as exc:
        raise BuildError(path, f"not a readable table ({_first_line(exc)})") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _decode(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _first_line(exc):
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__

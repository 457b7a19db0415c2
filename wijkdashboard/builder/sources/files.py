"""Find the raw files and read them into frames; every fault names its file."""

import csv
import io
import json
import os
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pyogrio
from pyproj import CRS

from ...core.errors import BuildError
from ...core import statline

GEO_SUFFIXES = {".geojson", ".json", ".gpkg", ".shp"}
TABLE_SUFFIXES = {".csv", ".xls", ".xlsx"}
# Parquet is either a table (CBS's attributes as redistributors save them) or GeoParquet (a map): its
# metadata says which.
PARQUET = ".parquet"
# CBS OData metadata saved beside a TypedDataSet download: read for its keys, never as a map.
METADATA_FILE = re.compile(r"(DataProperties|TableInfos|CategoryGroups|manifest)[^/]*\.json$", re.IGNORECASE)
MANIFEST = "manifest.json"  # written by `wijkdashboard fetch`: the release of every file it fetched
# The national Kerncijfers table is about 30 MB as CSV; a national Wijk- en buurtkaart about 1 GB. A
# file far above these is not a CBS table: refuse it before reading it whole.
MAX_TABLE_BYTES = int(float(os.environ.get("WIJKDASHBOARD_MAX_TABLE_MB", "256")) * 2**20)
MAX_MAP_BYTES = int(float(os.environ.get("WIJKDASHBOARD_MAX_MAP_MB", "4096")) * 2**20)
# RD New extent of the Netherlands, with a margin: coordinates outside it mean a wrong or missing CRS.
NL_BOUNDS_RD = (-10_000, 290_000, 310_000, 640_000)


@dataclass(frozen=True)
class RawFile:
    path: Path
    kind: str  # "geo" | "table" | "metadata"
    relative: str  # path below the raw folder, used as the source name in the layers


@dataclass
class RawTable:
    """A table's cells as text, and for each column what CBS says it is where the file tells
    (label, unit, topic); `number_format` is "nl" where '.' groups thousands and ',' is the decimal."""
    frame: pd.DataFrame
    headers: dict = field(default_factory=dict)
    number_format: str = "plain"
    shape: str = "named columns"


def discover(raw_dir):
    """Every readable file below raw_dir (sorted), and the ones passed over."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise BuildError(raw_dir, "folder not found" if not raw_dir.exists() else "not a folder")
    found, ignored = [], []
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(raw_dir).as_posix()
        if any(part.startswith(".") for part in path.relative_to(raw_dir).parts):
            continue  # hidden: the fetch's resume state, editors' swap files
        suffix = path.suffix.lower()
        if METADATA_FILE.search(path.name):
            found.append(RawFile(path, "metadata", relative))
        elif suffix in GEO_SUFFIXES:
            found.append(RawFile(path, "geo", relative))
        elif suffix == ".zip":
            found.append(RawFile(path, "geo" if _zip_has_geo(path) else "table", relative))
        elif suffix in TABLE_SUFFIXES:
            found.append(RawFile(path, "table", relative))
        elif suffix == PARQUET:
            found.append(RawFile(path, "geo" if _parquet_has_geo(path) else "table", relative))
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


def _parquet_has_geo(path):
    """GeoParquet names its geometry columns in the file's `geo` metadata."""
    try:
        metadata = pq.read_metadata(path).metadata or {}
    except (OSError, pa.ArrowException) as exc:
        raise BuildError(path, f"not a readable Parquet file ({_first_line(exc)})") from None
    return b"geo" in metadata


def manifest_releases(raw_dir):
    """relative path -> the release (TableInfos.Modified) of each file the fetch recorded."""
    path = Path(raw_dir) / MANIFEST
    if not path.exists():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError) as exc:
        raise BuildError(path, f"not a readable fetch manifest ({type(exc).__name__}: {exc})") from None
    return {relative: str(entry.get("modified") or "")[:10] for relative, entry in entries.items()}


def check_size(raw):
    limit = MAX_MAP_BYTES if raw.kind == "geo" else MAX_TABLE_BYTES
    size = raw.path.stat().st_size
    if size > limit:
        raise BuildError(raw.path, f"{size / 2**20:,.0f} MB, far larger than any CBS {'map' if raw.kind == 'geo' else 'table'} "
                                   f"(limit {limit / 2**20:,.0f} MB): refused unread")


def read_geo(raw):
    """[(layer name or None, GeoDataFrame in its declared CRS)]: one per map layer of the file (a
    GeoPackage such as CBS's WijkBuurtkaart_2024_v2.gpkg holds `gemeenten`, `wijken` and `buurten`).
    Faults in reading, CRS or coordinates raise BuildError naming the file (and the layer)."""
    check_size(raw)
    path = raw.path
    source = f"/vsizip/{path}" if path.suffix.lower() == ".zip" else str(path)
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            inner = [n for n in archive.namelist() if Path(n).suffix.lower() in {".shp", ".gpkg"}]
        if len(inner) != 1:
            raise BuildError(path, f"zip holds {len(inner)} map layers; expected one")
        source = f"/vsizip/{path}/{inner[0]}"
    if path.suffix.lower() == PARQUET:
        try:
            return [(None, _checked(path, gpd.read_parquet(path), None))]
        except (ValueError, OSError, pa.ArrowException) as exc:
            raise BuildError(path, f"not a readable GeoParquet file ({_first_line(exc)})") from None
    layers = _map_layers(path, source)
    out = []
    for layer in layers:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                frame = gpd.read_file(source, engine="pyogrio", layer=layer)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, ValueError, OSError) as exc:
            where = f" (layer {layer})" if len(layers) > 1 else ""
            raise BuildError(path, f"not a readable map file{where} ({_first_line(exc)})") from None
        out.append((layer if len(layers) > 1 else None, _checked(path, frame, layer if len(layers) > 1 else None)))
    return out


def _map_layers(path, source):
    """The layers of a map file that hold features; GeoPackage's own tables are not listed."""
    try:
        listed = pyogrio.list_layers(source)
    except (pyogrio.errors.DataSourceError, ValueError, OSError) as exc:
        raise BuildError(path, f"not a readable map file ({_first_line(exc)})") from None
    names = [str(name) for name, kind in listed if kind is not None] or [str(name) for name, _ in listed]
    return names if len(names) > 1 else [None]


def _checked(path, frame, layer):
    where = f" (layer {layer})" if layer else ""
    declared = _declared_geojson_crs(path)
    if declared is not None:
        # GDAL quietly falls back to WGS84 for a crs member it does not know: check it ourselves.
        try:
            frame = frame.set_crs(CRS.from_user_input(declared), allow_override=True)
        except Exception:
            raise BuildError(path, f"unknown coordinate reference system ({declared})") from None
    if frame.crs is None:
        if _is_grid_without_geometry(frame):
            return frame  # a vierkant file: its cells are rebuilt from their ids (build/grid.py)
        raise BuildError(path, f"no coordinate reference system (CRS) declared{where}")
    try:
        crs = CRS.from_user_input(frame.crs)
        crs.to_epsg()
    except Exception as exc:  # pyproj raises several types for unusable definitions
        raise BuildError(path, f"unknown coordinate reference system{where} ({_first_line(exc)})") from None
    if len(frame) and not _lies_in_netherlands(frame):
        raise BuildError(path, f"coordinates do not lie in the Netherlands in the declared CRS ({crs.name}){where}")
    return frame


def _is_grid_without_geometry(frame):
    geoms = frame.geometry if "geometry" in frame else None
    return geoms is None or geoms.isna().all()


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
    """A RawTable of text cells (no type guessing: CBS codes and '.' must survive as written)."""
    check_size(raw)
    path = raw.path
    suffix = path.suffix.lower()
    try:
        if suffix == PARQUET:
            return RawTable(as_text(pd.read_parquet(path)), shape="Parquet table")
        if suffix in {".xls", ".xlsx"}:
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
            frame.columns = [str(c).strip() for c in frame.columns]
            return RawTable(frame, shape="spreadsheet")
        text = decode(path)
        first_lines = list(csv.reader(io.StringIO("\n".join(text.splitlines()[:6])), delimiter=";"))
        if statline.is_old_export(first_lines):
            rows, headers = statline.read_old_export(text)
            columns = [f"{h.label} [{h.unit}]" if h.unit else h.label for h in headers]
            columns = _unique(columns)
            frame = pd.DataFrame(rows, columns=columns, dtype=str)
            return RawTable(frame, dict(zip(columns, headers)), _number_format(frame), "old StatLine export")
        first_line = text.split("\n", 1)[0]
        delimiter = max([",", ";", "\t"], key=first_line.count)
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            quoting=csv.QUOTE_MINIMAL)
    except BuildError:
        raise
    except Exception as exc:
        raise BuildError(path, f"not a readable table ({_first_line(exc)})") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return RawTable(frame, {}, _number_format(frame))


def as_text(frame):
    """A typed table (Parquet) as the text cells every reader gives the normaliser: numbers as written
    (so a CBS missing code such as -99997 is still that code), an empty cell where a value is absent."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values):
            text = values.astype("string")
        elif pd.api.types.is_float_dtype(values):
            text = pd.Series([repr(float(v)) if np.isfinite(v) else "" for v in values.to_numpy(dtype=float)],
                             index=values.index, dtype="string")
        else:
            text = values.astype("string")
        out[str(column).strip()] = text.fillna("").astype(object)
    return pd.DataFrame(out, index=frame.index)


def _unique(columns):
    seen, out = {}, []
    for column in columns:
        seen[column] = seen.get(column, 0) + 1
        out.append(column if seen[column] == 1 else f"{column} #{seen[column]}")
    return out


DUTCH_DECIMAL = re.compile(r"^\s*-?\d+,\d+\*{0,2}\s*$")


def _number_format(frame):
    """"nl" when any cell has a decimal comma: then a '.' in that file groups thousands (184.000)."""
    sample = frame.head(500)
    for column in sample.columns:
        if sample[column].astype(str).str.match(DUTCH_DECIMAL).any():
            return "nl"
    return "plain"


def decode(path):
    """The file's text. CBS exports are UTF-8 (often with a BOM); older downloads cp1252. UTF-16 and a
    UTF-8 BOM followed by cp1252 bytes are named as such, not misread."""
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 4 and data[1:4:2] == b"\x00\x00"):
        raise BuildError(path, "the file is UTF-16 encoded (as Excel's 'Unicode text'); save it as CSV UTF-8")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BuildError(path, f"starts with a UTF-8 byte-order mark but holds non-UTF-8 bytes (byte 0x{data[3 + exc.start]:02x} "
                                   f"at offset {3 + exc.start}, likely cp1252): mixed encodings; export it again as CSV UTF-8") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")


def _is_cp1252(data):
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _first_line(exc):
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__

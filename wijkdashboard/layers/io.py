"""One writer and one reader for the layers, sharing layers/schema.py.

On disk a layers folder holds versioned sets and a pointer to the current one:

    layers/CURRENT              "v-3f2a1b9c0d4e"
    layers/v-3f2a1b9c0d4e/      statistics.parquet, boundaries.parquet, …, build_report.json
    layers/README.md

The version is a hash over the layer files' bytes: any changed value gives a new version, and every
cache key carries it. The writer writes a new set beside the old one and then replaces CURRENT in one
atomic rename: a crash at any point leaves the old layers or the new ones, never none. A killed
build's temporary folder is removed by the next build; of the versions, the newest KEEP_VERSIONS stay
(the current one among them; HISTORY lists them): a running app reads a city's rows from its own version when the city is
first opened, perhaps long after a rebuild, and must find them there. Restart or reload the app
within KEEP_VERSIONS - 1 rebuilds."""

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..core.formatting import attribution
from .schema import LAYERS, REPORT, SUMMARY, SchemaError, check, summary_of

POINTER = "CURRENT"
HISTORY = "HISTORY"  # the versions made current, oldest first: what may be kept
PREFIX = "v-"
TEMPORARY = ".tmp-"
KEEP_VERSIONS = max(2, int(os.environ.get("WIJKDASHBOARD_KEEP_VERSIONS", "3")))
MIN_ROW_GROUP = 2_000  # below this a row group's own overhead outweighs what a filter skips


class LayersNotFound(FileNotFoundError):
    pass


def content_version(folder):
    """Hash over every file's name and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(Path(folder).iterdir()):
        if path.is_file() and path.name != "README.md":
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def write_atomic(out_dir, layers, report):
    """Write every layer (checked against the schema) as a new version in out_dir and make it current.
    Returns the version."""
    out_dir = Path(out_dir).resolve()
    if set(layers) != set(LAYERS):  # the schema is the one list of layers: none left out, none unknown
        raise SchemaError(f"layers written are not the schema's: missing {sorted(set(LAYERS) - set(layers))}, "
                          f"unknown {sorted(set(layers) - set(LAYERS))}")
    layers = {name: _ordered(LAYERS[name], frame) for name, frame in layers.items()}
    for name, frame in layers.items():
        check(LAYERS[name], frame)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove(p for p in out_dir.iterdir() if p.name.startswith(TEMPORARY))  # left by a killed build
    pointer_path = out_dir / POINTER
    _previous = [pointer_path.read_text(encoding="utf-8").strip()] if pointer_path.exists() else []
    staging = out_dir / f"{TEMPORARY}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        for name, frame in layers.items():
            _write(LAYERS[name], frame, staging / LAYERS[name].file)
        (staging / REPORT).write_text(json.dumps(report, indent=1, ensure_ascii=False, default=_plain) + "\n",
                                      encoding="utf-8")
        (staging / SUMMARY).write_text(json.dumps(summary_of(report), ensure_ascii=False, default=_plain) + "\n",
                                       encoding="utf-8")
        version = PREFIX + content_version(staging)
        target = out_dir / version
        if target.exists():  # the same content was built before: now the newest again
            shutil.rmtree(staging)
            os.utime(target)
        else:
            _fsync_folder(staging)
            staging.rename(target)
        pointer = out_dir / f"{TEMPORARY}{POINTER}-{os.getpid()}"
        pointer.write_text(version + "\n", encoding="utf-8")
        with open(pointer, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(pointer, out_dir / POINTER)  # the one atomic step
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    (out_dir / "README.md").write_text(_readme(), encoding="utf-8")
    history = out_dir / HISTORY
    made_current = history.read_text(encoding="utf-8").split() if history.exists() else []
    made_current = [v for v in made_current if v != version] + [version]
    if not history.exists():
        # layers from before the history was kept: the version CURRENT named is one a reader may be on
        made_current = [v for v in _previous if v != version] + made_current
    kept = made_current[-KEEP_VERSIONS:]
    history.write_text("\n".join(kept) + "\n", encoding="utf-8")
    # a version never made current (a build killed between its rename and CURRENT's) is no one's
    _remove(p for p in out_dir.iterdir() if p.is_dir() and p.name.startswith(PREFIX) and p.name not in kept)
    return version


def _write(layer, frame, path):
    """A partitioned layer is sorted by its partition column and cut into row groups of about one
    municipality each: Parquet's row-group statistics then let a filtered read skip the rest."""
    options = {"index": False, "compression": "zstd"}
    if layer.partition and len(frame):
        frame = frame.sort_values(layer.partition, kind="stable", ignore_index=True)
        options["row_group_size"] = max(MIN_ROW_GROUP, -(-len(frame) // frame[layer.partition].nunique()))
    if layer.geo:
        frame.to_parquet(path, write_covering_bbox=False, **options)
    else:
        frame.to_parquet(path, **options)


def current(layers_dir):
    """(version, folder) of the current layers; LayersNotFound if there are none."""
    layers_dir = Path(layers_dir)
    pointer = layers_dir / POINTER
    if not pointer.is_file():
        raise LayersNotFound(f"{layers_dir}: no layers (no {POINTER} file); build them with "
                             "wijkdashboard build")
    version = pointer.read_text(encoding="utf-8").strip()
    folder = layers_dir / version
    if not folder.is_dir():
        raise LayersNotFound(f"{layers_dir}: {POINTER} names {version}, which is not there")
    return version, folder


@dataclass
class LayerSet:
    """The current layers as read: frames by name, the build report and the content version."""
    version: str
    folder: Path
    frames: dict = field(default_factory=dict)
    report: dict = field(default_factory=dict)

    def __getitem__(self, name):
        if name == "report":
            return self.report
        return self.frames[name]

    def __contains__(self, name):
        return name in self.frames or name == "report"


def read_layers(layers_dir, names=None, summary=False):
    """The current layers (all, or those named), each checked against the schema, with the build
    report (or only its summary: the parts the app shows)."""
    version, folder = current(layers_dir)
    out = LayerSet(version, folder)
    for name in names or LAYERS:
        layer = LAYERS[name]
        path = folder / layer.file
        frame = gpd.read_parquet(path) if layer.geo else pd.read_parquet(path)
        try:
            check(layer, frame)
        except SchemaError as exc:
            raise SchemaError(f"{path}: {exc}") from None
        out.frames[name] = frame
    out.report = json.loads((folder / (SUMMARY if summary else REPORT)).read_text(encoding="utf-8"))
    return out


def read_partition(folder, name, value):
    """The rows of one partition (a municipality) of a partitioned layer, checked against the schema."""
    layer = LAYERS[name]
    if not layer.partition:
        raise ValueError(f"layer {name} is not partitioned")
    return read_rows(folder, name, [(layer.partition, "==", value)])


def read_rows(folder, name, filters=None, columns=None):
    """The rows of a layer that pass pyarrow filters (all columns checked against the schema), or some
    columns only (a geo layer then comes without its geometry)."""
    layer = LAYERS[name]
    path = Path(folder) / layer.file
    if columns is not None:
        return pd.read_parquet(path, filters=filters, columns=columns)
    frame = gpd.read_parquet(path, filters=filters) if layer.geo else pd.read_parquet(path, filters=filters)
    try:
        check(layer, frame)
    except SchemaError as exc:
        raise SchemaError(f"{path}: {exc}") from None
    return frame


def _ordered(layer, frame):
    """The schema's columns first, in its order (a wide layer's measures follow); text columns as the
    string dtype even where they hold no text at all."""
    first = [c for c in layer.columns if c in frame.columns]
    frame = frame[first + [c for c in frame.columns if c not in first]].copy()
    for column, kind in layer.columns.items():
        if kind in ("str", "str?") and column in frame and frame[column].dtype == object:
            frame[column] = frame[column].astype("str")
    return frame


def _remove(paths):
    for path in list(paths):
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _fsync_folder(folder):
    for path in folder.iterdir():
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())


def _plain(value):
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, set):
        return sorted(value)
    raise TypeError(type(value))


def _readme():
    return (
        "# Built layers (do not edit)\n\n"
        "Written by `wijkdashboard build`; rebuild instead of editing. "
        f"{attribution('nl')}.\n\n"
        f"`{POINTER}` names the current version folder (`v-` + a hash of its files); the {KEEP_VERSIONS - 1} "
        "before it stay for apps still running on them. The schema of every "
        "layer is in `wijkdashboard/layers/schema.py`.\n\n"
        + "".join(f"- `{layer.file}`: {layer.about}.\n" for layer in LAYERS.values())
        + f"- `{REPORT}`: per file what was read and left out, checks, missing values; `{SUMMARY}`: the part "
        "the app reads at start.\n"
    )

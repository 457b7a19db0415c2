"""`wijkdashboard build --raw DIR --out DIR`: raw CBS files -> checked layers.

Reads every CBS file it recognises below --raw, normalises it to the project's vocabulary, builds
boundaries (analysis and display), statistics, a crosswalk between boundary years and statistics
harmonised onto a common boundary year, runs the checks and writes everything at once.
"""

import argparse
import sys
import time
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from .. import settings
from ..core.formatting import attribution
from ..core.opening import opening_choice
from ..layers.io import write_atomic
from ..core import vocabulary
from ..core.statline import read_data_properties, table_id
from . import (boundaries as boundary_layer, checks, classes, derived, geometry, grid, scale_profile, segregation,
               statistics)
from .availability import availability, coverage, drawable_on_fixed
from .attach import attach
from .crosswalk import build_crosswalk
from ..core.errors import BuildError
from .harmonise import harmonise, target_years
from .helper import Helper
from .neighbours import neighbours
from .report import make_report, print_report
from .sources.files import discover, manifest_releases, read_geo, read_table
from .sources.normalise import normalise, source_name

TWO_HELPERS_FROM_BYTES = 20 * 2**20  # raw input from which the indices take minutes (see helper.py)
DISPLAY_COLUMNS = ["level", "year", "code", "name", "municipality", "wijk", "water_only", "area_m2", "geometry"]


def build(raw_dir, out_dir, progress=True):
    vocabulary.check()
    files, ignored = discover(raw_dir)
    if not any(f.kind == "geo" for f in files):
        raise BuildError(raw_dir, "no CBS map files (GeoJSON, shapefile or GeoPackage) found")
    stages = ["boundaries", "statistics", "checks", "crosswalk", "harmonise", "analytic", "segregation", "display",
              "write"]
    # disable=None: tqdm draws only on a terminal, so logs and pipes get the report alone.
    bar = tqdm(total=len(files) + len(stages), desc="wijkdashboard build", unit="step",
               disable=None if progress else True, file=sys.stderr, leave=False)
    try:
        size = sum(f.path.stat().st_size for f in files)
        with Helper(workers=2 if size > TWO_HELPERS_FROM_BYTES else 1) as helper:
            return _build(files, ignored, raw_dir, out_dir, bar, helper)
    finally:
        bar.close()


def odata_keys(files):
    """table id -> {OData key: Header} from every DataProperties file in the raw folder."""
    keys = {}
    for raw in files:
        if raw.kind == "metadata" and "dataproperties" in raw.path.name.lower():
            table = table_id(raw.relative)
            if table is None:
                raise BuildError(raw.path, "DataProperties without a CBS table id (such as 85984NED) in its path")
            try:
                keys[table] = read_data_properties(raw.path)
            except (ValueError, KeyError, TypeError) as exc:
                raise BuildError(raw.path, f"not readable CBS DataProperties ({type(exc).__name__}: {exc})") from None
    return keys


def _build(files, ignored, raw_dir, out_dir, bar, helper):
    keys = odata_keys(files)
    releases = manifest_releases(raw_dir)
    normalised, grids = [], []
    for raw in files:
        bar.set_postfix_str(raw.relative[-40:])
        if raw.kind == "metadata":
            bar.update()
            continue
        try:
            for layer, frame in (read_geo(raw) if raw.kind == "geo" else [(None, read_table(raw))]):
                cells = getattr(frame, "frame", frame)
                if grid.id_column(cells) is not None:  # a vierkant file: squares, not areas
                    grids.append(grid.normalise(raw, cells, source_name(raw.relative, layer)))
                else:
                    normalised.append(normalise(raw, frame, keys=keys, release=releases.get(raw.relative), layer=layer))
        except BuildError:
            raise
        except Exception as exc:  # any other fault in a file is still that file's fault
            raise BuildError(raw.path, f"{type(exc).__name__}: {exc}") from None
        bar.update()

    names = pd.concat([n.names for n in normalised], ignore_index=True)
    areas, wijk_outlines, passed_over = boundary_layer.assemble(normalised, names)
    check_rows = checks.alignment(areas) + checks.places_of_codes(areas)
    failed = [r for r in check_rows if r["status"] == "fail"]
    if failed:
        raise BuildError(Path(raw_dir) / failed[0]["source"], failed[0]["detail"])
    bar.update()
    stats, conflicts = statistics.assemble(normalised)
    stats, attach_log, orphans = attach(stats, names, areas)
    squares, grid_report = grid.place(grids, areas)
    # The indices need only the statistics and the maps: the helper computes them meanwhile.
    segregation_job = helper.submit(segregation.compute, stats, areas)
    profile_job = helper.submit(scale_profile.compute, stats, squares)
    bar.update()

    check_rows += (checks.unique_codes(areas) + checks.validity(areas) + checks.no_overlaps(areas)
                   + checks.coverage(areas, wijk_outlines) + checks.case_study_codes(areas)
                   + checks.statistics_attached(attach_log))
    bar.update()
    crosswalk = build_crosswalk(areas)
    areas = boundary_layer.carry_names(areas, crosswalk)
    rows, below = checks.crosswalk_shares(areas, crosswalk)
    check_rows += rows
    bar.update()
    municipalities = sorted(areas["municipality"].unique())
    harmonised, log = harmonise(stats, areas, crosswalk, municipalities)
    bar.update()
    stats = _with_derived(stats, ["level", "year", "code", "variable"])
    published_classes = helper.submit(classes.compute, stats, areas, "published")
    harmonised = _with_derived(harmonised, ["level", "municipality", "year", "variable", "code"])
    fixed_classes = helper.submit(classes.compute, harmonised, areas, "fixed")
    grid_classes = helper.submit(classes.compute_grid, squares)
    housing = derived.wide_layer(stats, derived.HOUSING_COLUMNS)
    income = derived.wide_layer(stats, derived.INCOME_COLUMNS)
    bar.update()
    indices, changes = segregation_job.result()
    profile = profile_job.result()
    bar.update()
    display = geometry.display_geometry(areas)[DISPLAY_COLUMNS]
    bar.update()

    report = make_report(normalised, ignored, areas, display, stats, harmonised, crosswalk, check_rows,
                         below, conflicts, passed_over, log, target_years(areas, municipalities), indices,
                         attach_log, orphans, grids, grid_report, profile)
    failed = [r for r in check_rows if r["status"] == "fail"]
    if failed:  # one line: the file, the fault, an example
        files = str(failed[0].get("source") or "").split(";")
        where = "; ".join(str(Path(raw_dir) / f) for f in files) if failed[0].get("source") else raw_dir
        raise BuildError(where, f"{failed[0]['check']}: {failed[0]['detail']}")
    available = availability(stats, harmonised, squares)
    report["coverage"] = coverage(available)
    report["opening"] = opening_choice(drawable_on_fixed(available))
    layers = {
        "boundaries": areas.drop(columns=["repaired"]),
        "boundaries_display": display,
        "statistics": stats,
        "statistics_harmonised": harmonised,
        "crosswalk": crosswalk,
        "neighbours": neighbours(areas),
        "housing_mix": housing,
        "income": income,
        "segregation": indices,
        "segregation_changes": changes,
        "classes": _concat([fixed_classes.result(), published_classes.result(), grid_classes.result()]),
        "grid": squares,
        "scale_profile": profile,
        "availability": available,
    }
    write_atomic(out_dir, layers, report)
    bar.update()
    return report


def _concat(frames):
    """Frames stacked; an empty one (a raw folder without squares) does not turn the columns into objects."""
    kept = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(kept, ignore_index=True)


def _with_derived(long, order):
    """Derived measures from the values on a map only: an orphan code never enters a city's share."""
    on_map = long[long["boundary_year"].notna()] if "boundary_year" in long else long
    return pd.concat([long, derived.derive(on_map)], ignore_index=True).sort_values(order, ignore_index=True)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="wijkdashboard build", description=__doc__.splitlines()[0])
    parser.add_argument("--raw", default=str(settings.RAW_DIR),
                        help="folder with the raw CBS files (default: %(default)s)")
    parser.add_argument("--out", default=str(settings.LAYERS_DIR),
                        help="folder for the built layers (default: %(default)s)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no report")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        report = build(args.raw, args.out, progress=not args.quiet)
    except BuildError as exc:
        print(f"error: {exc.path}: {exc.fault}", file=sys.stderr)
        return 2
    if not args.quiet:
        print_report(report)
        print(f"\nBuilt {args.out} in {time.perf_counter() - started:.1f} s. {attribution('nl')}.")
    return 0


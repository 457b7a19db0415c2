"""The layers contract: one schema checked by writer and reader, a content version that follows every
byte, and a swap that leaves the old layers or the new ones, never none."""

import os
import shutil

import pandas as pd
import pytest

from wijkdashboard.layers import read_layers, read_partition, write_atomic
from wijkdashboard.layers.io import HISTORY, POINTER, LayersNotFound, content_version, current
from wijkdashboard.layers.schema import LAYERS, SchemaError


def frames(layers):
    return {name: layers[name] for name in LAYERS}


@pytest.fixture
def layers_dir(built, tmp_path):
    out = tmp_path / "layers"
    write_atomic(out, frames(built), built.report)
    return out


def test_the_version_is_a_hash_of_the_bytes_and_every_reader_sees_it(built, layers_dir):
    version, folder = current(layers_dir)
    assert version == built.version == "v-" + content_version(folder)
    assert read_layers(layers_dir).version == version


def test_one_changed_value_gives_a_new_version(built, layers_dir):
    before = current(layers_dir)[0]
    changed = frames(built)
    stats = changed["statistics"].copy()
    stats.loc[stats["value"].notna().idxmax(), "value"] += 1
    changed["statistics"] = stats
    after = write_atomic(layers_dir, changed, built.report)
    assert after != before and current(layers_dir)[0] == after
    assert (layers_dir / before).exists(), "the previous version stays for an app still reading it (KEEP_VERSIONS)"


def test_a_crash_before_the_swap_leaves_the_old_layers(built, layers_dir, monkeypatch):
    before = current(layers_dir)[0]
    changed = frames(built)
    changed["segregation"] = changed["segregation"].assign(statistic=changed["segregation"]["statistic"] + 0.5)

    def crash(*args):
        raise KeyboardInterrupt("killed")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(layers_dir, changed, built.report)
    monkeypatch.undo()
    assert current(layers_dir)[0] == before
    assert read_layers(layers_dir)["segregation"].equals(built["segregation"])


def test_a_crash_while_writing_leaves_the_old_layers_and_no_temporary_folder(built, layers_dir, monkeypatch):
    before = current(layers_dir)[0]
    original = pd.DataFrame.to_parquet

    def fail_on_crosswalk(self, path, *args, **kwargs):
        if str(path).endswith("crosswalk.parquet"):
            raise OSError("disk full")
        return original(self, path, *args, **kwargs)
    monkeypatch.setattr(pd.DataFrame, "to_parquet", fail_on_crosswalk)
    with pytest.raises(OSError):
        write_atomic(layers_dir, frames(built), built.report)
    assert current(layers_dir)[0] == before
    assert sorted(p.name for p in layers_dir.iterdir() if p.name != HISTORY) == sorted([POINTER, "README.md", before])


def test_a_killed_builds_leftovers_are_cleaned_by_the_next_build(built, layers_dir):
    (layers_dir / ".tmp-99999-deadbeef").mkdir()
    (layers_dir / ".tmp-99999-deadbeef" / "statistics.parquet").write_bytes(b"half")
    shutil.copytree(current(layers_dir)[1], layers_dir / "v-000000000000")  # written, never made current
    before = current(layers_dir)[0]
    version = write_atomic(layers_dir, frames(built), {**built.report, "another": "build"})
    # the version made current before stays for the apps still on it; the leftovers go
    assert sorted(p.name for p in layers_dir.iterdir()) == sorted([POINTER, HISTORY, "README.md", before, version])
    assert (layers_dir / HISTORY).read_text().split() == [before, version]


def test_writer_and_reader_refuse_a_frame_that_breaks_the_schema(built, layers_dir, tmp_path):
    bad = frames(built)
    bad["statistics"] = bad["statistics"].assign(status="maybe")
    with pytest.raises(SchemaError, match="statistics"):
        write_atomic(tmp_path / "other", bad, built.report)
    assert not (tmp_path / "other").exists() or not (tmp_path / "other" / POINTER).exists()
    folder = current(layers_dir)[1]
    pd.read_parquet(folder / "crosswalk.parquet").drop(columns="share_of_to").to_parquet(folder / "crosswalk.parquet")
    with pytest.raises(SchemaError, match="crosswalk"):
        read_layers(layers_dir)


def test_no_layers_says_how_to_build_them(tmp_path):
    with pytest.raises(LayersNotFound, match="wijkdashboard build"):
        read_layers(tmp_path)


def test_boundary_year_is_a_column_of_the_statistics(built):
    stats = built["statistics"]
    assert str(stats["boundary_year"].dtype) == "Int64"
    attached = {(a["municipality"], a["level"], a["year"]): a["boundary_year"] for a in built.report["attached"]}
    for (municipality, level, year), group in stats.groupby(["municipality", "level", "year"]):
        on_map = group["boundary_year"].dropna().unique()
        assert list(on_map) in ([], [attached[(municipality, level, year)]])


@pytest.mark.parametrize("name", [n for n, layer in LAYERS.items() if layer.partition])
def test_a_municipality_is_read_alone_and_whole(built, built_dir, name):
    """The app reads a city's rows with a filter; the file is sorted by city in row groups of about a
    city's size, so the filter skips all but the row groups that hold the city."""
    import pyarrow.parquet as pq
    version, folder = current(built_dir)
    whole = built[name]
    for municipality in sorted(whole["municipality"].unique()):
        alone = read_partition(folder, name, municipality)
        expected = whole[whole["municipality"] == municipality]
        assert len(alone) == len(expected) > 0
        assert alone.drop(columns="geometry", errors="ignore").reset_index(drop=True).equals(
            expected.drop(columns="geometry", errors="ignore").reset_index(drop=True))
    metadata = pq.ParquetFile(folder / LAYERS[name].file).metadata
    column = metadata.schema.names.index("municipality")
    spans = [(metadata.row_group(i).column(column).statistics.min, metadata.row_group(i).column(column).statistics.max)
             for i in range(metadata.num_row_groups)]
    assert spans == sorted(spans), "row groups follow the municipalities in order"
    size = metadata.row_group(0).num_rows
    for municipality, rows in whole["municipality"].value_counts().items():
        touched = sum(low <= municipality <= high for low, high in spans)
        assert touched <= -(-rows // size) + 1, f"{municipality}: a filtered read touches {touched} row groups"


def test_the_writer_refuses_a_layer_left_out_or_unknown(built, tmp_path):
    """The schema is the one list of layers: a build that forgets one, or writes one it does not know,
    stops before anything is written."""
    fewer = frames(built)
    del fewer["scale_profile"]
    with pytest.raises(SchemaError, match=r"missing \['scale_profile'\]"):
        write_atomic(tmp_path / "fewer", fewer, built.report)
    more = {**frames(built), "extra": frames(built)["segregation"]}
    with pytest.raises(SchemaError, match=r"unknown \['extra'\]"):
        write_atomic(tmp_path / "more", more, built.report)
    assert not (tmp_path / "fewer").exists() and not (tmp_path / "more").exists()

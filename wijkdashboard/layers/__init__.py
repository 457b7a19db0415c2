"""The contract between build and app, in the manner of geopandas' io/arrow.py: one schema, one
atomic writer, one reader, and a content version that every cache key carries."""

from .io import LayerSet, read_layers, read_partition, read_rows, write_atomic  # noqa: F401
from .schema import PRESENT, STATUSES  # noqa: F401

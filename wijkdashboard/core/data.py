"""The curated tables in data/: small, human-edited, each row citing its source."""

import csv
from functools import cache
from pathlib import Path

import yaml

from .. import settings


def path(name, data_dir=None):
    return Path(data_dir or settings.DATA_DIR) / name


def in_language(record, field, lang):
    """A curated row's text in the page's language: its `<field>_nl` or `<field>_en` column."""
    return getattr(record, f"{field}_{'nl' if lang == 'nl' else 'en'}")


def read_csv(name, data_dir=None):
    with open(path(name, data_dir), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def read_yaml(name, data_dir=None):
    with open(path(name, data_dir), encoding="utf-8") as handle:
        return yaml.safe_load(handle)

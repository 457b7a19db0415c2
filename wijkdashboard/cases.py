"""The three case-study areas of the 1999 VROM study, read from data/case_studies.yaml."""

from functools import cache
from pathlib import Path

import yaml

from . import settings


@cache
def load(data_dir=None):
    with open(Path(data_dir or settings.DATA_DIR) / "case_studies.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def codes_for(area, year):
    """The CBS buurt codes that represent a study area in a boundary year."""
    for span in area["cbs_areas"]:
        if span["from_year"] <= year and (span["to_year"] is None or year <= span["to_year"]):
            return list(span["codes"])
    return []


def case_codes_by_year(years):
    return [(area["id"], year, code) for area in load()["areas"] for year in years
            for code in codes_for(area, year)]

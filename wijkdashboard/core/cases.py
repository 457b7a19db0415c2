"""The three case-study areas of the 1999 VROM study, read from data/case_studies.yaml."""

from .data import read_yaml


def load():
    return read_yaml("case_studies.yaml")


def areas():
    return load()["areas"]


def study():
    return load()["study"]


def codes_for(area, year):
    """The CBS buurt codes that represent a study area in a boundary year."""
    for span in area["cbs_areas"]:
        if span["from_year"] <= year and (span["to_year"] is None or year <= span["to_year"]):
            return list(span["codes"])
    return []


def case_codes_by_year(years):
    return [(area["id"], year, code) for area in areas() for year in years for code in codes_for(area, year)]

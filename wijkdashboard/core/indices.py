"""The segregation indices the build computes: labels and plain-language explanations (data/)."""

from functools import cache

from .data import read_csv


@cache
def catalogue():
    return {row["id"]: row for row in read_csv("segregation_indices.csv")}


def label(index_id, lang):
    return catalogue()[index_id][f"label_{lang}"]


def explanation(index_id, lang):
    return catalogue()[index_id][f"explanation_{lang}"]

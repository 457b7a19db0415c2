"""`wijkdashboard fetch --gemeente GM0599 GM0518 --years 2004-2025 --raw DIR` (or `--all`):
the Kerncijfers wijken en buurten of those years from CBS OData and the boundaries from PDOK, into DIR
as files the build reads (`make layers RAW=DIR`). A second run downloads only what CBS changed since."""

import argparse
import os
import re
import sys
import time

from .. import settings
from ..core.provenance import tables
from .http import Client, FetchError
from .odata import TableFetch
from .odata4 import TableFetch4
from .pdok import BoundaryFetch
from .rawdir import RawDir

ODATA_URL = "https://opendata.cbs.nl/ODataFeed/odata"
ODATA4_URL = "https://datasets.cbs.nl/odata/v1/CBS"
PDOK_URL = "https://api.pdok.nl"
PDOK_SERVICE_URL = "https://service.pdok.nl"
MUNICIPALITY = re.compile(r"^GM\d{4}$")


def years_of(text):
    """'2004-2025' or '2019,2021,2024' -> sorted years."""
    years = set()
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            first, last = (int(x) for x in part.split("-", 1))
            years.update(range(first, last + 1))
        elif part:
            years.add(int(part))
    if not years or min(years) < 1995 or max(years) > 2100:
        raise ValueError(text)
    return sorted(years)


def parse(argv):
    parser = argparse.ArgumentParser(prog="wijkdashboard fetch", description=__doc__.splitlines()[0])
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--gemeente", nargs="+", metavar="GM0599", help="municipalities by CBS code")
    who.add_argument("--all", action="store_true", help="the whole country")
    parser.add_argument("--years", required=True, help="e.g. 2004-2025 or 2019,2021")
    parser.add_argument("--raw", default=str(settings.RAW_DIR), help="the raw folder to fill (default: %(default)s)")
    parser.add_argument("--only", choices=("statistics", "boundaries"), help="fetch only one of the two")
    parser.add_argument("--odata", choices=("auto", "v3", "v4"), default="auto",
                        help="CBS's service: v3, v4, or v3 with v4 where v3 keeps failing (default)")
    parser.add_argument("--retries", type=int, default=5)
    parser.add_argument("--deadline", type=float, default=300, help="seconds one request may take in all")
    parser.add_argument("--backoff", type=float, default=float(os.environ.get("WIJKDASHBOARD_FETCH_BACKOFF", "1.0")),
                        help="first wait between retries in seconds, doubled each time")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    if args.gemeente:
        bad = [g for g in args.gemeente if not MUNICIPALITY.match(g.upper())]
        if bad:
            parser.error(f"not a municipality code (GM + 4 digits): {bad[0]}")
        args.gemeente = sorted({g.upper() for g in args.gemeente})
    try:
        args.years = years_of(args.years)
    except ValueError:
        parser.error(f"--years: not a year range such as 2004-2025: {args.years}")
    return args


def run(args, log=print):
    client = Client(retries=args.retries, backoff=args.backoff, deadline=args.deadline)
    raw = RawDir(args.raw)
    scope = "NL" if args.all else "-".join(args.gemeente)
    municipalities = None if args.all else args.gemeente
    odata = os.environ.get("WIJKDASHBOARD_CBS_ODATA_URL", ODATA_URL)
    odata4 = os.environ.get("WIJKDASHBOARD_CBS_ODATA4_URL", ODATA4_URL)
    written = []
    if args.only != "boundaries":
        for table in tables():
            if table["last_year"] < args.years[0] or table["first_year"] > args.years[-1]:
                continue
            options = dict(progress=not args.quiet, log=log)
            v3 = TableFetch(client, raw, odata, table["table_id"], scope, municipalities, set(args.years), **options)
            v4 = TableFetch4(client, raw, odata4, table["table_id"], scope, municipalities, set(args.years), **options)
            if args.odata == "v4":
                written += v4.run(table["first_year"], table["last_year"])
                continue
            try:
                written += v3.run(table["first_year"], table["last_year"])
            except FetchError as exc:
                if args.odata == "v3" or not exc.transient:
                    raise
                log(f"{table['table_id']}: OData v3 keeps failing ({exc}); fetching it from OData v4")
                written += v4.run(table["first_year"], table["last_year"])
    if args.only != "statistics":
        boundaries = BoundaryFetch(client, raw, os.environ.get("WIJKDASHBOARD_PDOK_URL", PDOK_URL),
                                   os.environ.get("WIJKDASHBOARD_PDOK_SERVICE_URL", PDOK_SERVICE_URL), scope,
                                   municipalities, progress=not args.quiet, log=log)
        for year in args.years:
            written += boundaries.run(year)
    return written, client.requests


def main(argv=None):
    args = parse(argv)
    started = time.perf_counter()
    try:
        written, requests = run(args, log=(lambda *a: None) if args.quiet else print)
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    if not args.quiet:
        print(f"{len(written)} files written to {args.raw} in {time.perf_counter() - started:.0f} s "
              f"({requests} requests); provenance in {args.raw}/manifest.json. Bron: CBS, Kadaster (CC BY 4.0).")
    return 0

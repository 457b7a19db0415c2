"""plotly.js for the browser: the partial bundle with the trace types the pages draw (scatter and the
SVG choropleth on a geo subplot; npm's plotly.js-geo-dist-min at plotly.py's plotly.js version,
scripts/vendor-plotly.sh), 0.46 MB compressed instead of the full bundle's 1.4 MB. Dash's graphs load
plotly.js only when the first graph mounts, from one fixed path: the partial bundle is served there."""

import gzip
import hashlib
import re
from pathlib import Path

from flask import Response, request

BUNDLE = Path(__file__).parent / "vendor" / "plotly-geo.min.js"
DASH_PLOTLY_PATH = "/_dash-component-suites/plotly/package_data/plotly.min.js"


def version():
    """The plotly.js version in the bundle's header."""
    with open(BUNDLE, encoding="utf-8") as handle:
        head = handle.read(200)
    return re.search(r"v(\d+\.\d+\.\d+)", head).group(1)


def serve_partial_bundle(server, prefix="/"):
    path = prefix.rstrip("/") + DASH_PLOTLY_PATH
    raw = BUNDLE.read_bytes()
    # Compressed once here: the compression middleware leaves file responses alone.
    packed = gzip.compress(raw, compresslevel=9, mtime=0)
    etag = hashlib.sha256(raw).hexdigest()[:20]

    @server.before_request
    def partial_plotly():
        if request.path != path:
            return None
        zipped = "gzip" in request.headers.get("Accept-Encoding", "")
        response = Response(packed if zipped else raw, mimetype="application/javascript")
        if zipped:
            response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
        # No version in this URL: a day's cache, then revalidated by its ETag.
        response.headers["Cache-Control"] = "public, max-age=86400"
        response.set_etag(etag)
        return response.make_conditional(request)

"""What a public municipal site needs around the Dash app: a health check, security headers,
compression and cache headers, and malformed requests rejected before any callback runs.

There is no blanket error handler: a bug inside a callback is a 500 with its traceback in the log."""

import re

from dash.exceptions import DependencyException
from flask import Response, jsonify, request

from .. import settings
from .firstpaint.initial_layout import is_page

CALLBACK_PATH = "/_dash-update-component"
MAX_CALLBACK_BYTES = 256 * 1024  # the largest real request (a map figure handed back) is far smaller
# Dash fingerprints what it serves, in the file name (dash_core_components.v4_4_1m1764.js) or as ?m=:
# a new file gets a new URL, so those may be cached for a year.
FINGERPRINT = re.compile(r"\.v[0-9a-z_]+m[0-9]{6,}\.")


def content_security_policy(dash_app):
    """Dash writes its config and clientside callbacks as inline scripts: allow exactly those, by
    hash. Plotly sets inline styles; a chart's PNG download is a data URL."""
    hashes = " ".join(dash_app.csp_hashes())
    frame_ancestors = settings.FRAME_ANCESTORS
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {hashes}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])


def _outputs_match(output, outputs):
    """Dash's body repeats the callback's outputs ({id, property}, a list of them for several): they
    must be the callback's own. Dash itself answers a mismatch with a 500."""
    multi = output.startswith("..")
    names = output.strip(".").split("...") if multi else [output]
    expected = [tuple(name.split("@")[0].rsplit(".", 1)) for name in names]
    given = outputs if multi else [outputs]
    return isinstance(outputs, list if multi else dict) and len(given) == len(expected) and all(
        isinstance(o, dict) and isinstance(o.get("property"), str)
        and (o.get("id"), o["property"].split("@")[0]) == e for o, e in zip(given, expected))


def harden(dash_app, rules, version, cache_state=lambda: "ok"):
    from flask_compress import Compress

    server = dash_app.server
    server.config["COMPRESS_MIMETYPES"] = ["text/html", "text/css", "application/javascript", "application/json",
                                           "text/javascript", "text/csv"]
    server.config["COMPRESS_MIN_SIZE"] = 500
    Compress(server)
    policy = {}

    @server.route("/health")
    def health():
        # The app serves with or without its cache; the cache's own state is said beside it.
        return jsonify(status="ok", layers=version, cache=cache_state())

    @server.route("/robots.txt")
    def robots():
        # Public statistics for everyone: crawlers may index the pages, not hammer the callbacks.
        return Response("User-agent: *\nDisallow: /_dash-\nAllow: /\n", mimetype="text/plain")

    @server.before_request
    def check_callback_request():
        if request.path != CALLBACK_PATH or request.method != "POST":
            return None
        if (request.content_length or 0) > MAX_CALLBACK_BYTES:
            return jsonify(error="request too large"), 413
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("output"), str) \
                or not isinstance(body.get("inputs"), list) or not isinstance(body.get("state", []), list):
            return jsonify(error="not a Dash callback request"), 400
        if body["output"] not in dash_app.callback_map:
            return jsonify(error="unknown callback"), 400
        items = body["inputs"] + body.get("state", [])
        if not all(isinstance(item, dict) for item in items):
            return jsonify(error="malformed input"), 400
        expected = dash_app.callback_map[body["output"]]
        declared = [(i["id"], i["property"]) for i in expected.get("inputs", []) + expected.get("state", [])]
        if [(i.get("id"), i.get("property")) for i in items] != declared:
            return jsonify(error="inputs do not match the callback"), 400
        if not _outputs_match(body["output"], body.get("outputs")):
            return jsonify(error="outputs do not match the callback"), 400
        changed = body.get("changedPropIds", [])
        inputs = {f"{i}.{p}" for i, p in declared}
        if not isinstance(changed, list) or not all(isinstance(c, str) and c in inputs for c in changed):
            return jsonify(error="changedPropIds names no input of the callback"), 400
        problem = rules.check(items)
        if problem:
            return jsonify(error=problem), 400
        return None

    @server.errorhandler(DependencyException)
    def unknown_component_file(_):
        # A crafted /_dash-component-suites/ path names no file Dash serves.
        return "Niet gevonden. / Not found.", 404

    @server.after_request
    def headers(response):
        if request.endpoint == "/<path:path>" and response.status_code == 200 and not is_page("/" + request.view_args["path"]):
            response.status_code = 404  # Dash serves its page for any path; this one names none (pages/not_found_404.py)
        if "csp" not in policy:
            policy["csp"] = content_security_policy(dash_app)
        response.headers["Content-Security-Policy"] = policy["csp"]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self)"
        if response.status_code == 200 and (FINGERPRINT.search(request.path) or "m" in request.args):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        elif response.mimetype in ("text/html", "application/json"):
            response.headers["Cache-Control"] = "no-cache"
        return response

    return server

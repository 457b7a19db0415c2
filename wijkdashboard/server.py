"""What a public municipal site needs around the Dash app: a health check, security headers, a
shared cache, compression and cache headers, and bad requests answered with a 4xx, never a 500."""

import hashlib
import logging
import os

from flask import jsonify, request
from flask_caching import Cache
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

from . import settings

log = logging.getLogger("wijkdashboard")
CALLBACK_PATH = "/_dash-update-component"
MAX_CALLBACK_BYTES = 256 * 1024  # the largest real request (a compare table) is a few KiB
LONG_CACHE = ("/_dash-component-suites/", "/assets/")


def layers_version():
    """Changes whenever the layers are rebuilt, so a shared cache never serves stale values."""
    report = (settings.LAYERS_DIR / "build_report.json").read_bytes()
    return hashlib.sha256(report).hexdigest()[:12]


def make_cache(server):
    """Computed value arrays, shared by every worker: a folder by default, Redis if REDIS_URL is set."""
    if os.environ.get("REDIS_URL"):
        config = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": os.environ["REDIS_URL"]}
    else:
        config = {"CACHE_TYPE": "FileSystemCache",
                  "CACHE_DIR": os.environ.get("WIJKDASHBOARD_CACHE_DIR", str(settings.PROJECT_DIR / ".cache")),
                  "CACHE_THRESHOLD": 20000}
    config.update(CACHE_DEFAULT_TIMEOUT=0, CACHE_KEY_PREFIX=f"wijk-{layers_version()}-")
    return Cache(server, config=config)


def content_security_policy(dash_app):
    """Dash writes its config and clientside callbacks as inline scripts: allow exactly those, by
    hash. MapLibre renders in web workers made from blobs; plotly sets inline styles."""
    hashes = " ".join(dash_app.csp_hashes())
    frame_ancestors = os.environ.get("WIJKDASHBOARD_FRAME_ANCESTORS", "'self'")
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {hashes}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "child-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])


def harden(dash_app):
    server = dash_app.server
    server.config["COMPRESS_MIMETYPES"] = ["text/html", "text/css", "application/javascript", "application/json",
                                           "text/javascript", "text/csv"]
    server.config["COMPRESS_MIN_SIZE"] = 500
    Compress(server)
    policy = {}

    @server.route("/health")
    def health():
        return jsonify(status="ok", layers=layers_version())

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
        for item in body["inputs"] + body.get("state", []):
            if not isinstance(item, dict) or not isinstance(item.get("id"), (str, dict)) \
                    or not isinstance(item.get("property"), str):
                return jsonify(error="malformed input"), 400
        return None

    @server.errorhandler(Exception)
    def bad_request(error):
        if isinstance(error, HTTPException):
            return error
        # A crafted value that a callback cannot use is the request's fault: say so, keep the trace here.
        log.warning("request failed: %s %s: %r", request.method, request.path, error)
        if request.path == CALLBACK_PATH:
            return jsonify(error="invalid callback input"), 400
        return "Er ging iets mis. / Something went wrong.", 500

    @server.after_request
    def headers(response):
        if "csp" not in policy:
            policy["csp"] = content_security_policy(dash_app)
        response.headers["Content-Security-Policy"] = policy["csp"]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if request.path.startswith(LONG_CACHE) and response.status_code == 200:
            # Dash fingerprints these URLs (?v= / ?m=): a new file gets a new URL.
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        elif request.path in ("/", CALLBACK_PATH, "/_dash-layout", "/_dash-dependencies"):
            response.headers["Cache-Control"] = "no-cache"
        return response

    return server

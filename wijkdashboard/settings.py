"""Paths and options, each overridable by an environment variable."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# In a checkout the assets, catalogues and embedded layers sit beside the package; `pip install`
# puts them inside it, under share/ (pyproject.toml maps them there).
_CHECKOUT = PACKAGE_DIR.parent
PROJECT_DIR = _CHECKOUT if (_CHECKOUT / "assets").is_dir() and (_CHECKOUT / "data").is_dir() else PACKAGE_DIR / "share"
INSTALLED = PROJECT_DIR != _CHECKOUT
CACHE_DIR = Path(os.environ.get("WIJKDASHBOARD_CACHE_DIR") or (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "wijkdashboard" if INSTALLED else _CHECKOUT / ".cache"))
DATA_DIR = Path(os.environ.get("WIJKDASHBOARD_DATA", PROJECT_DIR / "data"))
LAYERS_DIR = Path(os.environ.get("WIJKDASHBOARD_LAYERS", PROJECT_DIR / "layers"))
# A municipality's own stories (YAML, as data/stories/): shown after the shipped ones; one of the same
# name replaces it.
STORIES_DIR = os.environ.get("WIJKDASHBOARD_STORIES") or None
RAW_DIR = Path(os.environ.get("WIJKDASHBOARD_RAW", (Path.cwd() if INSTALLED else _CHECKOUT.parent) / "shared" / "data" / "raw"))

# The municipalities the build keeps (CBS codes, comma-separated); unset: every municipality it finds.
MUNICIPALITIES = tuple(m.strip() for m in os.environ.get("WIJKDASHBOARD_MUNICIPALITIES", "").split(",") if m.strip()) \
    or None

ANALYSIS_CRS = "EPSG:28992"  # RD New: areas in m²
DISPLAY_CRS = "EPSG:4326"
# The display geometry: simplified by 10 m (RD New; shared edges stay shared, coverage_simplify), less
# than a pixel of a whole city on a phone, and rounded to a 1e-5 degree grid (about 1 m). Analysis uses
# the unsimplified geometry.
DISPLAY_TOLERANCE_M = 10.0
DISPLAY_GRID_DEG = 1e-5

# The city the dashboard opens on when a link names none (a CBS code such as GM0599). Unset: the city
# whose data show the most change (see LayerStore.opening_view).
DEFAULT_CITY = os.environ.get("WIJKDASHBOARD_DEFAULT_CITY") or None

# How many municipalities a worker keeps read (the most recently used); the others are read again from
# the layers on their next visit (tens of milliseconds for a city).
CITIES_IN_MEMORY = int(os.environ.get("WIJKDASHBOARD_CITIES_IN_MEMORY", "8"))

# The house style (wijkdashboard/app/theme.py): a shipped theme by name (wijkdashboard, denhaag), and/or a
# municipality's own token stylesheet (CSS custom properties under the class <name>-theme).
THEME = os.environ.get("WIJKDASHBOARD_THEME") or "wijkdashboard"
THEME_CSS = os.environ.get("WIJKDASHBOARD_THEME_CSS") or None
# Who may show the dashboard in a frame (embed=1): the CSP frame-ancestors sources, e.g.
# "'self' https://www.denhaag.nl". Default: no other site.
FRAME_ANCESTORS = os.environ.get("WIJKDASHBOARD_FRAME_ANCESTORS") or "'self'"
# The statements (/toegankelijkheid, /privacy): who publishes the dashboard and how to reach them, filled
# in by the municipality; the accessibility status (A–E in the Dutch model) once it has been audited.
PUBLISHER = os.environ.get("WIJKDASHBOARD_PUBLISHER") or None
CONTACT_EMAIL = os.environ.get("WIJKDASHBOARD_CONTACT_EMAIL") or None
CONTACT_URL = os.environ.get("WIJKDASHBOARD_CONTACT_URL") or None
ACCESSIBILITY_STATUS = (os.environ.get("WIJKDASHBOARD_ACCESSIBILITY_STATUS") or "C").upper()
ACCESSIBILITY_AUDIT_URL = os.environ.get("WIJKDASHBOARD_ACCESSIBILITY_AUDIT_URL") or None
# How long the server's access log is kept, in days (the operator's log rotation; said on /privacy).
LOG_DAYS = int(os.environ.get("WIJKDASHBOARD_LOG_DAYS", "30"))

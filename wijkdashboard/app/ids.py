"""Component ids, one constant each, so a page's layout and its callbacks cannot drift apart."""

# Shared by every page (shell.py)
PAGES_LOCATION = "_pages_location"  # Dash Pages' own location component
LANG = "lang"
LANG_TOGGLE = "lang-toggle"
PRESENTATION = "presentation"
PRESENT = "present"
NOTICE = "notice"
URL_WRITER = "url-writer"

# Kaart
CITY = "city"
LEVEL = "level"
INDICATOR = "indicator"
BOUNDS = "bounds"
BOUNDS_BOX = "bounds-box"
CLASSES_BOX = "classes-box"
MODE = "mode"  # the map shows values, or their change since a year
MODE_BOX = "mode-box"
CHANGE_FROM = "change-from"
CHANGE_BOX = "change-box"
VIEW = "view"  # the whole view for the browser: every year's values, legend, title (kaart/view.py: payload)
GEOMETRY_REQUEST = "geometry-request"  # the key of a map the browser lacks for a year it steps to
AREA_BADGE = "area-badge"  # the chosen area's name and value on the map
AREA_MESSAGE = "area-message"
# "Mijn buurt": the button, and the browser's answer (a position or why there is none; assets/kaart.js).
MY_AREA = "my-area"
MY_POSITION = "my-position"
CLASSES = "classes"
TABLE_TOGGLE = "table-toggle"
YEAR = "year"
YEAR_MARKS = "year-marks"
YEAR_READOUT = "year-readout"
YEAR_GAP = "year-gap"  # said when the year follows years without figures
PLAY = "play"
PLAY_INTERVAL = "play-interval"
WAVE_BANDS = "wave-bands"
WAVE_PANEL = "wave-panel"
MAP = "map"
MAP_REGION = "map-region"
MAP_SHAPES = "map-shapes"
MAP_TIP = "map-tip"
MAP_KEY = "map-key"
LEGEND = "legend"
AREA = "area"
AREA_CHOICES = "area-choices"  # the datalist of the area box
AREA_CHOICES_BOX = "area-choices-box"
SELECTED_AREA = "selected-area"
AREA_PANEL = "area-panel"
AREA_SERIES = "area-series"
TABLE_WRAP = "table-wrap"
TABLE_CAPTION = "table-caption"
TABLE_CSV_BUTTON = "map-csv-button"
TABLE_CSV = "map-csv"
VIEW_TITLE = "view-title"
FILTERS = "filters"
FILTERS_TOGGLE = "filters-toggle"
PLAY_NOTE = "play-note"
MAP_MESSAGE = "map-message"
LEVEL_NOTICE = "level-notice"
COMPARE_AREAS = "compare-areas"  # the chosen areas' codes, comma-joined (the link's compare=)
COMPARE_BOX = "compare-box"
COMPARE_ADD = "compare-add"
COMPARE_CHOSEN = "compare-chosen"
COMPARE_AREAS_CSV_BUTTON = "compare-areas-csv-button"
COMPARE_AREAS_CSV = "compare-areas-csv"

# Vergelijk
COMPARE_INDICATOR = "compare-indicator"
COMPARE_LEVEL = "compare-level"
AXIS = "axis"
PERIOD_FROM = "period-from"
PERIOD_TO = "period-to"
COMPARE_CSV_BUTTON = "compare-csv-button"
COMPARE_CSV = "compare-csv"
COMPARE_SOURCE = "compare-source"


def compare(part, i):
    """compare-map-0, compare-chart-1, …: one per study area."""
    return f"compare-{part}-{i}"


# Segregatie
SEG_INDEX = "seg-index"
SEG_EXPLANATION = "seg-explanation"
SEG_LEVEL = "seg-level"
SEG_CITIES = "seg-cities"
SEG_COLUMNS = "seg-columns"


def seg(part, i):
    return f"seg-{part}-{i}"

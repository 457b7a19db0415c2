"""What a page's layout and callbacks are given: the layers, the shared cache, the input rules. One
per app (create_app), found through the Flask app that serves the request."""

from dataclasses import dataclass, field

from flask import current_app

from .aggregate import Comparison
from .cache import SharedMemo
from .store import LayerStore
from .validation import Rules

EXTENSION = "wijkdashboard"


@dataclass
class AppContext:
    store: LayerStore
    memo: SharedMemo
    rules: Rules = field(default_factory=Rules)
    parts: dict = field(default_factory=dict)  # a page's drawing functions, for its layout and callbacks

    def __post_init__(self):
        self.comparison = Comparison(self.store)


def current():
    """The context of the app serving this request (a page's layout is rendered inside one)."""
    return current_app.extensions[EXTENSION]

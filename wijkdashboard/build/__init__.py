"""The build side: `python -m wijkdashboard.build --raw DIR --out DIR` turns the raw CBS files into
the layers (see layers/). Never imported by the app."""

from .pipeline import build, main  # noqa: F401

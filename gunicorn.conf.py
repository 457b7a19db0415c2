"""`gunicorn app:server` reads this from the working directory: the settings `wijkdashboard serve` uses."""

from wijkdashboard.app.serving import options

globals().update(options())

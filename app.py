"""`python app.py` serves the wijkdashboard on http://127.0.0.1:8050 (HOST and PORT change that).
`server` is the WSGI app for a production server."""

import os

from dash import Dash

from wijkdashboard import server as hardening
from wijkdashboard.store import LayerStore
from wijkdashboard.ui import callbacks, compare_callbacks, layout, segregation_callbacks

store = LayerStore()
# Bootstrap's CSS is served from assets/vendor: no CDN, no third-party requests.
app = Dash(__name__, title="Wijkdashboard", serve_locally=True, update_title=None)
app.layout = layout.build(store)
cache = hardening.make_cache(app.server)
callbacks.register(app, store, cache)
compare_callbacks.register(app, store, cache)
segregation_callbacks.register(app, store, cache)
server = hardening.harden(app)

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")), debug=False)

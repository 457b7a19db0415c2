"""`python app.py` serves the wijkdashboard on http://127.0.0.1:8050 (HOST and PORT change that).
`server` is the WSGI app for a production server; WIJKDASHBOARD_LAYERS chooses the layers."""

import os

from wijkdashboard.app import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    app.run(host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8050")), debug=False)

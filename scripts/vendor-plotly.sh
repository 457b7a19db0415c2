#!/usr/bin/env bash
# The partial plotly.js bundle the app serves (wijkdashboard/app/plotly_bundle.py): npm's
# plotly.js-geo-dist-min at the plotly.js version plotly.py pins (scatter, scattergeo, choropleth).
# Run after changing plotly in requirements.txt; tests/test_server.py checks the versions agree.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(.venv/bin/python -c "from plotly.offline import get_plotlyjs_version as v; print(v())")
work=$(mktemp -d)
(cd "$work" && npm pack --silent "plotly.js-geo-dist-min@$version" >/dev/null && tar xzf ./*.tgz)
cp "$work/package/plotly-geo.min.js" wijkdashboard/app/vendor/plotly-geo.min.js
cp "$work/package/LICENSE" wijkdashboard/app/vendor/plotly-LICENSE
rm -rf "$work"
echo "plotly.js-geo-dist-min $version -> wijkdashboard/app/vendor/plotly-geo.min.js"

/* A slider step brings only compact values (see wijkdashboard/ui/map_view.py: wire); this writes them
   into the figure the browser already holds, so the geometry never travels twice. */
/* The zoom at which [west, south, east, north] fills the map element (MapLibre: 512 px per world at zoom 0). */
function fit(bounds, element) {
  var width = (element && element.offsetWidth) || 800, height = (element && element.offsetHeight) || 560;
  var west = bounds[0], south = bounds[1], east = bounds[2], north = bounds[3];
  var latCos = Math.cos((north + south) / 2 * Math.PI / 180);
  var zoomX = Math.log2(width / 512 * 360 / Math.max(east - west, 1e-6));
  var zoomY = Math.log2(height / 512 * 360 / Math.max((north - south) / latCos, 1e-6));
  return {zoom: Math.min(zoomX, zoomY) - 0.15, center: {lon: (west + east) / 2, lat: (south + north) / 2}};
}

window.dash_clientside = Object.assign({}, window.dash_clientside);
window.dash_clientside.wijk = Object.assign({}, window.dash_clientside.wijk, {
    applyValues: function (d, figure) {
      var skip = window.dash_clientside.no_update;
      if (!d || !figure || !figure.data || !figure.data.length || !figure.layout || !figure.layout.meta ||
          figure.layout.meta.key !== d.key) {
        return [skip, d ? d.label : skip, d ? String(d.year) : skip];
      }
      var format = new Intl.NumberFormat(d.locale, {minimumFractionDigits: d.decimals,
                                                    maximumFractionDigits: d.decimals});
      // Per area: [the value with its unit, or why there is none; how the value came about].
      var shown = d.v.map(function (v, i) {
        if (v === null) { return [d.reasons[d.s[i]], ""]; }
        return [format.format(v) + " " + d.unit, d.notes[d.n[i]]];
      });
      var trace = Object.assign({}, figure.data[0], {z: d.z, customdata: shown, hovertemplate: d.hovertemplate,
                                                     colorscale: d.colorscale, zmin: -1, zmax: d.zmax});
      var layout = Object.assign({}, figure.layout);
      if (layout.meta && layout.meta.bounds && !layout.meta.fitted) {
        layout.map = Object.assign({}, layout.map, fit(layout.meta.bounds, document.getElementById("map")));
        layout.meta = Object.assign({}, layout.meta, {fitted: true});
      }
      if (layout.annotations && layout.annotations.length) {
        layout.annotations = [Object.assign({}, layout.annotations[0], {text: d.attribution})];
      }
      return [Object.assign({}, figure, {data: [trace], layout: layout}), d.label, String(d.year)];
    }
});

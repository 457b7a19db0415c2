/* A slider step brings only compact values (see wijkdashboard/app/components/choropleth.py: wire); this writes them
   into the figure the browser already holds, so the geometry never travels twice. */
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
      if (layout.annotations && layout.annotations.length) {
        layout.annotations = [Object.assign({}, layout.annotations[0], {text: d.attribution})];
      }
      return [Object.assign({}, figure, {data: [trace], layout: layout}), d.label, String(d.year)];
    }
});

/* Kaart in the browser: the server sends a view whole (wijkdashboard/app/pages/kaart/view.py: payload) —
   per data year the map's compact values, its legend, title and what it says of years without figures —
   and a year step, ▶ and the table are shown from it here, without a request. Only a map the browser
   does not hold yet (boundaries of each year) is asked for, by its key. */
(function () {
  var lastShown = null;  // the year shown before: an arrow key steps from it to the next data year
  var waves = null;
  var maps = {};  // every map this page has drawn, by key: stepping back to a year of another map asks nothing

  function escapeHtml(text) {
    return String(text === null || text === undefined ? "" : text).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  /* Between data years: an arrow key (one year from the last shown) goes on to the next data year that
     way; a jump lands on the nearest data year (the later one at equal distance). */
  function snap(year, years) {
    if (lastShown !== null && Math.abs(year - lastShown) === 1) {
      var ahead = years.filter(function (y) { return year > lastShown ? y > lastShown : y < lastShown; });
      if (ahead.length) { return year > lastShown ? Math.min.apply(null, ahead) : Math.max.apply(null, ahead); }
      return lastShown;
    }
    return years.slice().sort(function (a, b) {
      return Math.abs(a - year) - Math.abs(b - year) || b - a;
    })[0];
  }

  function wavePanel(year) {
    if (!waves) {
      var el = document.querySelector("#react-entry-point #wave-panel") || document.getElementById("wave-panel");
      try { waves = JSON.parse(el.getAttribute("data-waves")); } catch (err) { waves = {panels: [""], years: {}}; }
    }
    var i = waves.years[String(year)];
    return waves.panels[i === undefined ? 0 : i];
  }

  /* The map's data as a table, as wijkdashboard/app/pages/kaart/table.py makes it for the first view. */
  function table(view, frame, year) {
    var texts = view.texts;
    if (view.grid) {
      return '<p class="grid-table-note">' + escapeHtml(texts.grid_note.replace("{n}",
        new Intl.NumberFormat(frame.locale).format(frame.v.length))) + "</p>";
    }
    var names = view.names[frame.key] || [];
    var rows = names.map(function (pair, i) {
      var n = frame.n[i], v = frame.v[i];
      var parts = n >= 0 ? frame.note_parts[n] : [frame.reasons[frame.s[i]], ""];
      return {name: pair[1], code: pair[0], value: v, status: parts[0], source: parts[1]};
    });
    var collator = new Intl.Collator(document.documentElement.lang || "nl", {sensitivity: "base"});
    rows.sort(function (a, b) { return collator.compare(String(a.name).toLowerCase(), String(b.name).toLowerCase()); });
    var caption = texts.caption.replace("{year}", String(year));
    var head = [["name", texts.name, "text"], ["code", texts.code, "text"], ["value", texts.value, "number"],
                ["status", texts.status, "text"], ["source", texts.source, "text"]].map(function (c) {
      return '<th scope="col"' + (c[2] === "number" ? ' class="num"' : "") + (c[0] === "name" ? ' aria-sort="ascending"' : "") +
        '><button class="sort" type="button" data-kind="' + c[2] + '">' + escapeHtml(c[1]) + "</button></th>";
    }).join("");
    var body = rows.map(function (r) {
      var shown = r.value === null ? texts.no_data : window.wijkMap.number(frame, r.value);
      return '<tr><th scope="row" data-column="name">' + escapeHtml(r.name) + '</th><td data-column="code">' +
        escapeHtml(r.code) + '</td><td class="num" data-column="value" data-value="' +
        (r.value === null ? "" : escapeHtml(r.value)) + '">' + escapeHtml(shown) + '</td><td data-column="status">' +
        escapeHtml(r.status) + '</td><td class="small" data-column="source">' + escapeHtml(r.source) + "</td></tr>";
    }).join("");
    return '<div class="table-scroll" tabindex="0" role="region" aria-label="' + escapeHtml(caption) + '">' +
      '<table class="table table-sm sortable map-table"><caption>' + escapeHtml(caption) +
      "</caption><thead><tr>" + head + "</tr></thead><tbody>" + body + "</tbody></table></div>";
  }

  /* The chosen area on the map, with its value: what a projector shows where the side panel is hidden. */
  function badge(view, frame, selected) {
    if (!selected || !frame) { return ""; }
    var i = -1, name = selected;
    if (view.grid) {
      var box = document.getElementById("map"), g = box && box.wijkGrid;
      if (!g && box && box.getAttribute("data-grid")) {
        try { g = JSON.parse(box.getAttribute("data-grid")); } catch (err) { g = null; }
      }
      if (!g) { return ""; }
      var m = /^E(\d{4})N(\d{4})$/.exec(selected);
      if (!m) { return ""; }
      for (var k = 0; k < g.c.length / 2; k++) {
        if (g.c[2 * k] === +m[1] - g.x0 && g.c[2 * k + 1] === g.top - (+m[2]) - g.step) { i = k; break; }
      }
    } else {
      (view.names[frame.key] || []).forEach(function (pair, k) { if (pair[0] === selected) { i = k; name = pair[1]; } });
    }
    if (i < 0) { return ""; }
    var v = frame.v[i];
    var shown = v === null ? frame.reasons[frame.s[i]] : window.wijkMap.format(frame, v);
    return "<strong>" + escapeHtml(name) + "</strong> " + escapeHtml(shown);
  }

  var functions = {
    /* A year of the view: the map painted, its title, legend, waves, table and the chosen area's value.
       The geometry comes with the view or, for a map the browser lacks, is asked for by its key. */
    showYear: function (view, year, shapes, tableOn, selected, heldKey) {
      var skip = window.dash_clientside.no_update;
      var none = [skip, skip, skip, skip, skip, skip, skip, skip, skip, skip];
      if (!view || !view.years) { return none; }
      var triggered = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
      var viewChanged = triggered.indexOf("view.data") >= 0;
      year = year === null || year === undefined || year === "" ? null : +year;
      if (lastShown === null) { lastShown = view.year; }  // the first view's year, drawn by the server
      var box = document.querySelector("#react-entry-point #map") || document.getElementById("map");
      if (!view.years.length || year === null) {
        if (viewChanged && box) { window.wijkMap.apply(box, null); }
        var out = none.slice();
        out[7] = view.marks; out[8] = ""; out[9] = "";
        return out;
      }
      var frame = view.frames[String(year)];
      if (!frame) {  // between data years (the slider runs on the calendar): to a data year, which calls
        // this again
        window.dash_clientside.set_props("year", {value: snap(year, view.years)});
        return none;
      }
      lastShown = year;
      if (!box) { return none; }
      window.wijkMap.wire(box);
      var held = box.getAttribute("data-key");
      if (held && !maps[held] && box.querySelector("svg")) {  // the map the page came with
        maps[held] = {key: held, svg: box.querySelector("svg").outerHTML, grid: box.wijkGrid || null};
      }
      [view.shapes, shapes].forEach(function (s) { if (s && s.key) { maps[s.key] = s; } });
      if (held !== frame.key && maps[frame.key]) { window.wijkMap.apply(box, maps[frame.key]); held = frame.key; }
      if (held !== frame.key) {  // this year is drawn on a map the browser does not hold: ask for it
        // (set_props, not an output: the answer comes back to this callback, which must not feed itself)
        window.dash_clientside.set_props("geometry-request", {data: frame.key});
        return none;
      }
      window.wijkMap.paint(box, frame);
      window.wijkMap.outline(box, selected);
      var readout = view.mode === "change" && view.first !== null ? view.first + " → " + year : String(year);
      return [held, frame.title, readout, frame.gap, frame.label, frame.legend, wavePanel(year),
              viewChanged ? view.marks : skip, tableOn ? table(view, frame, year) : "", badge(view, frame, selected)];
    },

    /* ▶: the next data year, from the last back to the first. */
    advance: function (n, view, year) {
      var years = (view && view.years) || [];
      if (!years.length) { return window.dash_clientside.no_update; }
      var later = years.filter(function (y) { return year === null || y > +year; });
      return later.length ? later[0] : years[0];
    },

    playPause: function (n, disabled) {
      var button = document.querySelector("#react-entry-point #play") || document.getElementById("play");
      var playing = !!disabled;  // the interval was off: it goes on
      return [!playing, button.getAttribute(playing ? "data-pause" : "data-play"), playing ? "true" : "false"];
    }
  };
  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.wijk = Object.assign({}, window.dash_clientside.wijk, functions);

  /* "Mijn buurt": the browser is asked for the location only now, on this press. Its answer (a position,
     or the reason there is none) goes to the server once, which finds the buurt in the layers it has
     (kaart/callbacks.py: my_area); without a location the name box gets the focus. */
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("#my-area");
    if (!button) { return; }
    var answer = function (data) { window.dash_clientside.set_props("my-position", {data: data}); };
    var byName = function (code) {
      answer({error: code});
      var box = document.getElementById("area");
      if (box) { box.focus(); }
    };
    if (!navigator.geolocation) { byName(0); return; }
    window.dash_clientside.set_props("area-message", {children: button.getAttribute("data-asking")});
    navigator.geolocation.getCurrentPosition(function (where) {
      answer({lon: where.coords.longitude, lat: where.coords.latitude});
    }, function (error) { byName(error.code); }, {enableHighAccuracy: false, timeout: 15000, maximumAge: 60000});
  });
})();

/* The page's state in the address bar, the language switch, presentation mode. */
(function () {
  /* Dash Pages' own Location syncs the address bar with its props once the page has rendered; a state
     written before that would be undone. So edits gather here and are written a moment after the last. */
  var draft = null, pending = null;

  function edit(change) {
    var path = window.location.pathname;
    if (!draft || draft.path !== path) { draft = {path: path, params: new URLSearchParams(window.location.search)}; }
    change(draft.params);
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      if (!draft || window.location.pathname !== draft.path) { draft = null; return; }  // another page meanwhile
      var query = draft.params.toString();
      window.history.replaceState(null, "", draft.path + (query ? "?" + query : ""));
      draft = null;
    }, 300);
  }

  var functions = {
    /* Each page's state written back as it changes: the link always opens what is on screen. */
    writeUrl: function () {
      var args = Array.prototype.slice.call(arguments);
      var keys = JSON.parse(args.pop());
      edit(function (p) {
        keys.forEach(function (key, i) {
          var v = args[i];
          if (v === null || v === undefined || v === false || v === "" || (Array.isArray(v) && !v.length)) {
            p.delete(key);
          } else { p.set(key, v === true ? "1" : Array.isArray(v) ? v.join(",") : String(v)); }
        });
        if (!p.get("lang")) { p.set("lang", document.documentElement.lang || "nl"); }
      });
      return window.dash_clientside.no_update;
    },
    /* The other language: the page is rendered again from the link, so nothing on it is lost. The
       change goes into the pending edit too, or that write would undo it a moment later. */
    switchLanguage: function (n, lang) {
      if (!n) { return window.dash_clientside.no_update; }
      var search;
      edit(function (p) { p.set("lang", lang === "en" ? "nl" : "en"); search = "?" + p.toString(); });
      return search;
    },
    /* Presentation mode on or off: the page is rendered again from the link, so nothing is lost. */
    presentation: function (n, present) {
      if (!n) { return window.dash_clientside.no_update; }
      var search;
      edit(function (p) {
        if (present) { p.delete("present"); } else { p.set("present", "1"); }
        search = "?" + p.toString();
      });
      return search;
    },
    /* The chosen area outlined on the map (a thick dark line, not a colour alone): the same arrays
       choropleth.outline writes into a new figure on the server. */
    highlight: function (selected, figure) {
      if (!figure || !figure.data || !figure.data.length || !figure.data[0].locations) {
        return window.dash_clientside.no_update;
      }
      var codes = figure.data[0].locations;
      var marker = Object.assign({}, figure.data[0].marker || {});
      marker.line = Object.assign({}, marker.line || {}, {
        width: codes.map(function (c) { return c === selected ? 4 : 0.7; }),
        color: codes.map(function (c) { return c === selected ? "#111111" : "#4d4d4d"; })
      });
      var trace = Object.assign({}, figure.data[0], {marker: marker});
      return Object.assign({}, figure, {data: [trace].concat(figure.data.slice(1))});
    },
    /* On a phone the controls fold away behind a Filters button (CSS shows them always on wider screens). */
    toggleFilters: function (n) {
      var panel = document.getElementById("filters");
      var open = panel ? panel.classList.toggle("open") : false;
      return open ? "true" : "false";
    },
    /* On every page: the document's language, and which navigation link is the current page. */
    documentLanguage: function (lang) {
      document.documentElement.lang = lang || "nl";
      window.setTimeout(function () {
        document.querySelectorAll(".nav-list a").forEach(function (a) {
          if (new URL(a.href).pathname === window.location.pathname) { a.setAttribute("aria-current", "page"); }
          else { a.removeAttribute("aria-current"); }
        });
      }, 0);
      return window.dash_clientside.no_update;
    }
  };
  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.wijk = Object.assign({}, window.dash_clientside.wijk, functions);

  /* A table's header buttons sort its rows, in the browser: numbers by value (missing last), text in
     the page's language; aria-sort says which column and which way. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("table.sortable th button.sort");
    if (!button) { return; }
    var th = button.closest("th"), table = th.closest("table"), tbody = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var numeric = button.getAttribute("data-kind") === "number";
    var collator = new Intl.Collator(document.documentElement.lang || "nl", {numeric: true, sensitivity: "base"});
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index], y = b.cells[index];
      if (numeric) {
        var u = x.getAttribute("data-value"), v = y.getAttribute("data-value");
        if (u === "" || u === null) { return 1; }
        if (v === "" || v === null) { return -1; }
        return (ascending ? 1 : -1) * (parseFloat(u) - parseFloat(v));
      }
      return (ascending ? 1 : -1) * collator.compare(x.textContent, y.textContent);
    });
    rows.forEach(function (row) { tbody.appendChild(row); });
    th.parentNode.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  });

  /* What Dash's components leave out, added as they appear: the slider thumb's name and value text
     (from its wrapper's data-label and data-valuetext), and the dropdowns' hidden focus helper kept
     out of the tab order (it is aria-hidden; a keyboard user would land on nothing). */
  function patch(root) {
    root.querySelectorAll(".dash-dropdown-focus-target[aria-hidden=true]:not([tabindex='-1'])").forEach(function (el) {
      el.setAttribute("tabindex", "-1");
    });
    root.querySelectorAll("[data-label] [role=slider]").forEach(function (thumb) {
      var wrap = thumb.closest("[data-label]");
      var label = wrap.getAttribute("data-label");
      if (thumb.getAttribute("aria-label") !== label) { thumb.setAttribute("aria-label", label); }
      var texts = JSON.parse(wrap.getAttribute("data-valuetext") || "{}");
      var now = thumb.getAttribute("aria-valuenow");
      var text = texts[now] ? now + " — " + texts[now] : now;
      if (now && thumb.getAttribute("aria-valuetext") !== text) { thumb.setAttribute("aria-valuetext", text); }
    });
  }
  var queued = false;  // one pass per frame, however many mutations a render makes
  new MutationObserver(function () {
    if (queued) { return; }
    queued = true;
    window.requestAnimationFrame(function () { queued = false; patch(document); });
  }).observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow", "aria-hidden"]});
})();

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

  window.wijkAddress = edit;  // for the story's steps (assets/story.js)

  /* The live page has rendered: the first HTML (prerender.py) that stood in for it goes, and the
     address bar gets the page's whole state (data-query: what the server drew). */
  function reveal() {
    var first = document.getElementById("prerender");
    if (first) { first.parentNode.removeChild(first); }
    var page = document.querySelector("#react-entry-point .page[data-query]");
    if (page && page.getAttribute("data-query") !== page.wijkQuery) {
      page.wijkQuery = page.getAttribute("data-query");
      edit(function (p) {
        Array.from(p.keys()).forEach(function (key) { p.delete(key); });
        new URLSearchParams(page.wijkQuery).forEach(function (v, key) { p.set(key, v); });
      });
    }
  }
  window.setTimeout(reveal, 20000);  // whatever happens, never leave the reader on the inert copy

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
    /* A chart saved as the SVG it is drawn as (Vergelijk, Segregatie): vectors for a report or a slide.
       The button sits beside its chart, in the same column. */
    saveSvg: function (n, buttonId) {
      var button = document.getElementById(buttonId);
      var svg = button && button.parentNode.querySelector("svg.time-chart, svg.index-chart");
      if (!n || !svg) { return window.dash_clientside.no_update; }
      var text = new XMLSerializer().serializeToString(svg);
      if (text.indexOf("xmlns=") < 0) { text = text.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"'); }
      text = text.replace("<svg", '<svg font-family="Arial, Helvetica, sans-serif"');
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text], {type: "image/svg+xml"}));
      link.download = "wijkdashboard_" + (button.getAttribute("data-area") || "grafiek") + ".svg";
      document.body.appendChild(link);
      link.click();
      link.remove();
      return window.dash_clientside.no_update;
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
    /* On a phone the controls fold away behind a Filters button (CSS shows them always on wider screens). */
    toggleFilters: function (n) {
      var panel = document.getElementById("filters");
      var open = panel ? panel.classList.toggle("open") : false;
      return open ? "true" : "false";
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

  /* What Dash's components leave out, added as they appear: the year's value text (from its wrapper's
     data-valuetext; a year set by a callback fires no input event, but its readout changes with it),
     and the dropdowns' hidden focus helper kept out of the tab order (it is aria-hidden; a keyboard
     user would land on nothing). */
  function patch(root) {
    /* The live page's language (its frame says which; the navigation marks the current page itself,
       shell.header), and, once per page drawn, the first HTML's copy gone and the address written. */
    var page = document.querySelector("#react-entry-point .page");
    if (page) {
      if (page.lang && document.documentElement.lang !== page.lang) { document.documentElement.lang = page.lang; }
      if (!page.wijkShown) {
        page.wijkShown = true;
        // In a task of its own: the copy's removal and the live page's first paint are work enough.
        window.setTimeout(reveal, 0);
      }
    }
    /* Blocks of static content arrive as one HTML string (wijkdashboard/app/components/markup.py). */
    root.querySelectorAll("[data-markup]").forEach(function (el) {
      var markup = el.getAttribute("data-markup");
      if (el.wijkMarkup !== markup) { el.innerHTML = markup; el.wijkMarkup = markup; }
    });
    root.querySelectorAll(".dash-dropdown-focus-target[aria-hidden=true]:not([tabindex='-1'])").forEach(function (el) {
      el.setAttribute("tabindex", "-1");
    });
    root.querySelectorAll("[data-label] input[type=range]").forEach(yearText);
    keepEmbedded(root);
    tellHeight();
  }
  /* The year's value text: the year and the policy waves of that year (the wrapper's data-valuetext). */
  function yearText(input) {
    var wrap = input.closest("[data-label]");
    var texts = JSON.parse(wrap.getAttribute("data-valuetext") || "{}");
    var now = input.value;
    var text = texts[now] ? now + " — " + texts[now] : now;
    if (input.getAttribute("aria-valuetext") !== text) { input.setAttribute("aria-valuetext", text); }
    // Its name also where the visible label is hidden (presentation mode).
    var name = wrap.getAttribute("data-label");
    if (input.getAttribute("aria-label") !== name) { input.setAttribute("aria-label", name); }
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-label] input[type=range]")) { yearText(event.target); }
  });
  /* Embedded in a municipality's site (embed=1): the page tells its host its height as it loads and
     whenever it changes (the README has the host's few lines), and a link to another page of ours keeps
     embed=1, so every view opens inside the frame. */
  var sentHeight = 0;
  function embedded() { return !!document.querySelector(".page.embedded"); }
  function tellHeight() {
    if (window.parent === window || !embedded()) { return; }
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== sentHeight) {
      sentHeight = height;
      // Only a height, nothing about the visitor: any host may read it.
      window.parent.postMessage({type: "wijkdashboard:height", height: height, href: window.location.href}, "*");
    }
  }
  if (window.ResizeObserver) { new ResizeObserver(tellHeight).observe(document.documentElement); }
  window.addEventListener("load", tellHeight);
  function keepEmbedded(root) {
    if (!embedded()) { return; }
    root.querySelectorAll("a[href^='/']:not([href*='embed=1'])").forEach(function (link) {
      var url = new URL(link.getAttribute("href"), window.location.origin);
      url.searchParams.set("embed", "1");
      link.setAttribute("href", url.pathname + url.search + url.hash);
    });
  }

  var queued = false;  // one pass per frame, however many mutations a render makes
  new MutationObserver(function () {
    if (queued) { return; }
    queued = true;
    window.requestAnimationFrame(function () { queued = false; patch(document); });
  }).observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, attributeFilter: ["aria-hidden", "data-markup"]});
})();

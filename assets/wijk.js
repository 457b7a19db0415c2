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
          if (v === null || v === undefined || v === false || v === "") { p.delete(key); }
          else { p.set(key, v === true ? "1" : String(v)); }
        });
        if (!p.get("lang")) { p.set("lang", document.documentElement.lang || "nl"); }
      });
      return window.dash_clientside.no_update;
    },
    /* The other language: the page is rendered again from the link, so nothing on it is lost. */
    switchLanguage: function (n, lang) {
      if (!n) { return window.dash_clientside.no_update; }
      var p = new URLSearchParams(window.location.search);
      if (draft && draft.path === window.location.pathname) { p = draft.params; }
      p.set("lang", lang === "en" ? "nl" : "en");
      return "?" + p.toString();
    },
    presentation: function (n, lang) {
      var page = document.querySelector(".page");
      var on = page ? page.classList.toggle("presentation") : false;
      edit(function (p) { if (on) { p.set("present", "1"); } else { p.delete("present"); } });
      window.dispatchEvent(new Event("resize"));
      var label = on ? (lang === "en" ? "Leave presentation" : "Presentatie sluiten")
                     : (lang === "en" ? "Presentation mode" : "Presentatiemodus");
      return [label, on ? "true" : "false"];
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
})();

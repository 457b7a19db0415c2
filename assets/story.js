/* Verhaal: a story's steps, shown one at a time (every step is in the page: no request, no reload).
   → space PageDown: next; ← PageUp: back (what presenter clickers send); Home/End: first/last. The
   address keeps the step (a link opens it), "3 / 8" and the bar follow, a live region says the step.
   A window with notes=1 is the presenter's: it and the projected window follow each other's steps
   (BroadcastChannel, same browser, nothing leaves it). ▶ in a step plays the years of its map. */
(function () {
  var channel = ("BroadcastChannel" in window) ? new BroadcastChannel("wijkdashboard-story") : null;

  function live() {
    // The live page's story (the first HTML's inert copy, while it lasts, is not it).
    var all = document.querySelectorAll("#react-entry-point .story");
    return all.length ? all[all.length - 1] : null;
  }

  function show(story, n, quiet) {
    var count = parseInt(story.getAttribute("data-count"), 10);
    n = Math.max(1, Math.min(count, n));
    var before = parseInt(story.getAttribute("data-step"), 10);
    story.setAttribute("data-step", String(n));
    story.querySelectorAll(".story-step").forEach(function (step) {
      var current = parseInt(step.getAttribute("data-step"), 10) === n;
      step.classList.toggle("current", current);
      if (!current) { stop(step); }
    });
    var bar = story.querySelector(".story-bar");
    bar.querySelector(".story-count").textContent = n + " / " + count;
    bar.querySelector(".story-prev").disabled = n === 1;
    bar.querySelector(".story-next").disabled = n === count;
    var progress = bar.querySelector(".story-progress");
    var said = story.getAttribute("data-announce").replace("{n}", n).replace("{count}", count);
    progress.setAttribute("aria-valuenow", String(n));
    progress.setAttribute("aria-valuetext", said);
    progress.querySelector("span").style.width = Math.round(100 * n / count) + "%";
    if (n !== before) {
      var title = story.querySelector("#stap-" + n + "-title");
      story.querySelector(".story-live").textContent = said + ": " + (title ? title.textContent : "");
      if (window.wijkAddress) { window.wijkAddress(function (p) { p.set("step", String(n)); }); }
      if (channel && !quiet) { channel.postMessage({story: story.getAttribute("data-story"), step: n}); }
    }
  }

  function step(story, delta) { show(story, parseInt(story.getAttribute("data-step"), 10) + delta); }

  /* ▶: the years of a step's map, one a second and a half; the year buttons pick one. */
  function year(map, y) {
    var plays = JSON.parse(map.getAttribute("data-plays"));
    var frame = plays[y];
    if (!frame) { return; }
    var missing = map.getAttribute("data-missing");
    map.querySelectorAll("path[data-i]").forEach(function (path) {
      var z = frame.z[parseInt(path.getAttribute("data-i"), 10)];
      path.setAttribute("fill", z === null || z < 0 ? missing : frame.colours[z]);
    });
    map.querySelector(".story-legend").innerHTML = frame.legend;
    map.querySelector(".story-map-title").textContent = frame.label;
    var svg = map.querySelector("svg");
    if (svg) { svg.setAttribute("aria-label", frame.label); }
    map.querySelectorAll(".story-year").forEach(function (b) {
      var on = b.getAttribute("data-year") === String(y);
      b.classList.toggle("active", on);
      b.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  function stop(root) {
    root.querySelectorAll(".story-map").forEach(function (map) {
      if (map.wijkTimer) { window.clearInterval(map.wijkTimer); map.wijkTimer = null; }
      var button = map.querySelector(".story-play");
      if (button && button.wijkLabel) { button.innerHTML = button.wijkLabel; button.setAttribute("aria-pressed", "false"); }
    });
  }
  function play(map, button) {
    if (map.wijkTimer) { stop(map); return; }
    var years = Array.prototype.map.call(map.querySelectorAll(".story-year"), function (b) { return b.getAttribute("data-year"); });
    var i = 0;
    button.wijkLabel = button.innerHTML;
    button.innerHTML = '<span aria-hidden="true">❚❚ </span>' + button.getAttribute("data-pause");
    button.setAttribute("aria-pressed", "true");
    year(map, years[0]);
    map.wijkTimer = window.setInterval(function () {
      i += 1;
      if (i >= years.length) { stop(map); return; }
      year(map, years[i]);
    }, 1500);
  }

  document.addEventListener("click", function (event) {
    var story = live();
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!story || !target || !story.contains(target) && !target.closest(".story")) { return; }
    if (target.classList.contains("story-next")) { step(story, 1); }
    else if (target.classList.contains("story-prev")) { step(story, -1); }
    else if (target.classList.contains("story-play")) { play(target.closest(".story-map"), target); }
    else if (target.classList.contains("story-year")) { stop(target.closest(".story-map")); year(target.closest(".story-map"), target.getAttribute("data-year")); }
    else if (target.classList.contains("story-fullscreen")) {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (document.documentElement.requestFullscreen) { document.documentElement.requestFullscreen(); }
    } else if (target.classList.contains("story-presenter")) {
      // The presenter's window: the same story and step with the notes; this one follows it.
      var url = new URL(window.location.href);
      url.searchParams.set("notes", "1");
      url.searchParams.set("step", story.getAttribute("data-step"));
      window.open(url.toString(), "wijkdashboard-presenter");
    }
  });

  var NEXT = {ArrowRight: 1, PageDown: 1, " ": 1, Spacebar: 1}, BACK = {ArrowLeft: 1, PageUp: 1};
  document.addEventListener("keydown", function (event) {
    var story = live();
    if (!story || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var el = event.target;
    // Keys in a form field or on a button (space presses it) are theirs.
    if (el && el.closest && el.closest("input, select, textarea, [contenteditable], .Select, .dash-dropdown")) { return; }
    if ((event.key === " " || event.key === "Spacebar") && el && el.closest && el.closest("button, a")) { return; }
    var handled = true;
    if (NEXT[event.key]) { step(story, 1); }
    else if (BACK[event.key]) { step(story, -1); }
    else if (event.key === "Home") { show(story, 1); }
    else if (event.key === "End") { show(story, parseInt(story.getAttribute("data-count"), 10)); }
    else { handled = false; }
    if (handled) { event.preventDefault(); }
  });

  if (channel) {
    channel.onmessage = function (event) {
      var story = live();
      if (story && event.data && event.data.story === story.getAttribute("data-story")) { show(story, event.data.step, true); }
    };
  }
})();

/* The map: SVG markup from the server (wijkdashboard/app/components/choropleth.py: svg), in the page as
   it arrives and written into #map again for a new geometry; a slider step brings only compact values
   (choropleth.wire), written here into the paths the browser already holds: their fills and what the
   hover says. A click chooses an area, wheel or pinch zooms, a drag pans, a double click shows the
   whole city again. */
(function () {
  var MISSING = "#d9d9d9";

  function number(d, v) {
    return new Intl.NumberFormat(d.locale, {minimumFractionDigits: d.decimals, maximumFractionDigits: d.decimals,
                                            signDisplay: d.signed ? "exceptZero" : "auto"}).format(v);
  }

  function format(d, v) {
    return number(d, v) + " " + d.unit;
  }

  /* One year's values into the paths: fill, value (or why there is none), how it came about. */
  function paint(box, d) {
    var svg = box.querySelector("svg");
    if (svg) { svg.setAttribute("data-heading", d.heading); svg.setAttribute("aria-label", d.label); }
    if (d.cells !== undefined) {  // a grid map: its class paths, and its squares' values for the hover
      var group = svg && svg.querySelector("g.cells");
      if (group && group.wijkCells !== d.cells) { group.innerHTML = d.cells; group.wijkCells = d.cells; }
      box.wijkValues = d;
      return;
    }
    box.querySelectorAll("path[data-i]").forEach(function (path) {
      var i = +path.getAttribute("data-i"), z = d.z[i], v = d.v[i];
      path.setAttribute("fill", z < 0 ? MISSING : d.colours[z]);
      path.setAttribute("data-shown", v === null ? d.reasons[d.s[i]] : format(d, v));
      path.setAttribute("data-note", v === null || d.n[i] < 0 ? "" : d.notes[d.n[i]]);
    });
  }

  /* A grid map (CBS's squares, one path per class): which square is under a point, from the squares'
     places the page holds (grid_map.hover_data), not from thousands of elements. */
  function gridData(box) {
    if (!box.wijkGrid && box.getAttribute("data-grid")) {
      try { box.wijkGrid = JSON.parse(box.getAttribute("data-grid")); } catch (err) { box.wijkGrid = null; }
    }
    var g = box.wijkGrid;
    if (g && !g.index) {
      g.index = {};
      for (var k = 0; k < g.c.length / 2; k++) { g.index[g.c[2 * k] + "," + g.c[2 * k + 1]] = k; }
    }
    return g;
  }

  function cellId(g, k) {
    function pad(n) { return ("0000" + n).slice(-4); }
    return "E" + pad(g.x0 + g.c[2 * k]) + "N" + pad(g.top - g.c[2 * k + 1] - g.step);
  }

  function cellAt(box, svg, clientX, clientY) {
    var g = gridData(box);
    if (!g) { return -1; }
    var p = toSvg(svg, clientX, clientY);
    var k = g.index[Math.floor(p.x / g.step) * g.step + "," + Math.floor(p.y / g.step) * g.step];
    return k === undefined ? -1 : k;
  }

  function gridTip(box, k) {
    var g = gridData(box), d = box.wijkValues || g, svg = box.querySelector("svg");
    var v = d.v[k], shown = v === null ? d.reasons[d.s[k]] : format(d, v);
    var lines = [d.cell + " " + cellId(g, k) + (g.b[k] >= 0 ? " · " + d.in + " " + g.bn[g.b[k]] : ""),
                 (svg ? svg.getAttribute("data-heading") : "") + ": " + shown];
    if (v !== null) { lines.push(d.note); }
    return lines;
  }

  function outlineCell(box, selected) {
    var svg = box.querySelector("svg.grid-svg"), g = svg && gridData(box);
    var rect = svg && svg.querySelector("rect.chosen-cell");
    if (!svg) { return; }
    var m = /^E(\d{4})N(\d{4})$/.exec(selected || "");
    if (!m || !g) { if (rect) { rect.parentNode.removeChild(rect); } return; }
    if (!rect) {
      rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      rect.setAttribute("class", "chosen-cell");
      svg.appendChild(rect);
    }
    rect.setAttribute("x", +m[1] - g.x0);
    rect.setAttribute("y", g.top - (+m[2]) - g.step);
    rect.setAttribute("width", g.step);
    rect.setAttribute("height", g.step);
  }

  function outline(box, selected) {
    if (box.querySelector("svg.grid-svg")) { outlineCell(box, selected); return; }
    box.querySelectorAll("path.chosen").forEach(function (path) { path.classList.remove("chosen"); });
    if (!selected) { return; }
    var path = box.querySelector('path[data-code="' + selected.replace(/"/g, "") + '"]');
    if (path) {
      path.classList.add("chosen");
      path.parentNode.appendChild(path);  // drawn last: its line on top of its neighbours'
    }
  }

  /* The hover's text for one area: name and code, indicator and year with the value and its unit (or
     why there is none), how the value came about. */
  function tipText(path) {
    var svg = path.closest("svg");
    var lines = [path.getAttribute("data-name") + " · " + path.getAttribute("data-code"),
                 (svg ? svg.getAttribute("data-heading") : "") + ": " + path.getAttribute("data-shown")];
    if (path.getAttribute("data-note")) { lines.push(path.getAttribute("data-note")); }
    return lines;
  }

  function showTip(region, path, x, y, lines) {
    var tip = region.querySelector(".map-tip");
    if (!tip) { return; }
    lines = lines || tipText(path);
    tip.textContent = "";
    lines.forEach(function (line, k) {
      var el = document.createElement(k === 1 ? "strong" : "span");
      el.textContent = line;
      tip.appendChild(el);
    });
    tip.hidden = false;
    var box = region.getBoundingClientRect();
    var left = Math.min(x - box.left + 14, box.width - tip.offsetWidth - 4);
    var top = y - box.top + 14;
    if (top + tip.offsetHeight > box.height) { top = Math.max(0, y - box.top - tip.offsetHeight - 10); }
    tip.style.left = Math.max(0, left) + "px";
    tip.style.top = top + "px";
  }

  function hideTip(region) {
    var tip = region && region.querySelector(".map-tip");
    if (tip) { tip.hidden = true; }
  }

  /* Zoom and pan change the viewBox: the SVG stays sharp at any scale. */
  /* home: the frame the map opens on (the inhabited city); full: the whole municipality (data-full,
     where it differs), the limit of zooming out and panning. */
  function view(svg) {
    if (!svg.wijkHome) {
      svg.wijkHome = svg.getAttribute("viewBox").split(" ").map(Number);
      svg.wijkFull = (svg.getAttribute("data-full") || svg.getAttribute("viewBox")).split(" ").map(Number);
    }
    return svg.getAttribute("viewBox").split(" ").map(Number);
  }

  function setView(svg, v) {
    view(svg);
    var home = svg.wijkHome, full = svg.wijkFull, ratio = v[3] / v[2];
    var w = Math.min(Math.max(v[2], home[2] / 40), Math.max(full[2], full[3] / ratio)), h = w * ratio;
    var x = Math.min(Math.max(v[0], full[0] - w / 2), full[0] + full[2] - w / 2);
    var y = Math.min(Math.max(v[1], full[1] - h / 2), full[1] + full[3] - h / 2);
    svg.setAttribute("viewBox", [x, y, w, h].map(function (n) { return n.toFixed(2); }).join(" "));
  }

  /* The zoom buttons: +, −, the opening frame, the whole municipality; and the arrows that move the view. */
  function zoomTo(box, how) {
    var svg = box.querySelector("svg");
    if (!svg) { return; }
    var v = view(svg);
    if (how === "home" || how === "full") {
      svg.setAttribute("viewBox", (how === "home" ? svg.wijkHome : svg.wijkFull).join(" "));
      return;
    }
    var step = {left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1]}[how];
    if (step) {  // a third of the view per press (WCAG 2.5.7: moving without dragging)
      setView(svg, [v[0] + step[0] * v[2] / 3, v[1] + step[1] * v[3] / 3, v[2], v[3]]);
      return;
    }
    var factor = how === "in" ? 1 / 1.5 : 1.5, cx = v[0] + v[2] / 2, cy = v[1] + v[3] / 2;
    setView(svg, [cx - v[2] * factor / 2, cy - v[3] * factor / 2, v[2] * factor, v[3] * factor]);
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("[data-zoom]");
    var box = button && (document.querySelector("#react-entry-point #map") || document.getElementById("map"));
    if (box) { zoomTo(box, button.getAttribute("data-zoom")); }
  });

  function toSvg(svg, clientX, clientY) {
    var point = svg.createSVGPoint();
    point.x = clientX; point.y = clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }

  function zoom(svg, factor, clientX, clientY) {
    var v = view(svg), p = toSvg(svg, clientX, clientY);
    setView(svg, [p.x - (p.x - v[0]) * factor, p.y - (p.y - v[1]) * factor, v[2] * factor, v[3] * factor]);
  }

  function wire(box) {
    if (box.wijkWired) { return; }
    box.wijkWired = true;
    var region = box.closest(".map-region");
    var drag = null, pointers = {};

    box.addEventListener("pointermove", function (e) {
      var svg = box.querySelector("svg");
      if (!svg) { return; }
      if (pointers[e.pointerId]) { pointers[e.pointerId] = {x: e.clientX, y: e.clientY}; }
      var ids = Object.keys(pointers);
      if (ids.length === 2 && drag && drag.pinch) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var dist = Math.hypot(a.x - b.x, a.y - b.y);
        zoom(svg, drag.pinch / dist, (a.x + b.x) / 2, (a.y + b.y) / 2);
        drag.pinch = dist;
        drag.moved = true;
        return;
      }
      if (drag && !drag.pinch) {
        var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
        if (drag.moved || Math.abs(dx) + Math.abs(dy) > 4) {
          drag.moved = true;
          var v = view(svg), scale = v[2] / svg.getBoundingClientRect().width;
          setView(svg, [drag.view[0] - dx * scale, drag.view[1] - dy * scale, v[2], v[3]]);
          hideTip(region);
          return;
        }
      }
      if (svg.classList.contains("grid-svg")) {
        var k = e.pointerType === "mouse" ? cellAt(box, svg, e.clientX, e.clientY) : -1;
        if (k >= 0) { showTip(region, null, e.clientX, e.clientY, gridTip(box, k)); }
        else if (e.pointerType === "mouse") { hideTip(region); }
        return;
      }
      var path = e.target.closest && e.target.closest("path[data-code]");
      if (path && e.pointerType === "mouse") { showTip(region, path, e.clientX, e.clientY); }
      else if (e.pointerType === "mouse") { hideTip(region); }
    });
    box.addEventListener("pointerdown", function (e) {
      var svg = box.querySelector("svg");
      if (!svg) { return; }
      pointers[e.pointerId] = {x: e.clientX, y: e.clientY};
      var ids = Object.keys(pointers);
      if (ids.length === 2) {
        var a = pointers[ids[0]], b = pointers[ids[1]];
        drag = {pinch: Math.hypot(a.x - b.x, a.y - b.y), moved: true};
      } else {
        drag = {x: e.clientX, y: e.clientY, view: view(svg), moved: false};
      }
    });
    function release(e) {
      delete pointers[e.pointerId];
      if (!Object.keys(pointers).length) { window.setTimeout(function () { drag = null; }, 0); }
    }
    box.addEventListener("pointerup", release);
    box.addEventListener("pointercancel", release);
    box.addEventListener("pointerleave", function (e) { release(e); hideTip(region); });
    box.addEventListener("click", function (e) {
      if (drag && drag.moved) { return; }
      var grid = box.querySelector("svg.grid-svg");
      if (grid) {
        var k = cellAt(box, grid, e.clientX, e.clientY);
        if (k < 0) { return; }
        showTip(region, null, e.clientX, e.clientY, gridTip(box, k));
        window.dash_clientside.set_props("selected-area", {data: cellId(gridData(box), k)});
        return;
      }
      var path = e.target.closest && e.target.closest("path[data-code]");
      if (!path) { return; }
      showTip(region, path, e.clientX, e.clientY);
      window.dash_clientside.set_props("selected-area", {data: path.getAttribute("data-code")});
    });
    box.addEventListener("dblclick", function () {
      var svg = box.querySelector("svg");
      if (svg) { view(svg); svg.setAttribute("viewBox", svg.wijkHome.join(" ")); }
    });
    box.addEventListener("wheel", function (e) {
      var svg = box.querySelector("svg");
      if (!svg) { return; }
      e.preventDefault();
      zoom(svg, Math.exp(e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)), e.clientX, e.clientY);
    }, {passive: false});
  }

  /* The map is in the page before any callback has run: its handlers are attached as a pointer first
     comes over it (before any move, press or wheel there). */
  document.addEventListener("pointerover", function (e) {
    var box = e.target.closest && e.target.closest("#map");
    if (box) { wire(box); }
  }, {passive: true});

  /* A new geometry ({key, svg} and, for squares, their places) into the map box. */
  function apply(box, shapes) {
    wire(box);
    if (!shapes || !shapes.svg) {  // a view without figures: no map
      box.innerHTML = "";
      box.removeAttribute("data-key");
      return;
    }
    box.innerHTML = shapes.svg;
    box.setAttribute("data-key", shapes.key);
    box.wijkGrid = shapes.grid || null;  // a grid map's squares' places, for its hover
    box.wijkValues = null;
    box.removeAttribute("data-grid");
  }

  /* What assets/kaart.js draws the map with. */
  window.wijkMap = {number: number, format: format, paint: paint, outline: outline, apply: apply, wire: wire};
})();

// /explore: the graph explorer over Cytoscape.js (vendored). Data from the page's JSON feeds (data- attributes
// of #explorer), its words too (data-t-*, rendered in the page's language), the palette from the legend.
// State lives in the URL (history.replaceState): focus (roots), x (expanded, in order), hide, pin (id@x,y),
// off-filters (fc classes, fp properties, fd documents), sel (selected), whole=1. Placement is deterministic
// (new nodes on rings around the node they were expanded from; nodes already placed never move), so a
// reload replays the expansions and puts every node back where it was.
(function () {
  "use strict";
  var root = document.getElementById("explorer");
  var container = document.getElementById("explore-graph");
  if (!root || !container || typeof window.cytoscape !== "function") { return; }
  var ds = root.dataset;
  var T = function (key) { return ds["t" + key.charAt(0).toUpperCase() + key.slice(1)] || key; };
  var fill = function (text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  };

  var palette = {};
  document.querySelectorAll("#explore-legend li").forEach(function (li) {
    palette[li.dataset.group] = { colour: li.dataset.colour, shape: li.dataset.shape };
  });
  function colourOf(group) { return (palette[group] || palette.other || {}).colour || "#999"; }
  function shapeOf(group) { return (palette[group] || palette.other || {}).shape || "ellipse"; }

  var NODE_FONT = 12, EDGE_FONT = 10;  // on-screen pixels aimed at, whatever the zoom (within bounds)
  var cy = window.cytoscape({
    container: container,
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "shape": "data(shape)", "background-color": "data(colour)",
        "width": 26, "height": 26, "border-width": 1, "border-color": "#333",
        "font-size": NODE_FONT, "min-zoomed-font-size": 8, "color": "#1d2430",
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": 160,
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
        "text-background-shape": "round-rectangle" } },
      { selector: "node.expanded", style: { "border-width": 3, "border-color": "#1d2430" } },
      { selector: "node.root", style: { "width": 34, "height": 34, "font-weight": "bold" } },
      { selector: "node.pinned", style: { "border-style": "double", "border-width": 4 } },
      { selector: "node:selected", style: { "overlay-color": "#0b5cad", "overlay-opacity": 0.25,
        "overlay-padding": 6 } },
      { selector: "edge", style: {
        "label": "data(label)", "font-size": EDGE_FONT, "min-zoomed-font-size": 9, "color": "#4a5363",
        "width": 1.2, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.8,
        "line-color": "#aab4c3", "target-arrow-color": "#aab4c3", "text-rotation": "autorotate",
        "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: "edge:selected", style: { "line-color": "#0b5cad", "target-arrow-color": "#0b5cad",
        "width": 2.5 } },
      // the whole graph: straight edges without labels (a selected edge still says its property), which
      // draw several times faster than labelled curves (bench/explorer_render.py)
      { selector: "edge.dense", style: { "curve-style": "straight", "label": "", "arrow-scale": 0.6 } },
      { selector: "edge.dense:selected", style: { "label": "data(label)" } },
      { selector: ".off", style: { "display": "none" } }
    ]
  });
  window.saxgraphExplorer = cy;

  // --- state -------------------------------------------------------------------------------------------
  var state = { focus: [], expanded: [], hidden: {}, pins: {}, off: { fc: {}, fp: {}, fd: {} },
                selected: null, whole: false };
  var documents = {};   // graph IRI -> {title, url, document_url, curation}
  var info = {};        // node IRI -> {total, shown} of its expansion
  var origin = {};      // node IRI -> the node it was expanded from (placement direction)
  var byShort = {};     // short id (cluster/x) -> IRI
  var restoring = false;

  function shortOf(iri) { var n = cy.getElementById(iri); return n.nonempty() ? n.data("short") : iri; }
  function iriOf(short) { return byShort[short] || short; }
  function propKey(iri) { return iri.replace(/^https:\/\/w3id\.org\/saxgraph\/ontology#/, "sg:"); }
  function docKey(iri) { return iri.replace(/^https:\/\/w3id\.org\/saxgraph\/graph\//, ""); }
  function classKey(iri) { return (iri || "").replace(/^https:\/\/w3id\.org\/saxgraph\/ontology#/, ""); }

  function writeUrl() {
    if (restoring) { return; }
    var params = new URLSearchParams();
    var lang = new URLSearchParams(window.location.search).get("lang");
    if (lang) { params.set("lang", lang); }
    if (state.whole) { params.set("whole", "1"); }
    state.focus.forEach(function (id) { params.append("focus", shortOf(id)); });
    state.expanded.forEach(function (id) { params.append("x", shortOf(id)); });
    Object.keys(state.hidden).forEach(function (id) { params.append("hide", shortOf(id)); });
    Object.keys(state.pins).forEach(function (id) {
      var p = state.pins[id];
      params.append("pin", shortOf(id) + "@" + Math.round(p.x) + "," + Math.round(p.y));
    });
    ["fc", "fp", "fd"].forEach(function (k) {
      Object.keys(state.off[k]).forEach(function (v) { params.append(k, v); });
    });
    if (state.selected) { params.set("sel", shortOf(state.selected)); }
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function status(text) { document.getElementById("explore-status").textContent = text || ""; }

  function getJson(url) {
    return fetch(url, { headers: { "Accept": "application/json" } }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) { throw new Error(body.error || (response.status + " " + response.statusText)); }
        return body;
      });
    });
  }
  function feed(name, iri, extra) {
    return ds[name] + "?iri=" + encodeURIComponent(iri) + (extra || "");
  }

  // --- placement -----------------------------------------------------------------------------------------
  var SPACING = 95, FIRST_RING = 170, RING_STEP = 80, CLEARANCE = 48;

  function free(pos, placed) {
    var clash = false;
    cy.nodes().forEach(function (n) {
      if (clash) { return; }
      var p = n.position();
      if (Math.abs(p.x - pos.x) < CLEARANCE && Math.abs(p.y - pos.y) < CLEARANCE) { clash = true; }
    });
    for (var i = 0; !clash && i < placed.length; i++) {
      if (Math.abs(placed[i].x - pos.x) < CLEARANCE && Math.abs(placed[i].y - pos.y) < CLEARANCE) {
        clash = true;
      }
    }
    return !clash;
  }

  // A grid of the positions taken, for placing hundreds of nodes at once (the whole graph).
  function Occupancy() { this.cells = {}; }
  Occupancy.prototype.key = function (x, y) { return Math.floor(x / CLEARANCE) + ":" + Math.floor(y / CLEARANCE); };
  Occupancy.prototype.add = function (p) {
    var k = this.key(p.x, p.y);
    (this.cells[k] = this.cells[k] || []).push(p);
  };
  Occupancy.prototype.free = function (p) {
    var cx = Math.floor(p.x / CLEARANCE), cy0 = Math.floor(p.y / CLEARANCE);
    for (var i = -1; i <= 1; i++) {
      for (var j = -1; j <= 1; j++) {
        var cell = this.cells[(cx + i) + ":" + (cy0 + j)] || [];
        for (var k = 0; k < cell.length; k++) {
          if (Math.abs(cell[k].x - p.x) < CLEARANCE && Math.abs(cell[k].y - p.y) < CLEARANCE) { return false; }
        }
      }
    }
    return true;
  };

  // The whole graph placed the way expansions place nodes: from the best linked entity outwards, each
  // entity's unplaced neighbours on rings around it (deterministic: a reload puts everything back).
  function placeAll(nodes, edges) {
    var links = {}, degree = {};
    nodes.forEach(function (n) { links[n.id] = []; degree[n.id] = 0; });
    edges.forEach(function (e) {
      if (!links[e.source] || !links[e.target]) { return; }
      links[e.source].push(e.target); links[e.target].push(e.source);
      degree[e.source] += 1; degree[e.target] += 1;
    });
    var order = nodes.map(function (n) { return n.id; }).sort(function (a, b) {
      return degree[b] - degree[a] || (a < b ? -1 : 1);
    });
    var started = performance.now();
    var pos = {}, from = {}, taken = new Occupancy(), right = null;
    order.forEach(function (start) {
      if (pos[start]) { return; }
      pos[start] = right === null ? { x: 0, y: 0 } : { x: right + 2 * FIRST_RING, y: 0 };
      taken.add(pos[start]);
      var queue = [start];
      while (queue.length) {
        var u = queue.shift();
        var fresh = Array.from(new Set(links[u])).filter(function (v) { return !pos[v]; }).sort();
        if (!fresh.length) { continue; }
        var direction = 0, full = true;
        if (from[u]) { direction = Math.atan2(pos[u].y - pos[from[u]].y, pos[u].x - pos[from[u]].x); full = false; }
        var spots = ringPositions(pos[u], fresh.length, direction, full, function (p) { return taken.free(p); });
        fresh.forEach(function (v, i) {
          pos[v] = spots[i] || { x: pos[u].x, y: pos[u].y };
          from[v] = u;
          taken.add(pos[v]);
          queue.push(v);
        });
      }
      Object.keys(pos).forEach(function (k) { if (right === null || pos[k].x > right) { right = pos[k].x; } });
    });
    origin = from;
    root.dataset.placeMs = String(Math.round(performance.now() - started));
    return pos;
  }

  function ringPositions(centre, count, direction, fullCircle, isFree) {
    var sector = fullCircle ? 2 * Math.PI : (count <= 5 ? 0.8 * Math.PI : (count <= 12 ? 1.3 * Math.PI
      : 2 * Math.PI));
    if (sector >= 2 * Math.PI) { fullCircle = true; }
    var out = [];
    for (var ring = 0; out.length < count && ring < 60; ring++) {
      var r = FIRST_RING + ring * RING_STEP;
      var slots = Math.max(1, Math.floor(sector * r / SPACING));
      for (var j = 0; j < slots && out.length < count; j++) {
        var angle = fullCircle ? direction + 2 * Math.PI * (j + (ring % 2) * 0.5) / slots
          : direction - sector / 2 + sector * (j + 0.5) / slots;
        var pos = { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) };
        if (isFree ? isFree(pos) : free(pos, out)) { out.push(pos); }
      }
    }
    return out;
  }

  function rootPosition() {
    if (cy.nodes().empty()) { return { x: 0, y: 0 }; }
    var bb = cy.nodes().boundingBox();
    return { x: bb.x2 + 2 * FIRST_RING + 60, y: (bb.y1 + bb.y2) / 2 };
  }

  function nodeData(n) {
    byShort[n.short] = n.id;
    return { id: n.id, short: n.short, label: n.label, cls: n.class || "", classLabel: n.class_label,
             group: n.group, colour: colourOf(n.group), shape: shapeOf(n.group), url: n.url };
  }
  function edgeData(e) {
    return { id: e.id, source: e.source, target: e.target, property: e.property, label: e.property_label,
             graphs: e.graphs };
  }

  function addData(data, parent) {
    Object.keys(data.documents || {}).forEach(function (g) { documents[g] = data.documents[g]; });
    var fresh = data.nodes.filter(function (n) { return cy.getElementById(n.id).empty(); });
    var elements = [];
    var centre = null;
    if (parent) {
      var parentFresh = fresh.filter(function (n) { return n.id === parent; });
      var existing = cy.getElementById(parent);
      centre = existing.nonempty() ? existing.position() : rootPosition();
      if (parentFresh.length) {
        elements.push({ group: "nodes", data: nodeData(parentFresh[0]), position: centre,
                        classes: "root" });
      }
      fresh = fresh.filter(function (n) { return n.id !== parent; });
      var from = origin[parent] ? cy.getElementById(origin[parent]) : null;
      var direction = 0, full = true;
      if (from && from.nonempty()) {
        var f = from.position();
        direction = Math.atan2(centre.y - f.y, centre.x - f.x);
        full = false;
      }
      if (parentFresh.length) { cy.add(elements); elements = []; }
      var spots = ringPositions(centre, fresh.length, direction, full);
      fresh.forEach(function (n, i) {
        origin[n.id] = parent;
        elements.push({ group: "nodes", data: nodeData(n), position: spots[i] || centre });
      });
    } else {
      var placed = placeAll(fresh, data.edges);
      fresh.forEach(function (n) {
        elements.push({ group: "nodes", data: nodeData(n), position: placed[n.id], classes: "dense" });
      });
    }
    var dense = parent ? "" : "dense";
    data.edges.forEach(function (e) {
      if (cy.getElementById(e.id).empty()) { elements.push({ group: "edges", data: edgeData(e), classes: dense }); }
    });
    cy.add(elements);
  }

  // --- expanding -----------------------------------------------------------------------------------------
  function expand(iri, asRoot) {
    if (cy.getElementById(iri).hasClass("expanded")) { return Promise.resolve(); }
    root.setAttribute("aria-busy", "true");
    status(T("loading"));
    return getJson(feed("neighbours", iri, "&limit=" + (ds.limit || 100))).then(function (data) {
      iri = data.iri;
      addData(data, iri);
      var node = cy.getElementById(iri);
      node.addClass("expanded");
      if (asRoot) {
        node.addClass("root");
        if (state.focus.indexOf(iri) < 0) { state.focus.push(iri); }
      }
      if (state.expanded.indexOf(iri) < 0) { state.expanded.push(iri); }
      info[iri] = { total: data.total, shown: data.nodes.length - 1 };
      if (!restoring) { keepInView(node); }
      status(data.truncated ? fill(T("of"), { shown: data.nodes.length - 1, total: data.total }) : "");
      afterChange();
    }).catch(function (error) {
      status(T("error") + " " + error.message);
      root.dataset.error = String(error.message);
    }).finally(function () { root.setAttribute("aria-busy", "false"); });
  }

  // After an expansion the view moves only if what is on screen no longer fits in it: it then zooms out to
  // show all (nodes never move; the view does, once).
  var MIN_READABLE_ZOOM = 0.45;  // the zoom down to which every node label is drawn (see scaleFonts)
  function keepInView(node) {
    var visible = cy.elements(":visible");
    if (visible.empty()) { return; }
    var bb = visible.boundingBox(), ext = cy.extent();
    if (bb.x1 >= ext.x1 && bb.x2 <= ext.x2 && bb.y1 >= ext.y1 && bb.y2 <= ext.y2) { return; }
    cy.fit(visible, 30);
    if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(visible); }
    if (cy.zoom() < MIN_READABLE_ZOOM) { cy.zoom(MIN_READABLE_ZOOM); cy.center(node); }
    scaleFonts();
  }

  function afterChange() {
    rebuildFilters();
    applyFilters();
    root.dataset.nodes = String(cy.nodes(":visible").length);
    root.dataset.edges = String(cy.edges(":visible").length);
    root.dataset.expansions = String(state.expanded.length);
    writeUrl();
  }

  // --- filters, hidden and pinned nodes -----------------------------------------------------------------
  function counted(items) {
    var out = {};
    items.forEach(function (it) {
      if (!out[it.key]) { out[it.key] = { key: it.key, label: it.label, colour: it.colour, count: 0 }; }
      out[it.key].count += 1;
    });
    return Object.keys(out).map(function (k) { return out[k]; }).sort(function (a, b) {
      return a.label.localeCompare(b.label);
    });
  }

  function swatch(colour) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "10"); svg.setAttribute("height", "10"); svg.setAttribute("aria-hidden", "true");
    var rect = document.createElementNS(ns, "rect");
    rect.setAttribute("width", "10"); rect.setAttribute("height", "10"); rect.setAttribute("fill", colour);
    svg.appendChild(rect);
    return svg;
  }

  function fillList(id, kind, items) {
    var list = document.getElementById(id);
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = !state.off[kind][item.key];
      box.dataset.kind = kind;
      box.dataset.key = item.key;
      box.addEventListener("change", function () {
        if (box.checked) { delete state.off[kind][item.key]; } else { state.off[kind][item.key] = true; }
        applyFilters();
        root.dataset.nodes = String(cy.nodes(":visible").length);
        root.dataset.edges = String(cy.edges(":visible").length);
        writeUrl();
      });
      label.appendChild(box);
      label.appendChild(document.createTextNode(" "));
      if (item.colour) { label.appendChild(swatch(item.colour)); label.appendChild(document.createTextNode(" ")); }
      label.appendChild(document.createTextNode(item.label + " "));
      var count = document.createElement("span");
      count.className = "count";
      count.textContent = "(" + item.count + ")";
      label.appendChild(count);
      li.appendChild(label);
      list.appendChild(li);
    });
  }

  function rebuildFilters() {
    var nodes = cy.nodes().filter(function (n) { return !state.hidden[n.id()]; });
    fillList("filter-classes", "fc", counted(nodes.map(function (n) {
      return { key: classKey(n.data("cls")) || "-", label: n.data("classLabel") || "—", colour: n.data("colour") };
    })));
    fillList("filter-properties", "fp", counted(cy.edges().map(function (e) {
      return { key: propKey(e.data("property")), label: e.data("label") };
    })));
    var docs = [];
    cy.edges().forEach(function (e) {
      (e.data("graphs") || []).forEach(function (g) {
        var d = documents[g] || {};
        docs.push({ key: docKey(g), label: d.curation ? T("curator") : (d.title || docKey(g)) });
      });
    });
    fillList("filter-documents", "fd", counted(docs));
  }

  function applyFilters() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var off = !!state.hidden[n.id()] || !!state.off.fc[classKey(n.data("cls")) || "-"];
        if (n.hasClass("off") !== off) { n.toggleClass("off", off); }  // an unchanged class costs a restyle too
      });
      cy.edges().forEach(function (e) {
        var graphs = e.data("graphs") || [];
        var byDoc = graphs.length > 0 && graphs.every(function (g) { return state.off.fd[docKey(g)]; });
        var off = !!state.off.fp[propKey(e.data("property"))] || byDoc;
        if (e.hasClass("off") !== off) { e.toggleClass("off", off); }
      });
    });
    var unhide = document.getElementById("explore-unhide");
    var hiddenCount = Object.keys(state.hidden).length;
    unhide.hidden = hiddenCount === 0;
    unhide.textContent = T("showHidden") + " (" + hiddenCount + ")";
  }

  function hide(iri) {
    state.hidden[iri] = true;
    if (state.selected === iri) { state.selected = null; cy.getElementById(iri).unselect(); showNothing(); }
    afterChange();
  }

  function pin(iri, on) {
    var node = cy.getElementById(iri);
    if (on) { state.pins[iri] = { x: node.position().x, y: node.position().y }; node.addClass("pinned"); }
    else { delete state.pins[iri]; node.removeClass("pinned"); }
    writeUrl();
  }

  // --- the sidebar -------------------------------------------------------------------------------------
  var side = document.getElementById("explore-selected");
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  function link(href, text) { var a = el("a", text); a.href = href; return a; }
  function button(text, action) { var b = el("button", text); b.type = "button"; b.addEventListener("click", action); return b; }
  function showNothing() { side.textContent = ""; side.appendChild(el("p", cy.nodes().empty() ? T("nothing") : "", "muted")); }

  function actions(iri) {
    var node = cy.getElementById(iri);
    var bar = el("div", null, "actions");
    var ex = button(node.hasClass("expanded") ? T("expanded") : T("expand"), function () {
      expand(iri).then(function () { select(iri); });
    });
    ex.dataset.action = "expand";
    ex.disabled = node.hasClass("expanded");
    bar.appendChild(ex);
    var hideButton = button(T("hide"), function () { hide(iri); });
    hideButton.dataset.action = "hide";
    bar.appendChild(hideButton);
    var pinned = !!state.pins[iri];
    var pinButton = button(pinned ? T("unpin") : T("pin"), function () { pin(iri, !state.pins[iri]); select(iri); });
    pinButton.dataset.action = "pin";
    bar.appendChild(pinButton);
    if (node.data("url")) { bar.appendChild(link(node.data("url"), T("open"))); }
    return bar;
  }

  function sourcesList(graphs) {
    var list = el("ul", null, "sources");
    Object.keys(graphs).forEach(function (g) {
      var d = graphs[g];
      var li = el("li");
      li.appendChild(link(d.url, d.curation ? T("curator") : d.title));
      list.appendChild(li);
    });
    return list;
  }

  function select(iri) {
    state.selected = iri;
    writeUrl();
    var node = cy.getElementById(iri);
    side.textContent = "";
    side.appendChild(el("h2", node.data("label")));
    side.appendChild(actions(iri));
    if (info[iri] && info[iri].total > info[iri].shown) {
      side.appendChild(el("p", fill(T("of"), { shown: info[iri].shown, total: info[iri].total }), "muted"));
    }
    var holder = el("div", T("loading"), "muted");
    side.appendChild(holder);
    return getJson(feed("facts", iri)).then(function (data) {
      if (state.selected !== iri) { return; }
      holder.textContent = "";
      holder.className = "";
      var dl = el("dl");
      dl.appendChild(el("dt", T("types")));
      var types = el("dd");
      types.appendChild(swatch(colourOf(data.group)));
      types.appendChild(document.createTextNode(" " + data.types.map(function (t) { return t.label; }).join(", ")));
      dl.appendChild(types);
      data.properties.forEach(function (p) {
        dl.appendChild(el("dt", p.label));
        var dd = el("dd");
        p.values.forEach(function (v, i) {
          if (i) { dd.appendChild(document.createTextNode("; ")); }
          dd.appendChild(v.url ? link(v.url, v.label) : document.createTextNode(v.value !== undefined ? v.value : v.label));
        });
        if (p.more) { dd.appendChild(document.createTextNode(" (+" + p.more + " " + T("more") + ")")); }
        dl.appendChild(dd);
      });
      holder.appendChild(dl);
      holder.appendChild(el("h3", T("sources")));
      holder.appendChild(sourcesList(data.documents));
      side.dataset.selected = iri;
    }).catch(function (error) { holder.textContent = T("error") + " " + error.message; });
  }

  function selectEdge(edge) {
    side.textContent = "";
    var s = cy.getElementById(edge.data("source")), t = cy.getElementById(edge.data("target"));
    side.appendChild(el("h2", s.data("label") + " → " + t.data("label")));
    side.appendChild(el("p", edge.data("label")));
    var graphs = {};
    (edge.data("graphs") || []).forEach(function (g) { graphs[g] = documents[g] || { title: docKey(g), url: "#" }; });
    side.appendChild(el("h3", T("sources")));
    side.appendChild(sourcesList(graphs));
  }

  cy.on("tap", "node", function (event) { select(event.target.id()); });
  cy.on("tap", "edge", function (event) { selectEdge(event.target); });
  cy.on("dbltap", "node", function (event) {
    var iri = event.target.id();
    expand(iri).then(function () { select(iri); });
  });
  cy.on("dragfree", "node", function (event) { pin(event.target.id(), true); });

  // --- labels readable at every zoom: the font grows as the view zooms out, up to a bound; below that the
  // label is not drawn at all (min-zoomed-font-size) rather than drawn too small to read.
  var fontFrame = null, lastFont = null;
  function scaleFonts() {
    fontFrame = null;
    var z = cy.zoom();
    var node = Math.round(Math.min(26, Math.max(8, NODE_FONT / z)));
    var edge = Math.round(Math.min(12, Math.max(7, EDGE_FONT / z)));
    if (lastFont === node + "/" + edge) { return; }
    lastFont = node + "/" + edge;
    cy.style().selector("node").style({ "font-size": node, "text-max-width": node * 13 })
      .selector("edge").style("font-size", edge).update();
  }
  // restyling every element costs ~0.5 ms a node: a large graph is restyled once the zoom has settled
  var fontTimer = null;
  cy.on("zoom", function () {
    if (cy.nodes().length > 300) {
      window.clearTimeout(fontTimer);
      fontTimer = window.setTimeout(scaleFonts, 150);
    } else if (!fontFrame) { fontFrame = window.requestAnimationFrame(scaleFonts); }
  });

  // --- view controls -------------------------------------------------------------------------------------
  function zoomBy(factor) {
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    scaleFonts();
  }
  function defaultView() {
    var visible = cy.elements(":visible");
    if (visible.empty()) { return; }
    cy.fit(visible, 30);
    if (cy.zoom() > 1.2) { cy.zoom(1.2); cy.center(visible); }
    if (!state.whole && cy.zoom() < MIN_READABLE_ZOOM) {
      var anchor = cy.getElementById(state.focus[0] || "");
      cy.zoom(MIN_READABLE_ZOOM);
      cy.center(anchor.nonempty() && anchor.visible() ? anchor : visible);
    }
    scaleFonts();
  }

  function tidy() {
    var visible = cy.elements(":visible");
    var pinned = cy.nodes(".pinned");
    var started = performance.now();
    if (visible.nodes().length > 300) {
      // cose takes tens of seconds on the whole graph (bench/explorer_render.py): the rings again instead
      var placed = placeAll(visible.nodes().map(function (n) { return { id: n.id() }; }),
                            visible.edges().map(function (e) { return { source: e.data("source"), target: e.data("target") }; }));
      cy.batch(function () {
        visible.nodes().forEach(function (n) { if (!n.hasClass("pinned") && placed[n.id()]) { n.position(placed[n.id()]); } });
      });
    } else {
      pinned.lock();
      cy.layout({ name: "cose", eles: visible, animate: false, randomize: false, fit: false,
                  nodeRepulsion: 450000, idealEdgeLength: 120, numIter: 1000 }).run();
      pinned.unlock();
    }
    root.dataset.layoutMs = String(Math.round(performance.now() - started));
    defaultView();
  }

  // While the view moves, a large graph is drawn without its edges (Cytoscape's hideEdgesOnViewport, an
  // option of its renderer that can only be given at start, hence set on the renderer here).
  function denseViewport(on) {
    var renderer = cy.renderer && cy.renderer();
    if (renderer && "hideEdgesOnViewport" in renderer) { renderer.hideEdgesOnViewport = on; }
  }

  function clearAll() {
    denseViewport(false);
    cy.elements().remove();
    state = { focus: [], expanded: [], hidden: {}, pins: {}, off: { fc: {}, fp: {}, fd: {} }, selected: null,
              whole: false };
    info = {}; origin = {};
    showNothing();
    afterChange();
  }

  function loadWhole() {
    status(T("loading"));
    root.setAttribute("aria-busy", "true");
    var t0 = performance.now();
    return getJson(ds.whole).then(function (data) {
      var t1 = performance.now();
      cy.elements().remove();
      state.whole = true;
      addData(data, null);
      denseViewport(true);
      var t2 = performance.now();
      Object.keys(state.pins).forEach(function (id) {
        var n = cy.getElementById(id);
        if (n.nonempty()) { n.position(state.pins[id]); n.addClass("pinned"); }
      });
      afterChange();
      var t3 = performance.now();
      defaultView();
      var t4 = performance.now();
      root.dataset.filtersMs = String(Math.round(t3 - t2));
      root.dataset.viewMs = String(Math.round(t4 - t3));
      root.dataset.fetchMs = String(Math.round(t1 - t0));
      root.dataset.addMs = String(Math.round(t2 - t1));  // placement (placeMs) included
      // drawn: Cytoscape draws on the next animation frame; the one after it sees that frame done
      return new Promise(function (resolve) {
        window.requestAnimationFrame(function () {
          window.requestAnimationFrame(function () {
            root.dataset.renderMs = String(Math.round(performance.now() - t1));
            status(fill(T("whole"), { nodes: cy.nodes().length, edges: cy.edges().length,
                                      ms: root.dataset.renderMs }));
            resolve();
          });
        });
      });
    }).catch(function (error) { status(T("error") + " " + error.message); })
      .finally(function () { root.setAttribute("aria-busy", "false"); });
  }

  // --- export of what is on screen ------------------------------------------------------------------------
  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  function xml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }
  var CORNERS = { hexagon: [6, 0], diamond: [4, -Math.PI / 2], triangle: [3, -Math.PI / 2],
                  pentagon: [5, -Math.PI / 2], octagon: [8, Math.PI / 8] };
  function svgShape(shape, p, w, colour) {
    var r = w / 2, paint = ' fill="' + colour + '" stroke="#333" stroke-width="1"';
    if (CORNERS[shape]) {
      var n = CORNERS[shape][0], start = CORNERS[shape][1], pts = [];
      for (var i = 0; i < n; i++) {
        pts.push((p.x + r * Math.cos(start + 2 * Math.PI * i / n)).toFixed(1) + "," +
                 (p.y + r * Math.sin(start + 2 * Math.PI * i / n)).toFixed(1));
      }
      return '<polygon points="' + pts.join(" ") + '"' + paint + "/>";
    }
    if (shape === "ellipse") { return '<circle cx="' + p.x.toFixed(1) + '" cy="' + p.y.toFixed(1) + '" r="' + r + '"' + paint + "/>"; }
    return '<rect x="' + (p.x - r).toFixed(1) + '" y="' + (p.y - r).toFixed(1) + '" width="' + w + '" height="' + w +
      '" rx="' + (shape === "round-rectangle" ? 5 : 0) + '"' + paint + "/>";
  }
  function toSvg() {
    var nodes = cy.nodes(":visible"), edges = cy.edges(":visible");
    var bb = cy.elements(":visible").boundingBox({ includeLabels: true });
    var pad = 20, x = bb.x1 - pad, y = bb.y1 - pad, w = bb.w + 2 * pad, h = bb.h + 2 * pad;
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="' + [x, y, w, h].map(function (v) { return v.toFixed(0); }).join(" ") +
      '" width="' + w.toFixed(0) + '" height="' + h.toFixed(0) + '" font-family="sans-serif">',
      '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" ' +
      'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#aab4c3"/></marker></defs>',
      '<rect x="' + x.toFixed(0) + '" y="' + y.toFixed(0) + '" width="' + w.toFixed(0) + '" height="' + h.toFixed(0) + '" fill="#ffffff"/>',
      '<g class="edges">'];
    edges.forEach(function (e) {
      var s = e.source().position(), t = e.target().position();
      var dx = t.x - s.x, dy = t.y - s.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var r = e.target().width() / 2 + 2;
      var tx = t.x - dx / len * r, ty = t.y - dy / len * r;
      out.push('<line x1="' + s.x.toFixed(1) + '" y1="' + s.y.toFixed(1) + '" x2="' + tx.toFixed(1) + '" y2="' + ty.toFixed(1) +
        '" stroke="#aab4c3" stroke-width="1.2" marker-end="url(#arrow)"><title>' + xml(e.data("label")) + "</title></line>");
      out.push('<text x="' + ((s.x + t.x) / 2).toFixed(1) + '" y="' + ((s.y + t.y) / 2).toFixed(1) +
        '" font-size="9" fill="#4a5363" text-anchor="middle">' + xml(e.data("label")) + "</text>");
    });
    out.push('</g><g class="nodes">');
    nodes.forEach(function (n) {
      var p = n.position();
      out.push('<g><title>' + xml(n.id()) + "</title>" + svgShape(n.data("shape"), p, n.width(), n.data("colour")) +
        '<text x="' + p.x.toFixed(1) + '" y="' + (p.y + n.height() / 2 + 13).toFixed(1) +
        '" font-size="12" fill="#1d2430" text-anchor="middle">' + xml(n.data("label")) + "</text></g>");
    });
    out.push("</g></svg>");
    return out.join("\n");
  }
  function toGraphml() {
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
      '<key id="label" for="node" attr.name="label" attr.type="string"/>',
      '<key id="class" for="node" attr.name="class" attr.type="string"/>',
      '<key id="group" for="node" attr.name="group" attr.type="string"/>',
      '<key id="x" for="node" attr.name="x" attr.type="double"/>',
      '<key id="y" for="node" attr.name="y" attr.type="double"/>',
      '<key id="property" for="edge" attr.name="property" attr.type="string"/>',
      '<key id="plabel" for="edge" attr.name="label" attr.type="string"/>',
      '<key id="graphs" for="edge" attr.name="graphs" attr.type="string"/>',
      '<graph id="saxgraph-explorer" edgedefault="directed">'];
    cy.nodes(":visible").forEach(function (n) {
      var p = n.position();
      out.push('<node id="' + xml(n.id()) + '"><data key="label">' + xml(n.data("label")) + '</data><data key="class">' +
        xml(n.data("cls")) + '</data><data key="group">' + xml(n.data("group")) + '</data><data key="x">' +
        p.x.toFixed(1) + '</data><data key="y">' + p.y.toFixed(1) + "</data></node>");
    });
    cy.edges(":visible").forEach(function (e, i) {
      out.push('<edge id="e' + i + '" source="' + xml(e.data("source")) + '" target="' + xml(e.data("target")) +
        '"><data key="property">' + xml(e.data("property")) + '</data><data key="plabel">' + xml(e.data("label")) +
        '</data><data key="graphs">' + xml((e.data("graphs") || []).join(" ")) + "</data></edge>");
    });
    out.push("</graph></graphml>");
    return out.join("\n");
  }
  window.saxgraphExplorerExport = { svg: toSvg, graphml: toGraphml };

  // --- search -------------------------------------------------------------------------------------------
  var results = document.getElementById("explore-results");
  var input = document.getElementById("explore-q");
  var searchTimer = null, searchSeq = 0;
  function search(text) {
    var seq = ++searchSeq;
    if (text.trim().length < 2) { results.textContent = ""; return Promise.resolve(); }
    return getJson(ds.search + "?limit=10&q=" + encodeURIComponent(text)).then(function (data) {
      if (seq !== searchSeq) { return; }
      results.textContent = "";
      if (!data.results.length) { results.appendChild(el("li", T("noResults"), "muted")); }
      data.results.forEach(function (hit) {
        var li = el("li");
        var b = button("", function () {
          results.textContent = "";
          input.value = "";
          var done = expand(hit.iri, true).then(function () {
            var node = cy.getElementById(hit.iri);
            if (node.nonempty()) { node.addClass("root"); }
            if (state.focus.indexOf(hit.iri) < 0) { state.focus.push(hit.iri); }
            writeUrl();
            defaultView();
            return select(hit.iri);
          });
          return done;
        });
        b.appendChild(document.createTextNode(hit.label + " "));
        b.appendChild(el("span", (hit.class_labels || []).join(", "), "muted"));
        b.dataset.iri = hit.iri;
        li.appendChild(b);
        results.appendChild(li);
      });
    }).catch(function (error) { results.textContent = ""; results.appendChild(el("li", T("error") + " " + error.message)); });
  }
  document.getElementById("explore-search").addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
  input.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(function () { search(input.value); }, 250);
  });
  input.addEventListener("keydown", function (event) { if (event.key === "Escape") { results.textContent = ""; } });

  // --- buttons --------------------------------------------------------------------------------------------
  var handlers = {
    "zoom-in": function () { zoomBy(1.3); },
    "zoom-out": function () { zoomBy(1 / 1.3); },
    "fit": function () { cy.fit(cy.elements(":visible"), 30); scaleFonts(); },
    "fullscreen": function () {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else if (root.requestFullscreen) { root.requestFullscreen().catch(function () {}); }
    },
    "tidy": tidy,
    "whole": loadWhole,
    "clear": clearAll,
    "unhide": function () { state.hidden = {}; afterChange(); },
    "png": function () {
      download(cy.png({ output: "blob", bg: "#ffffff", full: false, scale: 2 }), "saxgraph-explorer.png");
    },
    "svg": function () { download(new Blob([toSvg()], { type: "image/svg+xml" }), "saxgraph-explorer.svg"); },
    "graphml": function () {
      download(new Blob([toGraphml()], { type: "application/graphml+xml" }), "saxgraph-explorer.graphml");
    }
  };
  root.querySelectorAll(".explore-buttons [data-action], #explore-unhide").forEach(function (b) {
    b.addEventListener("click", function () { handlers[b.dataset.action](); });
  });
  document.addEventListener("fullscreenchange", function () { cy.resize(); defaultView(); });

  // --- restore from the URL ----------------------------------------------------------------------------------
  function restore() {
    var params = new URLSearchParams(window.location.search);
    var focus = params.getAll("focus"), order = params.getAll("x");
    var sequence = focus.filter(function (f) { return order.indexOf(f) < 0; }).concat(order);
    ["fc", "fp", "fd"].forEach(function (k) { params.getAll(k).forEach(function (v) { state.off[k][v] = true; }); });
    restoring = true;
    var chain = params.get("whole") === "1" ? loadWhole() : Promise.resolve();
    params.getAll("pin").forEach(function (p) {
      var at = p.lastIndexOf("@"), xy = p.slice(at + 1).split(",");
      if (at > 0 && xy.length === 2) { state.pins[p.slice(0, at)] = { x: Number(xy[0]), y: Number(xy[1]) }; }
    });
    sequence.forEach(function (item) {
      chain = chain.then(function () {
        var iri = iriOf(item);
        var known = cy.getElementById(iri).nonempty();
        return expand(iri, focus.indexOf(item) >= 0 || !known);
      });
    });
    return chain.then(function () {
      // pins and hidden nodes were read by their short ids: now that the nodes are there, key them by IRI
      var pins = state.pins;
      state.pins = {};
      Object.keys(pins).forEach(function (s) {
        var node = cy.getElementById(iriOf(s));
        if (node.nonempty()) { node.position(pins[s]); node.addClass("pinned"); state.pins[node.id()] = pins[s]; }
      });
      params.getAll("hide").forEach(function (s) { if (cy.getElementById(iriOf(s)).nonempty()) { state.hidden[iriOf(s)] = true; } });
      restoring = false;
      afterChange();
      defaultView();
      var sel = params.get("sel");
      var chosen = sel ? cy.getElementById(iriOf(sel)) : null;
      if (chosen && chosen.nonempty()) { chosen.select(); return select(chosen.id()); }
      showNothing();
    }).finally(function () { restoring = false; root.dataset.ready = "true"; writeUrl(); });
  }
  restore();
})();

// The query page: vendored YASGUI pointed at this server's /sparql, with the project's prefixes and examples,
// completion of the vocabulary and the entities from this server, the project's IRIs linked to this host's
// pages, and three views of its own: ASK answers, CONSTRUCT/DESCRIBE graphs (Cytoscape.js) and SVG charts.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("saxgraph-config").textContent);
  var words = JSON.parse(document.getElementById("saxgraph-words").textContent);
  var root = document.getElementById("yasgui");
  var iriBase = root.dataset.iriBase;
  var localBase = new URL(root.dataset.localBase, window.location.href).pathname;
  var completionsUrl = new URL(root.dataset.completions, window.location.href).href;
  var entityPrefixes = (root.dataset.entityPrefixes || "").split(" ").filter(Boolean);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var hash = new URLSearchParams(window.location.hash.slice(1));
  var text = hash.get("query") || config.query;
  var SVG = "http://www.w3.org/2000/svg";
  var XSD = "http://www.w3.org/2001/XMLSchema#";

  function say(key, values) {
    return (words[key] || key).replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content != null) node.textContent = content;
    return node;
  }

  function svg(tag, attributes, content) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (content != null) node.textContent = content;
    return node;
  }

  // The page on this host for one of the project's IRIs (the server's `local_href`), else null.
  function localHref(iri) {
    return iri && iri.indexOf(iriBase) === 0 ? localBase + iri.slice(iriBase.length) : null;
  }

  // The shortest prefixed name of an IRI with the project's prefixes, else the IRI.
  function compact(iri) {
    var best = null;
    Object.keys(config.prefixes).forEach(function (name) {
      var ns = config.prefixes[name];
      if (iri.indexOf(ns) === 0 && (best === null || ns.length > config.prefixes[best].length)) {
        var local = iri.slice(ns.length);
        if (local && !/[/#]/.test(local)) best = name;
      }
    });
    return best === null ? iri : best + ":" + iri.slice(config.prefixes[best].length);
  }

  // --- answers YASR cannot read by itself ---------------------------------------------------------------
  // YASR's JSON parser reads `results.bindings` of every SPARQL JSON text it is given, so an ASK answer
  // ({"head": {}, "boolean": true}, valid) throws; its fallback then feeds the text to DOMParser as XML, whose
  // error document carries an inline style the page's CSP refuses. Handed the parsed object, YASR reads it.
  var setResponse = Yasgui.Yasr.prototype.setResponse;
  Yasgui.Yasr.prototype.setResponse = function (response, duration) {
    var type = response && response.headers && response.headers.get ? response.headers.get("content-type") : "";
    if (response && typeof response.content === "string" && /json/.test(type || "")) {
      try {
        var parsed = JSON.parse(response.content);
        if (parsed && typeof parsed.boolean === "boolean" && !parsed.results) response.content = parsed;
      } catch (error) { /* not JSON after all: YASR reports it */ }
    }
    return setResponse.call(this, response, duration);
  };

  // An ASK answer: yes or no, in words (replaces YASR's "boolean" plugin).
  function AnswerPlugin(yasr) { this.yasr = yasr; this.priority = 10; this.hideFromSelection = true; }
  AnswerPlugin.prototype.canHandleResults = function () {
    var results = this.yasr.results;
    return !!(results && results.getBoolean) && typeof results.getBoolean() === "boolean";
  };
  AnswerPlugin.prototype.draw = function () {
    var yes = this.yasr.results.getBoolean();
    var box = element("div", "ask-answer " + (yes ? "ask-yes" : "ask-no"));
    box.setAttribute("role", "status");
    box.appendChild(element("strong", null, yes ? words.yes : words.no));
    box.appendChild(element("span", null, yes ? words.askYes : words.askNo));
    this.yasr.resultsEl.appendChild(box);
  };
  AnswerPlugin.prototype.getIcon = function () { return element("span"); };
  Yasgui.Yasr.registerPlugin("boolean", AnswerPlugin);

  // --- CONSTRUCT and DESCRIBE as a graph -------------------------------------------------------------------
  var LABELS = ["http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
                "https://schema.org/name", "http://xmlns.com/foaf/0.1/name"];
  var MAX_TRIPLES = 300;

  function GraphPlugin(yasr) { this.yasr = yasr; this.priority = 5; this.label = words.graph; }
  GraphPlugin.prototype.canHandleResults = function () {
    var results = this.yasr.results;
    return !!(results && results.getType && results.getType() === "ttl" && results.getStatements &&
              (results.getStatements() || []).length);
  };
  GraphPlugin.prototype.getIcon = function () { return iconOf("graph"); };
  GraphPlugin.prototype.destroy = function () { if (this.cy) { this.cy.destroy(); this.cy = null; } };
  GraphPlugin.prototype.draw = function () {
    var statements = this.yasr.results.getStatements();
    var language = document.documentElement.lang || "en";
    var labels = {};
    statements.forEach(function (s) {
      var o = s.object;
      if (o.termType !== "Literal" || LABELS.indexOf(s.predicate.value) < 0) return;
      var rank = o.language === language ? 0 : o.language === "en" ? 1 : o.language === "" ? 2 : 3;
      if (!(s.subject.value in labels) || rank < labels[s.subject.value].rank) {
        labels[s.subject.value] = { rank: rank, text: o.value };
      }
    });
    var drawn = statements.filter(function (s) {
      return !(LABELS.indexOf(s.predicate.value) >= 0 && s.object.termType === "Literal" &&
               labels[s.subject.value] && labels[s.subject.value].text === s.object.value);
    });
    var shown = drawn.slice(0, MAX_TRIPLES);
    var nodes = {}, elements = [];
    function node(term, id) {
      if (!nodes[id]) {
        var literal = term.termType === "Literal";
        var name = literal ? term.value : labels[term.value] ? labels[term.value].text
          : term.termType === "BlankNode" ? "_:" + term.value : compact(term.value);
        if (name.length > 48) name = name.slice(0, 47) + "…";
        nodes[id] = { data: { id: id, label: name, iri: literal || term.termType === "BlankNode" ? "" : term.value,
                              href: literal ? "" : localHref(term.value) || "" },
                      classes: literal ? "literal" : term.termType === "BlankNode" ? "blank" : "iri" };
        elements.push(nodes[id]);
      }
      return id;
    }
    shown.forEach(function (s, i) {
      var source = node(s.subject, "n:" + s.subject.value);
      var target = s.object.termType === "Literal" ? node(s.object, "l:" + i) : node(s.object, "n:" + s.object.value);
      elements.push({ data: { id: "e:" + i, source: source, target: target, label: compact(s.predicate.value) } });
    });
    var caption = element("p", "view-caption");
    caption.textContent = say("triples", { count: statements.length }) + " · " +
      say("nodes", { count: Object.keys(nodes).length }) + ". " +
      (drawn.length > MAX_TRIPLES ? say("truncated", { count: MAX_TRIPLES }) + " " : "") + words.openHint;
    var canvas = element("div", "result-graph");
    this.yasr.resultsEl.appendChild(caption);
    this.yasr.resultsEl.appendChild(canvas);
    this.destroy();
    this.cy = cytoscape({
      container: canvas,
      elements: elements,
      layout: { name: "cose", animate: false, nodeRepulsion: 400000, idealEdgeLength: 110, nodeOverlap: 40,
                gravity: 0.2, numIter: 1500, padding: 24 },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, "text-valign": "bottom",
                                     "text-margin-y": 4, "background-color": "#0b5cad", width: 18, height: 18,
                                     "text-wrap": "ellipsis", "text-max-width": 160 } },
        { selector: "node.literal", style: { shape: "round-rectangle", "background-color": "#e9c46a",
                                             width: 12, height: 12, color: "#5b6575" } },
        { selector: "node.blank", style: { "background-color": "#8d99ae" } },
        { selector: "edge", style: { label: "data(label)", "font-size": 9, color: "#5b6575", width: 1.5,
                                     "curve-style": "bezier", "target-arrow-shape": "triangle",
                                     "line-color": "#b8c2d0", "target-arrow-color": "#b8c2d0",
                                     "text-rotation": "autorotate", "text-background-color": "#fff",
                                     "text-background-opacity": 0.8 } },
      ],
    });
    this.cy.on("tap", "node", function (event) {
      var target = event.target.data("href") || event.target.data("iri");
      if (target && /^https?:|^\//.test(target)) window.location.href = target;
    });
    window.saxgraphGraph = this.cy;
  };
  Yasgui.Yasr.registerPlugin("graph", GraphPlugin);

  // --- aggregates as a chart ---------------------------------------------------------------------------------
  var NUMERIC = ["integer", "decimal", "double", "float", "long", "int", "short", "byte", "nonNegativeInteger",
                 "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
                 "unsignedShort", "unsignedByte"].map(function (name) { return XSD + name; });
  var COLOURS = ["#0b5cad", "#e76f51", "#2a9d8f", "#e9c46a", "#8e5ea2", "#f4a261", "#3d7dca", "#6c757d",
                 "#b5179e", "#43aa8b"];
  var MAX_BARS = 40, MAX_SLICES = 9;

  function isNumber(binding) {
    return !!binding && binding.type !== "uri" && binding.type !== "bnode" && binding.value !== "" &&
      (NUMERIC.indexOf(binding.datatype) >= 0 || (!binding.datatype && !binding["xml:lang"] &&
                                                   /^-?\d+(\.\d+)?$/.test(binding.value)));
  }

  // The first column of numbers in every row and the first other column (the labels); null when none.
  function chartColumns(results) {
    if (!results || results.getType() === "ttl" || results.getBoolean() !== undefined) return null;
    var vars = results.getVariables() || [], rows = results.getBindings() || [];
    if (vars.length < 2 || rows.length < 1) return null;
    var value = vars.find(function (v) { return rows.every(function (row) { return isNumber(row[v]); }); });
    if (!value) return null;
    var label = vars.find(function (v) {
      return v !== value && rows.every(function (row) { return row[v] && !isNumber(row[v]); });
    }) || vars.find(function (v) { return v !== value && rows.every(function (row) { return row[v]; }); });
    return label ? { label: label, value: value } : null;
  }

  function shownText(binding) {
    return binding.type === "uri" ? compact(binding.value) : binding.value;
  }

  function ChartPlugin(yasr) { this.yasr = yasr; this.priority = 3; this.label = words.chart; this.kind = "bar"; }
  ChartPlugin.prototype.canHandleResults = function () { return !!chartColumns(this.yasr.results); };
  ChartPlugin.prototype.getIcon = function () { return iconOf("chart"); };
  ChartPlugin.prototype.draw = function () {
    var self = this, columns = chartColumns(this.yasr.results);
    var rows = this.yasr.results.getBindings().map(function (row) {
      return { label: shownText(row[columns.label]), value: parseFloat(row[columns.value].value),
               href: row[columns.label].type === "uri" ? localHref(row[columns.label].value) : null };
    });
    var box = element("div", "result-chart");
    var bar = element("div", "chart-switch");
    bar.setAttribute("role", "group");
    ["bar", "pie"].forEach(function (kind) {
      var button = element("button", kind === self.kind ? "active" : "", words[kind]);
      button.type = "button";
      button.dataset.kind = kind;
      button.setAttribute("aria-pressed", String(kind === self.kind));
      button.addEventListener("click", function () { self.kind = kind; self.yasr.draw(); });
      bar.appendChild(button);
    });
    box.appendChild(bar);
    box.appendChild(element("p", "view-caption", say("chartOf", { value: columns.value, label: columns.label })));
    box.appendChild(this.kind === "pie" ? pieChart(rows) : barChart(rows));
    this.yasr.resultsEl.appendChild(box);
  };
  Yasgui.Yasr.registerPlugin("chart", ChartPlugin);

  function linked(child, href, title) {
    var titled = svg("title", {}, title);
    child.appendChild(titled);
    if (!href) return child;
    var anchor = svg("a", { href: href });
    anchor.appendChild(child);
    return anchor;
  }

  function barChart(rows) {
    var shown = rows.slice(0, MAX_BARS);
    var max = Math.max.apply(null, shown.map(function (r) { return Math.abs(r.value); }).concat([1]));
    var labelWidth = 260, barWidth = 520, height = 24, top = 8;
    var chart = svg("svg", { viewBox: "0 0 " + (labelWidth + barWidth + 90) + " " + (shown.length * height + top * 2),
                             class: "chart bar-chart", role: "img" });
    shown.forEach(function (row, i) {
      var y = top + i * height, width = Math.max(1, Math.abs(row.value) / max * barWidth);
      var label = row.label.length > 38 ? row.label.slice(0, 37) + "…" : row.label;
      chart.appendChild(linked(svg("text", { x: labelWidth - 8, y: y + 16, "text-anchor": "end", class: "chart-label" },
                                   label), row.href, row.label));
      chart.appendChild(linked(svg("rect", { x: labelWidth, y: y + 3, width: width.toFixed(1), height: height - 7,
                                             fill: COLOURS[0], class: "bar" }), row.href, row.label + ": " + row.value));
      chart.appendChild(svg("text", { x: labelWidth + width + 6, y: y + 16, class: "chart-value" }, String(row.value)));
    });
    return chart;
  }

  function pieChart(rows) {
    var positive = rows.filter(function (r) { return r.value > 0; });
    var kept = positive.length > MAX_SLICES + 1 ? MAX_SLICES : positive.length; // "others" for two or more
    var slices = positive.slice(0, kept);
    var rest = positive.slice(kept).reduce(function (sum, r) { return sum + r.value; }, 0);
    if (rest > 0) slices.push({ label: words.others, value: rest, href: null });
    var total = slices.reduce(function (sum, r) { return sum + r.value; }, 0) || 1;
    var chart = svg("svg", { viewBox: "0 0 760 " + Math.max(280, slices.length * 24 + 40), class: "chart pie-chart",
                             role: "img" });
    var cx = 140, cy = 140, r = 120, angle = -Math.PI / 2;
    slices.forEach(function (slice, i) {
      var sweep = slice.value / total * 2 * Math.PI, colour = COLOURS[i % COLOURS.length], shape;
      if (slices.length === 1) {
        shape = svg("circle", { cx: cx, cy: cy, r: r, fill: colour, class: "slice" });
      } else {
        var x1 = cx + r * Math.cos(angle), y1 = cy + r * Math.sin(angle);
        var x2 = cx + r * Math.cos(angle + sweep), y2 = cy + r * Math.sin(angle + sweep);
        shape = svg("path", { d: "M" + cx + "," + cy + " L" + x1.toFixed(2) + "," + y1.toFixed(2) + " A" + r + "," + r +
                                 " 0 " + (sweep > Math.PI ? 1 : 0) + " 1 " + x2.toFixed(2) + "," + y2.toFixed(2) + " Z",
                              fill: colour, class: "slice" });
      }
      angle += sweep;
      var share = (slice.value / total * 100).toFixed(1) + " %";
      chart.appendChild(linked(shape, slice.href, slice.label + ": " + slice.value + " (" + share + ")"));
      var y = 30 + i * 24;
      chart.appendChild(svg("rect", { x: 300, y: y - 12, width: 14, height: 14, fill: colour }));
      var label = slice.label.length > 34 ? slice.label.slice(0, 33) + "…" : slice.label;
      chart.appendChild(linked(svg("text", { x: 322, y: y, class: "chart-label" }, label + " · " + slice.value +
                                   " (" + share + ")"), slice.href, slice.label));
    });
    return chart;
  }

  function iconOf(kind) {
    var icon = svg("svg", { viewBox: "0 0 16 16", width: 14, height: 14, "aria-hidden": "true" });
    if (kind === "graph") {
      icon.appendChild(svg("path", { d: "M4 4 L12 5 L7 12 Z", fill: "none", stroke: "currentColor", "stroke-width": 1.4 }));
      [[4, 4], [12, 5], [7, 12]].forEach(function (p) {
        icon.appendChild(svg("circle", { cx: p[0], cy: p[1], r: 2.2, fill: "currentColor" }));
      });
    } else {
      [[2, 8, 6], [7, 4, 10], [12, 10, 4]].forEach(function (b) {
        icon.appendChild(svg("rect", { x: b[0], y: b[1], width: 3, height: b[2], fill: "currentColor" }));
      });
    }
    var holder = element("span", "saxgraph-icon");
    holder.appendChild(icon);
    return holder;
  }

  // --- completion of the vocabulary and the entities, from this server -----------------------------------
  // YASQE completes and declares prefixes from a prefix.cc-style JSON ({"prefix": "namespace"}); pointing it at
  // the project's prefixes (injected by the server) keeps the page offline and typing "sg:" adds its PREFIX line.
  var prefixes = "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(config.prefixes));
  var labelOf = {};

  function fetchCompletions(kind, yasqe, token) {
    var asked = (token && (token.autocompletionString || token.string) || "").trim();
    var url = new URL(completionsUrl);
    url.searchParams.set("kind", kind);
    url.searchParams.set("q", asked);
    url.searchParams.set("limit", "30");
    return fetch(url.href).then(function (response) {
      if (!response.ok) throw new Error(response.statusText);
      return response.json();
    }).then(function (answer) {
      return answer.results.map(function (result) {
        if (result.label) labelOf[result.iri] = result.label;
        return result.iri;
      });
    }).catch(function () { return []; });
  }

  // The suggestion as the token was typed: a prefixed name when the token has a declared prefix whose
  // namespace the IRI is in, else the IRI in angle brackets (YASQE's own rule, which assumes the namespace).
  function suggestion(yasqe, token, iri) {
    var declared = yasqe.getPrefixesFromQuery();
    var prefix = token.tokenPrefix ? token.tokenPrefix.slice(0, -1) : null;
    if (prefix && declared[prefix] && iri.indexOf(declared[prefix]) === 0) {
      return prefix + ":" + iri.slice(declared[prefix].length);
    }
    return "<" + iri + ">";
  }

  function withLabels(yasqe, hints) {
    return hints.map(function (hint) {
      var iri = hint.text.charAt(0) === "<" ? hint.text.slice(1, -1) : expandName(yasqe, hint.text);
      if (labelOf[iri]) hint.displayText = hint.text + "  —  " + labelOf[iri];
      return hint;
    });
  }

  function expandName(yasqe, name) {
    var declared = yasqe.getPrefixesFromQuery(), at = name.indexOf(":");
    return at > 0 && declared[name.slice(0, at)] ? declared[name.slice(0, at)] + name.slice(at + 1) : name;
  }

  var Yasqe = Yasgui.Yasqe;
  ["class", "property"].forEach(function (kind) {
    Yasqe.forkAutocompleter(kind, {
      name: "saxgraph-" + kind, autoShow: true, bulk: false,
      get: function (yasqe, token) { return fetchCompletions(kind, yasqe, token); },
      postProcessSuggestion: suggestion, postprocessHints: withLabels,
    }, false);
  });
  // Entities: a prefixed name of one of the entity kinds (cluster:, place:, ...), by slug or by label.
  Yasqe.forkAutocompleter("class", {
    name: "saxgraph-entity", autoShow: true, bulk: false,
    isValidCompletionPosition: function (yasqe) {
      var token = yasqe.getCompleteToken(), at = token.string.indexOf(":");
      return at > 0 && token.string.charAt(0) !== "?" && entityPrefixes.indexOf(token.string.slice(0, at)) >= 0 &&
        token.string.charAt(0) !== "<";
    },
    get: function (yasqe, token) { return fetchCompletions("entity", yasqe, token); },
    postProcessSuggestion: suggestion, postprocessHints: withLabels,
  }, false);

  // The "class" and "property" completers of YASQE ask a public vocabulary service (LOV) on every keystroke;
  // this page must work offline and send queries nowhere but this server, so only these are on. (Yasgui's
  // config merge keeps the default array's extra entries, so the defaults themselves are set.)
  Yasgui.Yasr.defaults.pluginOrder = ["table", "graph", "chart", "response"]; // merged like the above
  Yasqe.defaults.autocompleters = ["variables", "prefixes", "saxgraph-class", "saxgraph-property", "saxgraph-entity"];

  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null, // a stored tab must not override the example or query in the URL
    populateFromUrl: false, // this script reads ?query=, #query= and ?run= (Yasgui's own reading ran it twice)
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasqe: { value: text, prefixCcApi: prefixes },
    yasr: { prefixes: config.prefixes }, // results show place:saxony, not the full IRI
  });
  var tab = yasgui.getTab();
  tab.setQuery(text);

  // The query as edited goes into the URL (#query=, which the page reads first), so that coming back from a
  // result's page (links open in place) or reloading shows it again; a shared link keeps it too.
  var keep = null;
  tab.getYasqe().on("change", function () {
    window.clearTimeout(keep);
    keep = window.setTimeout(function () {
      var url = new URL(window.location.href);
      url.hash = "query=" + encodeURIComponent(tab.getQuery());
      window.history.replaceState(null, "", url);
    }, 300);
  });

  // --- the project's IRIs open this host's pages ----------------------------------------------------------
  // YASR links every IRI to itself in a new tab; one of ours is a page on this host, opened in place.
  function localise(scope) {
    var anchors = scope.querySelectorAll ? scope.querySelectorAll("a[href^='" + iriBase + "']") : [];
    Array.prototype.forEach.call(anchors, function (anchor) {
      var href = localHref(anchor.getAttribute("href"));
      if (!href) return;
      anchor.setAttribute("href", href);
      anchor.removeAttribute("target");
      anchor.classList.add("local-iri");
    });
  }
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      Array.prototype.forEach.call(mutation.addedNodes, function (added) {
        if (added.nodeType !== 1) return;
        if (added.matches("a[href^='" + iriBase + "']")) localise(added.parentNode); else localise(added);
      });
    });
  }).observe(root, { childList: true, subtree: true });

  var picker = document.getElementById("example");
  config.examples.forEach(function (example) {
    var option = document.createElement("option");
    option.value = example.name;
    option.textContent = example.title;
    picker.appendChild(option);
  });
  picker.addEventListener("change", function () {
    var chosen = config.examples.find(function (e) { return e.name === picker.value; });
    if (chosen) {
      tab.setQuery(chosen.query);
      var url = new URL(window.location.href);
      url.searchParams.set("example", chosen.name);
      url.searchParams.delete("query");
      window.history.replaceState(null, "", url);
    }
  });
  var current = new URLSearchParams(window.location.search).get("example");
  if (current) picker.value = current;
  if (config.run) tab.query();
  window.saxgraphYasgui = yasgui;
})();

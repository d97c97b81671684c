// The neighbourhood graph of an entity page: Cytoscape.js (vendored), data from <path>/neighbourhood.json.
// Tap a node to add its neighbours; double-tap (or Enter on the list below the graph) to open its page.
(function () {
  "use strict";
  var container = document.getElementById("neighbourhood");
  if (!container || typeof window.cytoscape !== "function") { return; }
  var cy = window.cytoscape({
    container: container,
    wheelSensitivity: 0.2,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 10, "text-wrap": "ellipsis",
        "text-max-width": 120, "background-color": "#7a8ba6", "width": 18, "height": 18 } },
      { selector: "node[?root]", style: { "background-color": "#0b5cad", "width": 26, "height": 26,
        "font-weight": "bold" } },
      { selector: "node.expanded", style: { "border-width": 2, "border-color": "#0b5cad" } },
      { selector: "edge", style: { "label": "data(label)", "font-size": 8, "color": "#5b6575", "width": 1,
        "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#b8c1cf",
        "target-arrow-color": "#b8c1cf", "text-rotation": "autorotate" } }
    ]
  });
  window.saxgraphNeighbourhood = cy;
  var expanded = {};

  var laidOut = false;
  function layout() {
    // Random start once; later expansions keep the nodes already placed where the reader has seen them.
    cy.layout({ name: "cose", animate: false, randomize: !laidOut, nodeRepulsion: 400000, nodeOverlap: 20,
      idealEdgeLength: 110, gravity: 40, numIter: 1000, padding: 20 }).run();
    laidOut = true;
  }

  function expand(url, id) {
    if (expanded[id]) { return Promise.resolve(); }
    expanded[id] = true;
    container.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status + " " + response.statusText); }
        return response.json();
      })
      .then(function (data) {
        var added = [];
        data.nodes.forEach(function (n) {
          if (cy.getElementById(n.data.id).empty()) { added.push({ group: "nodes", data: n.data }); }
        });
        data.edges.forEach(function (e) {
          if (cy.getElementById(e.data.id).empty()) { added.push({ group: "edges", data: e.data }); }
        });
        cy.add(added);
        cy.getElementById(id).addClass("expanded");
        layout();
        container.dataset.nodes = String(cy.nodes().length);
        container.dataset.edges = String(cy.edges().length);
      })
      .catch(function (error) {
        expanded[id] = false;
        container.dataset.error = String(error);
      })
      .finally(function () { container.setAttribute("aria-busy", "false"); });
  }

  cy.on("tap", "node", function (event) {
    var node = event.target;
    expand(node.data("neighbourhood"), node.id());
  });
  cy.on("dbltap", "node", function (event) { window.location.href = event.target.data("href"); });

  expand(container.dataset.src, container.dataset.iri);
})();

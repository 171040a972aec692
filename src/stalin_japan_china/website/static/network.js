/* The network (cytoscape.js): actors tied by relations; edge style by status, refuted
   ties hidden unless asked, a year range, and the state in the URL hash. */
(function () {
  "use strict";
  var U = window.SJCUI, D = window.SJC;
  var actors = U.actorsById();
  var resolve = U.actorResolver(document.getElementById("actor-names"));
  var from = document.getElementById("from"), to = document.getElementById("to");
  var refuted = document.getElementById("refuted"), actorInput = document.getElementById("actor");
  var used = {};
  D.relations.forEach(function (r) { used[r.s] = (used[r.s] || 0) + 1; used[r.o] = (used[r.o] || 0) + 1; });
  var elements = Object.keys(used).map(function (id) {
    var spot = D.layout[id] || [500, 500];
    return { data: { id: id, label: actors[id] ? actors[id].n : id, degree: used[id] }, position: { x: spot[0] * 3, y: spot[1] * 3 } };
  }).concat(D.relations.map(function (r) {
    return { data: { id: r.id, source: r.s, target: r.o, status: r.st, label: r.p, y0: r.y0, y1: r.y1 } };
  }));
  var cy = cytoscape({
    container: document.getElementById("network"),
    elements: elements,
    style: [
      { selector: "node", style: { label: "", "font-size": 9, width: "mapData(degree, 1, 60, 6, 30)", height: "mapData(degree, 1, 60, 6, 30)", "background-color": "#1a4f8b", color: "#222", "text-valign": "bottom", "text-margin-y": 2, "min-zoomed-font-size": 7 } },
      { selector: "edge", style: { width: 1.4, "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.6, "line-color": U.STATUS_COLOURS.confirmed, "target-arrow-color": U.STATUS_COLOURS.confirmed, opacity: 0.75 } },
      { selector: "edge[status = 'likely']", style: { "line-style": "dashed", "line-color": U.STATUS_COLOURS.likely, "target-arrow-color": U.STATUS_COLOURS.likely } },
      { selector: "edge[status = 'possible']", style: { "line-style": "dotted", "line-color": U.STATUS_COLOURS.possible, "target-arrow-color": U.STATUS_COLOURS.possible } },
      { selector: "edge[status = 'alleged']", style: { "line-style": "dotted", "line-color": U.STATUS_COLOURS.alleged, "target-arrow-color": U.STATUS_COLOURS.alleged } },
      { selector: "edge[status = 'refuted']", style: { "line-style": "dotted", "line-color": U.STATUS_COLOURS.refuted, "target-arrow-color": U.STATUS_COLOURS.refuted } },
      { selector: "node[degree >= 12], node.near", style: { label: "data(label)" } },
      { selector: ".faded", style: { opacity: 0.12 } },
      { selector: ".hidden", style: { display: "none" } },
      { selector: ".focus", style: { "background-color": "#a0522d", "font-size": 14, "font-weight": "bold", "z-index": 10 } },
      { selector: "edge.focus", style: { width: 3, opacity: 1 } }
    ],
    layout: { name: "preset" }  /* positions computed when the site was written */
  });
  cy.on("tap", "node", function (event) { location.href = U.pageOf("actor", event.target.id()); });

  function apply() {
    var s = { from: from.value, to: to.value, refuted: refuted.checked ? "1" : "", actor: actorInput.value.trim() };
    U.writeHash(s);
    var y0 = parseInt(s.from, 10) || 0, y1 = parseInt(s.to, 10) || 9999;
    var shown = 0, focus = null;
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var d = e.data();
        var visible = (d.status !== "refuted" || s.refuted) && (d.y1 == null || d.y1 >= y0) && (d.y0 == null || d.y0 <= y1);
        e.toggleClass("hidden", !visible);
        if (visible) shown++;
      });
      cy.nodes().forEach(function (n) {
        n.toggleClass("hidden", n.connectedEdges().filter(function (e) { return !e.hasClass("hidden"); }).length === 0);
      });
      cy.elements().removeClass("focus near faded");
      focus = null;
      var id = resolve(s.actor);
      if (id && cy.getElementById(id).length) {
        var node = cy.getElementById(id);
        node.addClass("focus");
        node.connectedEdges().addClass("focus");
        focus = node.closedNeighborhood();
        focus.addClass("near");
        cy.elements().difference(focus).addClass("faded");
      }
    });
    if (focus) cy.fit(focus.filter(function (e) { return !e.hasClass("hidden"); }), 40);
    else cy.fit(undefined, 20);
    document.getElementById("shown").textContent = shown + " of " + D.relations.length + " ties shown.";
  }

  var h = U.readHash();
  if (h.from) from.value = h.from;
  if (h.to) to.value = h.to;
  refuted.checked = h.refuted === "1";
  if (h.actor) actorInput.value = h.actor;
  [from, to, refuted, actorInput].forEach(function (i) { i.addEventListener("change", apply); });
  apply();
  document.getElementById("network").setAttribute("data-ready", "1");
})();

/* The timeline (vis-timeline): bars from earliest to latest day, faded where a date is
   only approximate, arrows for open ends; colour by status or type; filters in the hash. */
(function () {
  "use strict";
  var U = window.SJCUI, D = window.SJC;
  var FIRST = "1894-01-01", LAST = "1945-12-31";
  var types = D.events.map(function (e) { return e.ty; }).filter(function (t, i, a) { return a.indexOf(t) === i; }).sort();
  var resolve = U.actorResolver(document.getElementById("actor-names"));
  var controls = { colour: document.getElementById("colour"), actor: document.getElementById("actor"),
    type: document.getElementById("type"), status: document.getElementById("status") };

  function spanOf(it) { return it.end ? Date.parse(it.end) - Date.parse(it.start) : 0; }

  function days(a, b) { return (Date.parse(b) - Date.parse(a)) / 864e5; }

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  function item(e, colourBy) {
    var start = e.s || FIRST, end = e.e || LAST;
    var colour = U.colourOf(colourBy === "type" ? e.ty : e.st, types);
    var cls = "sjc " + e.st + (e.s ? "" : " open-start") + (e.e ? "" : " open-end");
    var span = days(start, end) + 1;
    var it = { id: e.id, content: e.t, start: start, title: e.g + ": " + e.t + " (" + e.st + ")", className: cls };
    if (span <= 2 && e.s && e.e) {
      it.type = "point";
      it.style = "color:" + colour;
      return it;
    }
    it.end = end + "T23:59:59";
    var c0 = e.cs || start, c1 = e.ce || end;
    var left = Math.max(0, Math.min(100, days(start, c0) / span * 100));
    var right = Math.max(left, Math.min(100, (days(start, c1) + 1) / span * 100));
    it.style = "background:linear-gradient(to right," + rgba(colour, 0.22) + " 0%," + rgba(colour, 0.22) + " " + left.toFixed(1) + "%," +
      rgba(colour, 0.85) + " " + left.toFixed(1) + "%," + rgba(colour, 0.85) + " " + right.toFixed(1) + "%," +
      rgba(colour, 0.22) + " " + right.toFixed(1) + "%," + rgba(colour, 0.22) + " 100%)";
    return it;
  }

  var items = new vis.DataSet();
  var timeline = new vis.Timeline(document.getElementById("timeline"), items, {
    start: "1927-06-01", end: "1929-06-30", min: "1890-01-01", max: "1950-01-01",
    stack: true, maxHeight: "70vh", zoomMin: 864e5 * 7, tooltip: { followMouse: true },
    margin: { item: { horizontal: 2, vertical: 2 } }, orientation: "top",
    /* short spans stack on top, so decade-long bars do not bury the dated events */
    order: function (a, b) { return spanOf(a) - spanOf(b); }
  });
  timeline.on("doubleClick", function (props) {
    if (props.item) location.href = U.pageOf("event", props.item);
  });
  timeline.on("select", function (props) {
    if (props.items.length) location.href = U.pageOf("event", props.items[0]);
  });

  function legend(colourBy) {
    var box = document.getElementById("legend");
    box.textContent = "";
    (colourBy === "type" ? types : D.statuses).forEach(function (k) {
      var s = document.createElement("span"), i = document.createElement("i");
      i.style.background = U.colourOf(k, types);
      s.appendChild(i); s.appendChild(document.createTextNode(k));
      box.appendChild(s);
    });
  }

  function apply() {
    var s = { colour: controls.colour.value, actor: controls.actor.value.trim(), type: controls.type.value, status: controls.status.value };
    U.writeHash(s);
    var actor = resolve(s.actor);
    var undated = 0;
    var shown = D.events.filter(function (e) {
      if (s.type && e.ty !== s.type) return false;
      if (s.status && e.st !== s.status) return false;
      if (actor && !e.p.some(function (p) { return p[0] === actor; })) return false;
      if (!e.s && !e.e) { undated++; return false; }
      return true;
    });
    items.clear();
    items.add(shown.map(function (e) { return item(e, s.colour); }));
    legend(s.colour);
    document.getElementById("shown").textContent = shown.length + " events shown (" + undated + " undated events that match are not drawn).";
    if (actor && shown.length) timeline.fit({ animation: false });
  }

  var h = U.readHash();
  ["colour", "actor", "type", "status"].forEach(function (k) { if (h[k] != null) controls[k].value = h[k]; });
  Object.keys(controls).forEach(function (k) { controls[k].addEventListener("change", apply); });
  apply();
  document.getElementById("timeline").setAttribute("data-ready", "1");
})();

/* The map (Leaflet) over the shipped Natural Earth countries: no tiles, so nothing is
   requested from the network; places sized by their events, each with a popup. */
(function () {
  "use strict";
  var U = window.SJCUI, D = window.SJC;
  var map = L.map("map", { worldCopyJump: false, minZoom: 2, maxZoom: 10, attributionControl: true }).setView([40, 122], 4);
  window.SJCBasemap(map, "Natural Earth (public domain), modern borders");
  var at = {};
  D.events.forEach(function (e) { if (e.pl) (at[e.pl] = at[e.pl] || []).push(e); });
  var markers = {};
  D.places.forEach(function (p) {
    var events = at[p.id] || [];
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.n;
    box.appendChild(title);
    if (p.nn) { box.appendChild(document.createTextNode(" ")); box.appendChild(U.el("span", { lang: p.nl || "" }, p.nn)); }
    box.appendChild(U.el("div", { "class": "modern" }, "Today: " + p.m));
    var list = document.createElement("ul");
    events.slice(0, 40).forEach(function (e) {
      var li = document.createElement("li");
      li.appendChild(document.createTextNode(e.g + ": "));
      li.appendChild(U.el("a", { href: U.pageOf("event", e.id) }, e.t));
      list.appendChild(li);
    });
    if (events.length > 40) list.appendChild(U.el("li", {}, "… and " + (events.length - 40) + " more"));
    box.appendChild(list);
    markers[p.id] = L.circleMarker([p.la, p.lo], {
      radius: 4 + Math.sqrt(events.length) * 2, color: "#7a2e0e", weight: 1, fillColor: "#c0502a", fillOpacity: 0.7
    }).bindPopup(box, { maxHeight: 300 }).bindTooltip(p.n + " (" + events.length + ")").addTo(map);
  });
  function open() {
    var id = U.readHash().place;
    if (id && markers[id]) { map.setView(markers[id].getLatLng(), 6); markers[id].openPopup(); }
  }
  window.addEventListener("hashchange", open);
  open();
  document.getElementById("map").setAttribute("data-ready", "1");
})();

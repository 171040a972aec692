/* The small map on an event page: its place on the shipped Natural Earth basemap. */
(function () {
  "use strict";
  var box = document.getElementById("place-map");
  if (!box) return;
  var lat = parseFloat(box.getAttribute("data-lat")), lon = parseFloat(box.getAttribute("data-lon"));
  var map = L.map(box, { scrollWheelZoom: false }).setView([lat, lon], 5);
  window.SJCBasemap(map, "Natural Earth, modern borders");
  L.circleMarker([lat, lon], { radius: 7, color: "#7a2e0e", weight: 1, fillColor: "#c0502a", fillOpacity: 0.8 })
    .bindTooltip(box.getAttribute("data-name")).addTo(map);
  box.setAttribute("data-ready", "1");
})();

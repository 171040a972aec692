/* The shipped Natural Earth countries under a Leaflet map, for the map view and the small
   map on event pages alike: no tiles, so nothing is requested from the network. */
(function () {
  "use strict";
  window.SJCBasemap = function (map, attribution) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(attribution);
    var world = window.SJC_WORLD;
    L.geoJSON(topojson.feature(world, world.objects.countries), {
      style: { color: "#8a8a8a", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 }, interactive: false
    }).addTo(map);
    return map;
  };
})();

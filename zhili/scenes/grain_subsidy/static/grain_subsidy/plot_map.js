/* The 一张图 page: fetch the town's plots (GeoJSON) named by data-url and hand them to the core map, then fetch again
   for what the view shows each time the map stops moving (bbox): polygons where few enough, cluster points where not.
   An answer that arrives after a newer request was sent is dropped. */
(function () {
  "use strict";
  function load() {
    var box = document.getElementById("plot-map");
    if (!box || !box.dataset.url || !window.ZhiliMap) { return; }
    var el = box.querySelector(".ui-map");
    var map = el && window.ZhiliMap.get(el.id);
    if (!map) { return; }
    var sent = 0, timer = null;
    function fetchView(query, keepView) {
      var ticket = ++sent;
      return fetch(box.dataset.url + query, {credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (collection) {
          if (ticket !== sent) { return; }
          map.setData(collection, {keepView: keepView});
          box.dataset.loaded = String(collection.features.length);
          box.dataset.clustered = collection.clustered ? "1" : "0";
          var count = document.getElementById("plot-count");
          if (count && !keepView) { count.textContent = String(collection.total); }
        });
    }
    function onMove() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var b = map.map.getBounds();
        var bbox = [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90), Math.min(b.getEast(), 180),
                    Math.min(b.getNorth(), 90)].map(function (x) { return x.toFixed(6); });
        fetchView("&bbox=" + bbox.join(","), true);
      }, 250);
    }
    fetchView("", false).then(function () { map.map.on("moveend", onMove); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", load); } else { load(); }
})();

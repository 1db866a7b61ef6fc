/* The 一张图 page: fetch the town's plots (GeoJSON) named by data-url and hand them to the core map. */
(function () {
  "use strict";
  function load() {
    var box = document.getElementById("plot-map");
    if (!box || !box.dataset.url || !window.ZhiliMap) { return; }
    var el = box.querySelector(".ui-map");
    var map = el && window.ZhiliMap.get(el.id);
    if (!map) { return; }
    fetch(box.dataset.url, {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        map.setData(collection);
        box.dataset.loaded = String(collection.features.length);
        var count = document.getElementById("plot-count");
        if (count) { count.textContent = String(collection.features.length); }
      });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", load); } else { load(); }
})();

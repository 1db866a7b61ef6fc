/* The one map (core.ui): every .ui-map draws the GeoJSON FeatureCollection in the <script type="application/json">
   its data-source names. Points are circle markers, areas and lines are paths, each in its feature's colour; a popup
   shows the feature's title, lines and a link, built as text (nothing a feature carries is read as HTML). Features
   with a "group" property form layers the layer control switches. Without a tile URL (data-tiles) the map has a
   plain background. window.ZhiliMap.get(id).setData(collection) redraws a map (live positions) and fits it to the
   features; setData(collection, {keepView: true}) redraws without moving, for a page that reloads what its view shows
   on the Leaflet map's moveend (window.ZhiliMap.get(id).map). */
(function () {
  "use strict";
  if (!window.L) { return; }
  var maps = {};

  function popup(props, openLabel) {
    var box = document.createElement("div");
    box.className = "ui-map-popup";
    var title = document.createElement("strong");
    title.textContent = props.title || "";
    box.appendChild(title);
    (props.lines || []).forEach(function (text) {
      var p = document.createElement("div"); p.textContent = text; box.appendChild(p);
    });
    if (props.url) {
      var a = document.createElement("a"); a.href = props.url; a.textContent = openLabel; box.appendChild(a);
    }
    return box;
  }

  function legend(map, items) {
    if (!items || !items.length) { return null; }
    var control = L.control({position: "bottomright"});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "ui-map-legend");
      items.forEach(function (item) {
        var row = document.createElement("div");
        var swatch = document.createElement("span");
        swatch.className = "ui-map-swatch"; swatch.style.background = item.colour;
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(item.label));
        div.appendChild(row);
      });
      return div;
    };
    control.addTo(map);
    return control;
  }

  function draw(state, data, keepView) {
    var map = state.map;
    state.layers.forEach(function (layer) { map.removeLayer(layer); });
    state.layers = [];
    if (state.control) { map.removeControl(state.control); state.control = null; }
    if (state.legend) { map.removeControl(state.legend); state.legend = null; }
    var groups = {}, order = [];
    (data.features || []).forEach(function (feature) {
      var name = (feature.properties && feature.properties.group) || "";
      if (!groups[name]) { groups[name] = []; order.push(name); }
      groups[name].push(feature);
    });
    var overlays = {}, bounds = L.latLngBounds([]);
    order.forEach(function (name) {
      var layer = L.geoJSON({type: "FeatureCollection", features: groups[name]}, {
        style: function (feature) {
          var c = feature.properties.colour;
          return {color: c, weight: 2, fillColor: c, fillOpacity: 0.35};
        },
        pointToLayer: function (feature, latlng) {
          var c = feature.properties.colour;
          return L.circleMarker(latlng, {radius: feature.properties.radius || 7, color: "#fff", weight: 1.5,
                                         fillColor: c, fillOpacity: 0.9});
        },
        onEachFeature: function (feature, layer) {
          layer.bindPopup(popup(feature.properties, state.openLabel), {autoPanPadding: [24, 24]});
          if (feature.properties.title) { layer.bindTooltip(feature.properties.title); }
        }
      }).addTo(map);
      state.layers.push(layer);
      if (name) { overlays[name] = layer; }
      var b = layer.getBounds();
      if (b.isValid()) { bounds.extend(b); }
    });
    if (Object.keys(overlays).length > 1) {
      state.control = L.control.layers(null, overlays, {collapsed: map.getContainer().clientWidth < 600, position: "bottomleft"}).addTo(map);
    }
    state.legend = legend(map, data.legend);
    if (keepView) {
      return;
    } else if (bounds.isValid()) {
      map.fitBounds(bounds, {padding: [16, 16], maxZoom: 16});
    } else if (data.centre) {
      map.setView([data.centre[1], data.centre[0]], data.zoom || 11);
    } else {
      map.setView([30.0, 120.0], 7);
    }
  }

  function init(el) {
    var source = document.getElementById(el.dataset.source);
    var data = source ? JSON.parse(source.textContent) : {features: []};
    var map = L.map(el, {attributionControl: true, scrollWheelZoom: false});
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, {attribution: el.dataset.attribution || "", maxZoom: 18}).addTo(map);
    } else {
      el.classList.add("ui-map-plain");
      map.attributionControl.addAttribution(el.dataset.noTiles || "");
    }
    var state = {map: map, layers: [], control: null, legend: null, openLabel: el.dataset.open || "查看"};
    draw(state, data);
    maps[el.id] = {map: map, setData: function (collection, options) {
      draw(state, collection, Boolean(options && options.keepView));
    }};
    el.dataset.ready = "1";
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".ui-map:not([data-ready])"), init);
  }
  window.ZhiliMap = {get: function (id) { return maps[id]; }, start: start};
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  document.addEventListener("htmx:afterSettle", start);  // a map inside content htmx swapped in
})();

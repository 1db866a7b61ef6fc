/* The field check form: "使用手机定位" fills longitude and latitude from the phone's position (WGS84). */
(function () {
  "use strict";
  function start() {
    var button = document.getElementById("locate");
    if (!button || !navigator.geolocation) { return; }
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (position) {
        document.getElementById("id_lon").value = position.coords.longitude.toFixed(7);
        document.getElementById("id_lat").value = position.coords.latitude.toFixed(7);
      }, function () { button.classList.add("btn-outline-danger"); }, {enableHighAccuracy: true, timeout: 15000});
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

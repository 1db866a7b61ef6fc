/* 浙里急救: the one-button call (position shared with consent), the caller's live progress, the console's refresh
 * on new calls, and the crew terminal's position report. Everything works without it except live updates. */
(function () {
  "use strict";

  function geolocate(timeoutMs) {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) return resolve(null);
      navigator.geolocation.getCurrentPosition(
        function (p) { resolve(p.coords); },
        function () { resolve(null); },
        { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30000 });
    });
  }

  function setupCall() {
    const form = document.getElementById("call-form");
    if (!form) return;
    let asked = false;
    form.addEventListener("submit", function (event) {
      if (asked || document.getElementById("no-location").checked) return;
      event.preventDefault();
      asked = true;
      const button = document.getElementById("call-button");
      button.disabled = true;
      button.textContent = form.dataset.locating;
      geolocate(6000).then(function (coords) {
        if (coords) {
          form.querySelector("[name=lon]").value = coords.longitude;
          form.querySelector("[name=lat]").value = coords.latitude;
          form.querySelector("[name=accuracy_m]").value = coords.accuracy;
        }
        form.submit();
      });
    });
  }

  function setupProgress() {
    const box = document.getElementById("call-progress");
    if (!box || !window.ZhiliLive) return;
    const list = document.getElementById("progress-list");
    const eta = document.getElementById("eta");
    const history = JSON.parse(document.getElementById("progress-history").textContent);
    let last = 0;
    function show(r) {
      const li = document.createElement("li");
      li.textContent = (r.at || "").slice(11, 19) + " " + r.text;
      if (r.kind !== "position") list.prepend(li);
      const d = r.data || {};
      if (d.eta_s !== undefined) eta.textContent = eta.textContent.replace(/\d+/, String(d.eta_s));
      if (d.lon !== undefined && window.ZhiliMap) {
        const map = window.ZhiliMap.get(box.dataset.map);
        const features = [];
        if (box.dataset.callLon) {
          features.push({type: "Feature", geometry: {type: "Point", coordinates: [Number(box.dataset.callLon), Number(box.dataset.callLat)]},
                         properties: {title: "", colour: "#d93026", radius: 9}});
        }
        features.push({type: "Feature", geometry: {type: "Point", coordinates: [d.lon, d.lat]}, properties: {title: "120", colour: "#1e6fd9", radius: 7}});
        if (map) map.setData({type: "FeatureCollection", features: features});
      }
      last = Math.max(last, r.seq);
    }
    history.forEach(show);
    window.ZhiliLive.connect({url: box.dataset.eventsUrl, pollUrl: box.dataset.pollUrl, after: last, onMessage: show});
  }

  function setupConsole(id) {
    const box = document.getElementById(id);
    if (!box || !box.dataset.eventsUrl || !window.ZhiliLive) return;
    window.ZhiliLive.connect({url: box.dataset.eventsUrl, after: Number(box.dataset.after || 0),
      onMessage: function () { window.location.reload(); }});
  }

  function setupCrew() {
    const card = document.getElementById("run-card");
    const button = document.getElementById("report-position");
    if (!card || !button) return;
    const csrf = document.querySelector("meta[name=csrf-token]").content;
    button.addEventListener("click", function () {
      geolocate(8000).then(function (coords) {
        if (!coords) return;
        const body = new FormData();
        body.append("lon", coords.longitude);
        body.append("lat", coords.latitude);
        fetch(card.dataset.positionUrl, {method: "POST", body: body, headers: {"X-CSRFToken": csrf}, credentials: "same-origin"});
      });
    });
  }

  function setupVolunteer() {
    const form = document.getElementById("volunteer-form");
    if (!form) return;
    let asked = false;
    form.addEventListener("submit", function (event) {
      if (asked) return;
      event.preventDefault();
      asked = true;
      geolocate(8000).then(function (coords) {
        if (coords) {
          form.querySelector("[name=lon]").value = coords.longitude;
          form.querySelector("[name=lat]").value = coords.latitude;
        }
        form.submit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupVolunteer();
    setupCall();
    setupProgress();
    setupConsole("console");
    setupConsole("incoming");
    setupCrew();
  });
})();

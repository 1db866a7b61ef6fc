/* The mediation room: show the session's messages as they arrive (core.live), post text, hand in evidence.
 * Configuration comes from #room's data attributes; the history already on the page from #room-history. */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    const room = document.getElementById("room");
    if (!room) return;
    const list = document.getElementById("room-messages");
    const state = document.getElementById("live-state");
    const errorBox = document.getElementById("room-error");
    const csrf = document.querySelector("meta[name=csrf-token]").content;
    const labels = JSON.parse(room.dataset.labels);

    function show(r) {
      const li = document.createElement("li");
      li.dataset.seq = r.seq;
      if (r.kind === "evidence") li.className = "evidence";
      const who = document.createElement("span");
      who.className = "who";
      who.textContent = r.author || "";
      const text = document.createElement("span");
      text.textContent = r.text;
      li.append(who, text);
      if (r.kind === "evidence" && r.data && r.data.evidence_id) {
        const a = document.createElement("a");
        a.href = room.dataset.evidenceUrl + r.data.evidence_id + "/";
        a.textContent = " SHA-256 " + String(r.data.sha256).slice(0, 12) + "…";
        li.append(a);
      }
      list.append(li);
      list.scrollTop = list.scrollHeight;
    }

    JSON.parse(document.getElementById("room-history").textContent).forEach(show);
    window.ZhiliLive.connect({
      url: room.dataset.eventsUrl,
      pollUrl: room.dataset.pollUrl,
      after: Number(room.dataset.after || 0),
      onMessage: show,
      onState: function (s) { state.textContent = labels[s] || s; state.dataset.state = s; },
    });

    function send(form) {
      errorBox.hidden = true;
      return fetch(form.dataset.url, {
        method: "POST", body: new FormData(form), headers: { "X-CSRFToken": csrf }, credentials: "same-origin",
      }).then(function (resp) {
        return resp.json().then(function (data) {
          if (!resp.ok) {
            errorBox.textContent = Object.values(data.errors || {}).flat().join("；");
            errorBox.hidden = false;
            return false;
          }
          return true;
        });
      }).catch(function () {
        errorBox.textContent = labels.failed;
        errorBox.hidden = false;
        return false;
      });
    }

    // The mediator's voice: record with MediaRecorder, upload, append the draft to the record box (never saved
    // by itself: the mediator reads, corrects and saves it like typed text).
    const speech = document.getElementById("speech");
    if (speech) {
      const button = document.getElementById("speech-record");
      const speechState = document.getElementById("speech-state");
      const box = document.getElementById("record-box");
      const words = JSON.parse(speech.dataset.labels);
      let recorder = null;
      let chunks = [];

      function upload(blob) {
        const body = new FormData();
        body.append("audio", blob, "speech");
        speechState.textContent = words.working;
        button.disabled = true;
        fetch(speech.dataset.url, {
          method: "POST", body: body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin",
        }).then(function (resp) {
          return resp.json().then(function (data) {
            if (!resp.ok) {
              speechState.textContent = Object.values(data.errors || {}).flat().join("；");
              return;
            }
            if (data.text) box.value = box.value ? box.value.replace(/\s*$/, "\n") + data.text : data.text;
            box.dispatchEvent(new Event("input"));
            speechState.textContent = words.done.replace("{seconds}", data.seconds);
          });
        }).catch(function () {
          speechState.textContent = labels.failed;
        }).finally(function () { button.disabled = false; });
      }

      button.addEventListener("click", function () {
        if (recorder && recorder.state === "recording") {
          recorder.stop();
          return;
        }
        if (!navigator.mediaDevices || !window.MediaRecorder) {
          speechState.textContent = words.unsupported;
          return;
        }
        navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
          chunks = [];
          recorder = new MediaRecorder(stream);
          recorder.addEventListener("dataavailable", function (e) { if (e.data.size) chunks.push(e.data); });
          recorder.addEventListener("stop", function () {
            stream.getTracks().forEach(function (t) { t.stop(); });
            button.textContent = words.record;
            upload(new Blob(chunks, { type: recorder.mimeType }));
          });
          recorder.start();
          button.textContent = words.stop;
          speechState.textContent = words.recording;
        }).catch(function () {
          speechState.textContent = words.denied;
        });
      });
    }

    ["room-form", "upload-form"].forEach(function (id) {
      const form = document.getElementById(id);
      if (!form) return;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        send(form).then(function (ok) { if (ok) form.reset(); });
      });
    });
  });
})();

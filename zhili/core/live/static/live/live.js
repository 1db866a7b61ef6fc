/* core.live client: keep a channel's stream open, resume after the last message seen, never show one twice.
 *
 *   const conn = ZhiliLive.connect({
 *     url: "/…/events",        // text/event-stream (event_stream)
 *     pollUrl: "/…/poll",      // long poll (poll_response), used when EventSource is missing or keeps failing
 *     after: 0,                // the newest number already on the page
 *     onMessage(record) {},    // each message once, in order
 *     onState(state) {},       // "live" | "reconnecting" | "polling" | "closed"
 *   });
 *   conn.close();
 */
(function () {
  "use strict";

  function withAfter(url, after) {
    return url + (url.indexOf("?") >= 0 ? "&" : "?") + "after=" + after;
  }

  function connect(options) {
    let last = Number(options.after || 0);
    let source = null;
    let closed = false;
    let failures = 0;
    const onState = options.onState || function () {};

    function take(record) {
      if (!record || typeof record.seq !== "number" || record.seq <= last) return;
      if (record.seq !== last + 1 && last > 0) {
        // A gap (should not happen: the server sends in order). Fetch what is missing before showing more.
        catchUp();
        return;
      }
      last = record.seq;
      options.onMessage(record);
    }

    function openStream() {
      if (closed) return;
      source = new EventSource(withAfter(options.url, last), { withCredentials: true });
      source.addEventListener("open", function () { failures = 0; onState("live"); });
      source.addEventListener("message", function (event) {
        try { take(JSON.parse(event.data)); } catch (e) { /* a malformed frame is skipped */ }
      });
      source.addEventListener("error", function () {
        if (closed) return;
        failures += 1;
        if (source.readyState === EventSource.CLOSED) {
          // The server refused the stream (or the browser gave up): reopen from our own last number.
          source = null;
          if (failures > 5 && options.pollUrl) { poll(); return; }
          setTimeout(openStream, Math.min(1000 * failures, 10000));
        }
        onState("reconnecting");
      });
    }

    let polling = false;
    function poll() {
      if (closed || polling) return;
      polling = true;
      onState("polling");
      fetch(withAfter(options.pollUrl, last) + "&wait=25", { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (body) { body.messages.forEach(take); polling = false; setTimeout(poll, 0); })
        .catch(function () { polling = false; setTimeout(poll, 3000); });
    }

    let catching = false;
    function catchUp() {
      if (!options.pollUrl || catching) return;
      catching = true;
      fetch(withAfter(options.pollUrl, last), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { messages: [] }; })
        .then(function (body) { body.messages.forEach(take); })
        .finally(function () { catching = false; });
    }

    if (typeof window.EventSource === "function") openStream(); else poll();
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") catchUp();
    });

    return {
      close: function () { closed = true; if (source) source.close(); onState("closed"); },
      lastSeq: function () { return last; },
      catchUp: catchUp,
    };
  }

  window.ZhiliLive = { connect: connect };
})();

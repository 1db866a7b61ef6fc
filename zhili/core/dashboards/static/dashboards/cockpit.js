/* Cockpit (驾驶舱): fetch the JSON of every analysis for the current filters and redraw each panel.
   Every analysis is a table (first column = categories, other columns = cells {value, display}); the chart is
   drawn from the same table, so suppressed cells ("<5") are gaps in the chart and text in the table. */
(function () {
  // Black or white text, whichever reads better on a level's colour ("#rrggbb"; the rule of core.ui's badges).
  function textOn(colour) {
    var m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour || "");
    if (!m) return "#fff";
    var l = [m[1], m[2], m[3]].map(function (h) {
      var v = parseInt(h, 16) / 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    var luminance = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#fff" : "#1f2329";
  }

  "use strict";
  var root = document.getElementById("cockpit");
  if (!root) { return; }
  var form = document.getElementById("cockpit-filters");
  var statusEl = document.getElementById("cockpit-status");
  var crumbs = document.getElementById("cockpit-crumbs");
  var upButton = document.getElementById("cockpit-up");
  var charts = {};
  var request = 0;

  function text(value) { return value === null || value === undefined ? "" : String(value); }
  function cellDisplay(cell) { return cell && typeof cell === "object" ? text(cell.display) : text(cell); }
  function cellValue(cell) { return cell && typeof cell === "object" ? cell.value : null; }

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) { if (value !== "") { params.append(key, value); } });
    return params.toString();
  }

  function setFilter(name, value) {
    var el = document.getElementById("filter-" + name);
    if (!el) { return; }
    if (el.tagName === "SELECT" && value && !Array.prototype.some.call(el.options, function (o) { return o.value === value; })) {
      var option = document.createElement("option");
      option.value = value; option.textContent = value; el.appendChild(option);
    }
    el.value = value || "";
  }

  function table(result) {
    var t = document.createElement("table");
    var head = t.createTHead().insertRow();
    result.headers.forEach(function (h) { var th = document.createElement("th"); th.textContent = h; head.appendChild(th); });
    var body = t.createTBody();
    result.rows.forEach(function (row, i) {
      var tr = body.insertRow();
      row.forEach(function (cell, j) {
        var td = tr.insertCell(); td.textContent = cellDisplay(cell);
        if (j > 0) { td.className = "num"; }
      });
      var drill = result.drill[i];
      if (drill && Object.keys(drill).length) {
        tr.className = "drill"; tr.title = "点击下钻";
        tr.addEventListener("click", function () {
          Object.keys(drill).forEach(function (k) { setFilter(k, drill[k]); });
          load();
        });
      }
    });
    return t;
  }

  function kpis(result) {
    var box = document.createElement("div"); box.className = "kpis";
    result.rows.forEach(function (row) {
      var k = document.createElement("div"); k.className = "kpi";
      if (row[2] && row[2].colour) { k.style.setProperty("--c", row[2].colour); k.title = row[2].label; }
      var label = document.createElement("span"); label.textContent = cellDisplay(row[0]);
      var value = document.createElement("strong"); value.textContent = cellDisplay(row[1]);
      value.className = "kpi-value";
      k.appendChild(label); k.appendChild(value); box.appendChild(k);
    });
    return box;
  }

  // A total row ("合计", or a first cell marked total) is a sum of the others: a table shows it, a chart never
  // plots it as a category (it would be half of every pie and the longest bar).
  function isTotal(row) {
    var first = row[0];
    if (first && typeof first === "object" && first.total) { return true; }
    var label = cellDisplay(first).trim();
    return label === "合计" || label === "总计" || label === "Total";
  }
  function allIntegers(values) {
    return values.every(function (v) { return v === null || v === undefined || Math.floor(v) === v; });
  }

  function chartOption(kind, result) {
    var rows = result.rows.filter(function (r) { return !isTotal(r); });
    var categories = rows.map(function (r) { return cellDisplay(r[0]); });
    var columns = result.series_columns;
    if (kind === "pie") {
      var c = columns[0];
      return { tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
        series: [{ type: "pie", radius: ["35%", "60%"], avoidLabelOverlap: true,
          // Labels sit against the panel's edges and break within the room left beside the ring, so a long
          // category name wraps instead of running off a narrow panel.
          label: { alignTo: "edge", edgeDistance: 6, minMargin: 4, overflow: "break" },
          labelLine: { length: 8, length2: 0, maxSurfaceAngle: 80 }, labelLayout: { hideOverlap: true },
          data: rows.map(function (r) { return { name: cellDisplay(r[0]), value: cellValue(r[c]) }; })
            .filter(function (d) { return d.value !== null && d.value !== undefined; }) }] };
    }
    var horizontal = kind === "hbar";
    var values = [];
    var series = columns.map(function (c) {
      var data = rows.map(function (r) { return cellValue(r[c]); });
      values = values.concat(data);
      return { name: result.headers[c], type: kind === "line" ? "line" : "bar", data: data, connectNulls: false };
    });
    var catAxis = { type: "category", data: categories, axisLabel: { interval: 0, hideOverlap: true,
      rotate: horizontal ? 0 : (categories.length > 6 ? 30 : 0), width: horizontal ? 100 : 80, overflow: "truncate" } };
    // Counts step by whole numbers (no "0.2 家" on an axis).
    var valAxis = allIntegers(values) ? { type: "value", minInterval: 1 } : { type: "value" };
    return { tooltip: { trigger: "axis" }, legend: { show: series.length > 1, top: 0 },
      grid: { left: 10, right: 15, top: series.length > 1 ? 28 : 12, bottom: 10, containLabel: true },
      xAxis: horizontal ? valAxis : catAxis, yAxis: horizontal ? Object.assign({}, catAxis, { inverse: true }) : valAxis,
      series: series };
  }

  function draw(panel, result) {
    var kind = panel.getAttribute("data-chart");
    var body = panel.querySelector(".body");
    body.textContent = "";
    body.appendChild(kind === "kpi" ? kpis(result) : table(result));
    var note = panel.querySelector(".note");
    note.textContent = [result.note, result.reference ? "依据：" + result.reference : ""].filter(Boolean).join(" ");
    var level = panel.querySelector(".level");
    if (result.level) {
      level.hidden = false; level.textContent = result.level.label; level.style.setProperty("--c", result.level.colour);
      level.style.setProperty("--c-text", textOn(result.level.colour));
      panel.setAttribute("data-level", result.level.level);
    } else { level.hidden = true; panel.removeAttribute("data-level"); }
    var holder = panel.querySelector(".chart");
    if (holder && window.echarts) {
      var code = panel.getAttribute("data-widget");
      if (!charts[code]) {
        charts[code] = window.echarts.init(holder, null, { renderer: "canvas" });
        charts[code].on("click", function (params) {
          var rows = panel._result ? panel._result.rows : [];
          var index = rows.findIndex(function (r) { return cellDisplay(r[0]) === params.name; });
          var drill = (panel._result && panel._result.drill || [])[index];
          if (drill && Object.keys(drill).length) { Object.keys(drill).forEach(function (k) { setFilter(k, drill[k]); }); load(); }
        });
      }
      panel._result = result;
      charts[code].setOption(chartOption(kind, result), true);
    }
  }

  function drawCrumbs(scope) {
    crumbs.textContent = "";
    (scope.crumbs || []).forEach(function (c, i) {
      if (i) { crumbs.appendChild(document.createTextNode(" › ")); }
      var a = document.createElement("a"); a.href = "#"; a.textContent = c.label;
      a.addEventListener("click", function (e) { e.preventDefault(); setFilter("region", c.region); setFilter("employer", ""); load(); });
      crumbs.appendChild(a);
    });
    upButton.hidden = !scope.up;
    upButton.onclick = function () { if (scope.up) { Object.keys(scope.up).forEach(function (k) { setFilter(k, scope.up[k]); }); load(); } };
  }

  function load() {
    var mine = ++request;
    root.setAttribute("aria-busy", "true");
    statusEl.textContent = "加载中…";
    fetch(root.getAttribute("data-url") + "?" + query(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { return response.json().then(function (b) { throw new Error(b.error || response.statusText); }); }
        return response.json();
      })
      .then(function (data) {
        if (mine !== request) { return; }
        document.querySelectorAll("#cockpit [data-widget]").forEach(function (panel) {
          var result = data.analyses[panel.getAttribute("data-widget")];
          if (result) { draw(panel, result); }
        });
        drawCrumbs(data.scope || {});
        statusEl.textContent = data.status || "";
        root.setAttribute("data-version", text(data.version));
        root.setAttribute("aria-busy", "false");
      })
      .catch(function (error) { statusEl.textContent = "加载失败：" + error.message; root.setAttribute("aria-busy", "false"); });
  }

  form.addEventListener("change", function (e) {
    if (e.target && e.target.name === "region") { setFilter("employer", ""); }
    load();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); load(); });
  root.addEventListener("click", function (e) {
    var link = e.target.closest("[data-export]");
    if (!link) { return; }
    e.preventDefault();
    window.location.href = root.getAttribute("data-export-url").replace("__code__", link.getAttribute("data-export")) + "?" + query();
  });
  window.addEventListener("resize", function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  load();
})();

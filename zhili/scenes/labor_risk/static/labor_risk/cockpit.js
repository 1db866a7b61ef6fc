/* Labor-risk cockpit: draws the charts from the JSON data island #cockpit-data; clicks drill down to the list. */
(function () {
  "use strict";
  var island = document.getElementById("cockpit-data");
  if (!island || typeof echarts === "undefined") { return; }
  var data = JSON.parse(island.textContent);
  var listUrl = document.getElementById("cockpit-links").dataset.warnings;
  function go(params) { window.location.href = listUrl + "?" + new URLSearchParams(params).toString(); }
  function chart(id) { var el = document.getElementById(id); el.dataset.ready = "1"; return echarts.init(el); }

  var warned = data.levels.filter(function (l) { return l.level !== "none"; });
  var levels = chart("chart-levels");
  levels.setOption({
    tooltip: {trigger: "item"},
    series: [{type: "pie", radius: ["35%", "70%"], data: warned.map(function (l) {
      return {name: l.label, value: l.count, level: l.level, itemStyle: {color: l.colour}};
    })}]
  });
  levels.on("click", function (p) { go({level: p.data.level}); });

  var ranking = chart("chart-ranking");
  var top = data.ranking.slice(0, 10).reverse();
  ranking.setOption({
    tooltip: {trigger: "axis"}, grid: {left: 90, right: 20, top: 10, bottom: 30},
    xAxis: {type: "value"}, yAxis: {type: "category", data: top.map(function (r) { return r.name; })},
    series: [
      {name: "红色", type: "bar", stack: "n", itemStyle: {color: "#d93026"}, data: top.map(function (r) { return r.red; })},
      {name: "橙色", type: "bar", stack: "n", itemStyle: {color: "#f5871f"}, data: top.map(function (r) { return r.orange; })}
    ]
  });
  ranking.on("click", function (p) { go({region: top[p.dataIndex].region}); });

  var trend = chart("chart-trend");
  trend.setOption({
    tooltip: {trigger: "axis"}, legend: {bottom: 0}, grid: {left: 40, right: 20, top: 10, bottom: 50},
    xAxis: {type: "category", data: data.trend.periods}, yAxis: {type: "value"},
    series: data.trend.series.map(function (s) {
      return {name: s.label, type: "line", itemStyle: {color: s.colour}, data: s.counts};
    })
  });

  var heat = chart("chart-heat");
  var max = data.heat.cells.reduce(function (m, c) { return Math.max(m, c[2]); }, 1);
  heat.setOption({
    tooltip: {position: "top"}, grid: {left: 110, right: 20, top: 10, bottom: 90},
    xAxis: {type: "category", data: data.heat.industries.map(function (i) { return i.name; }), axisLabel: {rotate: 40}},
    yAxis: {type: "category", data: data.heat.towns.map(function (t) { return t.name; })},
    visualMap: {min: 0, max: max, calculable: true, orient: "horizontal", left: "center", bottom: 0,
                inRange: {color: ["#fff4e5", "#f5871f", "#d93026"]}},
    series: [{type: "heatmap", data: data.heat.cells, label: {show: true}}]
  });
  heat.on("click", function (p) {
    go({region: data.heat.towns[p.data[1]].code, industry: data.heat.industries[p.data[0]].code});
  });
  window.addEventListener("resize", function () { [levels, ranking, trend, heat].forEach(function (c) { c.resize(); }); });
})();

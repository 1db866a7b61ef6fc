// The cockpit's chart: online application, data-sharing and timely approval rates per town (suppressed cells blank).
document.addEventListener("DOMContentLoaded", () => {
  const data = JSON.parse(document.getElementById("cockpit-data").textContent);
  const element = document.getElementById("chart-rates");
  if (!element || !window.echarts) return;
  const names = {online_rate: "网上申报率", sharing_rate: "数据共享率", timely_rate: "审批及时率", completeness: "资料完整率"};
  const chart = echarts.init(element);
  chart.setOption({
    tooltip: {trigger: "axis"}, legend: {top: 0}, grid: {left: 40, right: 10, top: 40, bottom: 60},
    xAxis: {type: "category", data: data.labels, axisLabel: {rotate: 30}}, yAxis: {type: "value", max: 100},
    series: Object.entries(names).map(([key, name]) => ({name, type: "bar", data: data.series[key]})),
  });
  window.addEventListener("resize", () => chart.resize());
});

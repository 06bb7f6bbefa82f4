// The AQI calendar heatmap of the dashboard (ECharts, served from the project's static files).
// Data come from the page itself (json_script), so the page needs no request and no internet.
(function () {
  "use strict";
  var node = document.getElementById("dashboard-calendar");
  var target = document.getElementById("aqi-calendar");
  if (!node || !target || !window.echarts) {
    return;
  }
  var cal = JSON.parse(node.textContent);
  var en = target.dataset.lang === "en";
  var byLevel = {};
  cal.levels.forEach(function (lv) {
    byLevel[lv.level] = lv;
  });
  function category(level) {
    var lv = byLevel[level];
    return lv ? (en ? lv.category_en : lv.category_zh) : "";
  }
  var chart = echarts.init(target);
  chart.setOption({
    tooltip: {
      formatter: function (p) {
        return p.value[0] + "<br>AQI " + p.value[1] + " · " + category(p.value[2]);
      }
    },
    visualMap: {
      type: "piecewise",
      dimension: 2,
      orient: "horizontal",
      left: "center",
      top: 0,
      pieces: cal.levels.map(function (lv) {
        var range = lv.aqi_hi === null ? ">" + (lv.aqi_lo - 1) : lv.aqi_lo + "–" + lv.aqi_hi;
        return {
          value: lv.level,
          color: lv.colour,
          label: (en ? lv.category_en : lv.category_zh) + " " + range
        };
      })
    },
    calendar: {
      range: cal.start.slice(0, 4),
      top: 70,
      left: 50,
      right: 20,
      cellSize: ["auto", 18],
      splitLine: { lineStyle: { color: "#666", width: 1 } },
      itemStyle: { borderColor: "#ddd", borderWidth: 1 },
      dayLabel: { firstDay: 1, nameMap: en ? "EN" : "ZH" },
      monthLabel: { nameMap: en ? "EN" : "ZH" },
      yearLabel: { show: true }
    },
    series: [{ type: "heatmap", coordinateSystem: "calendar", data: cal.days }]
  });
  window.addEventListener("resize", function () {
    chart.resize();
  });
})();

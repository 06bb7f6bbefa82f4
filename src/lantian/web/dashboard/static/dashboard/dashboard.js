// The dashboard's charts (ECharts, served from the project's static files): the AQI calendar
// heatmap and the ledger's tasks per status. Data come from the page itself (json_script), so the
// page needs no request and no internet.
(function () {
  "use strict";
  if (!window.echarts) {
    return;
  }
  var charts = [];

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function aqiCalendar(target, cal) {
    var en = target.dataset.lang === "en";
    var byLevel = {};
    cal.levels.forEach(function (lv) {
      byLevel[lv.level] = lv;
    });
    function category(level) {
      var lv = byLevel[level];
      return lv ? (en ? lv.category_en : lv.category_zh) : "";
    }
    // on a narrow card the legend names the categories only (the ranges are in the tooltip)
    var compact = target.clientWidth < 720;
    function range(lv) {
      return lv.aqi_hi === null ? ">" + (lv.aqi_lo - 1) : lv.aqi_lo + "–" + lv.aqi_hi;
    }
    var chart = echarts.init(target);
    chart.setOption({
      tooltip: {
        formatter: function (p) {
          var lv = byLevel[p.value[2]];
          var span = lv ? " (" + range(lv) + ")" : "";
          return p.value[0] + "<br>AQI " + p.value[1] + " · " + category(p.value[2]) + span;
        }
      },
      visualMap: {
        type: "piecewise",
        dimension: 2,
        orient: "horizontal",
        left: "center",
        top: 0,
        itemGap: 10,
        itemWidth: 14,
        textGap: 4,
        textStyle: { color: "#4a5868", fontSize: 11 },
        pieces: cal.levels.map(function (lv) {
          var name = en ? lv.category_en : lv.category_zh;
          return {
            value: lv.level,
            color: lv.colour,
            label: compact ? name : name + " " + range(lv)
          };
        })
      },
      calendar: {
        range: cal.start.slice(0, 4),
        top: 64,
        left: 40,
        right: 12,
        cellSize: ["auto", 18],
        splitLine: { lineStyle: { color: "#8a96a3", width: 1 } },
        itemStyle: { color: "#f6f8fa", borderColor: "#e1e6ec", borderWidth: 1 },
        dayLabel: { firstDay: 1, nameMap: en ? "EN" : "ZH", color: "#6b7785" },
        monthLabel: { nameMap: en ? "EN" : "ZH", color: "#4a5868" },
        yearLabel: { show: false }
      },
      series: [{ type: "heatmap", coordinateSystem: "calendar", data: cal.days }]
    });
    return chart;
  }

  function statusDonut(target, statuses) {
    var en = target.dataset.lang === "en";  // names of the statuses; the rest comes translated
    var shown = statuses.filter(function (s) {
      return s.count > 0;
    });
    var total = shown.reduce(function (sum, s) {
      return sum + s.count;
    }, 0);
    var chart = echarts.init(target);
    chart.setOption({
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      title: {
        text: String(total),
        subtext: target.dataset.unit || "",
        left: "center",
        top: "38%",
        textStyle: { fontSize: 24, fontWeight: 600, color: "#1d2733" },
        subtextStyle: { color: "#6b7785" },
        itemGap: 2
      },
      series: [
        {
          type: "pie",
          radius: ["55%", "82%"],
          avoidLabelOverlap: true,
          label: { show: false },
          itemStyle: { borderColor: "#fff", borderWidth: 2 },
          data: shown.map(function (s) {
            return {
              name: en ? s.en : s.zh,
              value: s.count,
              url: s.url,
              itemStyle: { color: s.hex }
            };
          })
        }
      ]
    });
    // a click on a status opens the ledger filtered by it, as the list beside does
    chart.on("click", function (p) {
      if (p.data && p.data.url) {
        window.location.href = p.data.url;
      }
    });
    return chart;
  }

  var calendarNode = document.getElementById("aqi-calendar");
  var calendar = data("dashboard-calendar");
  if (calendarNode && calendar) {
    charts.push(aqiCalendar(calendarNode, calendar));
  }
  var statusNode = document.getElementById("ledger-status-chart");
  var statuses = data("dashboard-ledger-statuses");
  if (statusNode && statuses) {
    charts.push(statusDonut(statusNode, statuses));
  }
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) {
      chart.resize();
    });
  });
})();

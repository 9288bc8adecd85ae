/* Charts of the dashboard (Tổng quan), drawn with the vendored Chart.js.
 *
 * The numbers come from the page's <script type="application/json" id="dashboard-data"> block, built on the
 * server from the same figures as the tables beside the charts; each <canvas data-chart="KEY"> shows entry KEY.
 * An entry is {labels, series: [{label, values, hrefs?}], stacked?, horizontal?, line?, percent?}. Clicking a
 * bar or point opens its register list (hrefs). Without JavaScript the tables still hold every number. */
(function () {
  "use strict";

  var COLOURS = ["#8b1c1c", "#d9822b", "#2f6690", "#3a7d44", "#6c757d", "#7b2cbf"];
  var AGING_COLOURS = ["#f2c14e", "#f08a4b", "#d1495b", "#7d1128"];

  function numberFormat(percent) {
    var format = new Intl.NumberFormat(document.documentElement.lang || "vi", {
      maximumFractionDigits: percent ? 2 : 0
    });
    return function (value) {
      return value === null || value === undefined ? "—" : format.format(value) + (percent ? "%" : "");
    };
  }

  function colours(entry) {
    return entry.stacked && entry.series.length === 4 ? AGING_COLOURS : COLOURS;
  }

  function datasets(entry) {
    var palette = colours(entry);
    return entry.series.map(function (series, index) {
      // a single series of bars is the aging chart: one colour per age, darker as it gets older
      var colour = entry.series.length === 1 && !entry.line ? AGING_COLOURS : palette[index % palette.length];
      return {
        label: series.label,
        data: series.values,
        hrefs: series.hrefs || [],
        backgroundColor: colour,
        borderColor: colour,
        tension: 0.2,
        spanGaps: false
      };
    });
  }

  function openLink(chart, elements) {
    if (!elements.length) {
      return;
    }
    var dataset = chart.data.datasets[elements[0].datasetIndex];
    var href = dataset.hrefs[elements[0].index];
    if (href) {
      window.location.href = href;
    }
  }

  function options(entry) {
    var format = numberFormat(entry.percent);
    var valueAxis = entry.horizontal ? "x" : "y";
    var scales = {x: {stacked: !!entry.stacked}, y: {stacked: !!entry.stacked}};
    scales[valueAxis].beginAtZero = true;
    scales[valueAxis].ticks = {callback: format, precision: entry.percent ? undefined : 0};
    if (entry.percent) {
      scales[valueAxis].max = 100;
    }
    return {
      indexAxis: entry.horizontal ? "y" : "x",
      maintainAspectRatio: false,
      responsive: true,
      animation: false,
      scales: scales,
      onClick: function (event, elements, chart) { openLink(chart, elements); },
      plugins: {
        legend: {display: entry.series.length > 1, position: "bottom"},
        tooltip: {callbacks: {label: function (item) { return item.dataset.label + ": " + format(item.raw); }}}
      }
    };
  }

  function draw(canvas, entry) {
    /* global Chart */
    return new Chart(canvas, {
      type: entry.line ? "line" : "bar",
      data: {labels: entry.labels, datasets: datasets(entry)},
      options: options(entry)
    });
  }

  function start() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    document.querySelectorAll("[data-chart-height]").forEach(function (box) {
      // set here, not in a style attribute: the Content-Security-Policy refuses inline styles
      box.style.height = box.dataset.chartHeight + "px";
    });
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var entry = data[canvas.dataset.chart];
      if (entry && entry.labels.length) {
        draw(canvas, entry);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// Draws the lead-indicator charts with the locally served Chart.js (global `Chart`). An enhancement only: the
// readings table beside each chart says every value and its RAG in words. Data comes from the canvas's
// data-indicator-chart attribute (JSON; no inline script, so a Content-Security-Policy can forbid them).
// The amber and red bands are painted behind the line by a small plugin; the baseline is a dashed line.
(function () {
  'use strict';
  if (!window.Chart) return;
  var colours = { Green: '#00703c', Amber: '#ffdd00', Red: '#d4351c' };

  var bands = {
    id: 'thresholdBands',
    beforeDatasetsDraw: function (chart, args, opts) {
      var y = chart.scales.y, area = chart.chartArea, ctx = chart.ctx, d = opts.data;
      if (!y || !d) return;
      function band(from, to, colour) {
        var top = Math.max(area.top, Math.min(y.getPixelForValue(from), y.getPixelForValue(to)));
        var bottom = Math.min(area.bottom, Math.max(y.getPixelForValue(from), y.getPixelForValue(to)));
        if (bottom <= top) return;
        ctx.save();
        ctx.fillStyle = colour;
        ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
        ctx.restore();
      }
      var far = d.lowerIsBetter ? y.max : y.min;
      band(d.amber, d.red, 'rgba(255, 191, 71, 0.25)');
      band(d.red, far, 'rgba(212, 53, 28, 0.18)');
    }
  };

  function draw(canvas) {
    var d = JSON.parse(canvas.getAttribute('data-indicator-chart'));
    var labels = d.points.map(function (p) { return p.date; });
    var values = d.points.map(function (p) { return p.value; });
    var all = values.concat([d.baseline, d.amber, d.red]);
    var min = Math.min.apply(null, all), max = Math.max.apply(null, all), pad = (max - min) * 0.15 || 1;
    new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: labels,
        datasets: [
          {
            label: d.name + ' (' + d.unit + ')',
            data: values,
            borderColor: '#0b0c0c',
            pointBackgroundColor: d.points.map(function (p) { return p.inWindow ? colours[p.rag] : '#b1b4b6'; }),
            pointStyle: d.points.map(function (p) { return p.rag === 'Red' ? 'rect' : p.rag === 'Amber' ? 'triangle' : 'circle'; }),
            pointRadius: 5,
            tension: 0
          },
          {
            label: 'Baseline',
            data: labels.map(function () { return d.baseline; }),
            borderColor: '#505a5f',
            borderDash: [6, 4],
            pointRadius: 0
          }
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { suggestedMin: min - pad, suggestedMax: max + pad, title: { display: true, text: d.unit } } },
        plugins: { thresholdBands: { data: d }, legend: { position: 'bottom' } }
      },
      plugins: [bands]
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('canvas[data-indicator-chart]').forEach(draw);
  });
})();

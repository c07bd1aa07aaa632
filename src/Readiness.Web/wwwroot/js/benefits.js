// Draws each benefit's realisation profile (dashed) against its measurements with the locally served Chart.js (global
// `Chart`). An enhancement only: the table beside each chart lists every expected and measured value. Data comes from
// the canvas's data-benefit-chart attribute (JSON; no inline script). Dates are placed on a linear axis of days, so
// profile points and measurements on different days line up without a date adapter.
(function () {
  'use strict';
  if (!window.Chart) return;
  var day = 86400000;

  function toDay(iso) { return Date.parse(iso + 'T00:00:00Z') / day; }
  function label(value) { return new Date(value * day).toISOString().slice(0, 10); }

  function draw(canvas) {
    var d = JSON.parse(canvas.getAttribute('data-benefit-chart'));
    var profile = d.profile.map(function (p) { return { x: toDay(p.date), y: p.value }; });
    var actuals = d.actuals.map(function (p) { return { x: toDay(p.date), y: p.value }; });
    new window.Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          { label: 'Expected (profile)', data: profile, borderColor: '#505a5f', borderDash: [6, 4], pointRadius: 3, pointStyle: 'triangle', tension: 0 },
          { label: 'Measured', data: actuals, borderColor: '#1d70b8', backgroundColor: '#1d70b8', pointRadius: 4, pointStyle: 'circle', tension: 0 }
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        parsing: false,
        scales: {
          x: { type: 'linear', ticks: { callback: label, maxTicksLimit: 6 } },
          y: { title: { display: d.unit !== '', text: d.unit } }
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { title: function (items) { return label(items[0].parsed.x); } } }
        }
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('canvas[data-benefit-chart]').forEach(draw);
  });
})();

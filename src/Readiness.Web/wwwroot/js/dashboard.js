// Draws the home page's small charts with the locally served Chart.js (global `Chart`). An enhancement only: every
// number is on the page as text with a link to the list it counts; a bar, when clicked, opens that same list.
// Data comes from each canvas's data-chart attribute (JSON).
(function () {
  'use strict';
  if (!window.Chart) return;

  function bar(canvas, d) {
    return new window.Chart(canvas, {
      type: 'bar',
      data: { labels: d.labels, datasets: [{ label: d.label, data: d.values, backgroundColor: d.colours, borderColor: '#0b0c0c', borderWidth: 1 }] },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        onClick: function (event, elements) {
          if (elements.length && d.links && d.links[elements[0].index]) window.location.href = d.links[elements[0].index];
        }
      }
    });
  }

  function line(canvas, d) {
    return new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: d.labels,
        datasets: d.series.map(function (s) {
          return { label: s.label, data: s.values, borderColor: s.colour, backgroundColor: s.colour, borderDash: s.dashed ? [6, 4] : [], pointRadius: 0, tension: 0, stepped: !s.dashed };
        })
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var d = JSON.parse(canvas.getAttribute('data-chart'));
      if (d.type === 'line') line(canvas, d); else bar(canvas, d);
    });
  });
})();

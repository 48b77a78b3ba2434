// The console's only script of its own: draws the runs chart (Chart.js) wherever htmx puts
// one, and lets go of a chart whose canvas htmx takes away. Everything else is htmx's
// attributes in the pages. No inline script anywhere: the Content-Security-Policy forbids it.
(function () {
  'use strict';

  // Colours that keep 3:1 against white; a failed or cancelled run also gets a cross of its own
  // (it may have no records to draw) and says so in its label, so that colour is never the only sign.
  var ACTIVATED = '#2e7d32';
  var FAILED = '#c62828';
  var SKIPPED = '#757575';
  var MARK = '#1b1b1b';

  function draw(canvas) {
    if (typeof Chart === 'undefined' || Chart.getChart(canvas)) {
      return;
    }
    var data = JSON.parse(canvas.dataset.chart);
    function bars(label, values, colour) {
      return { type: 'bar', label: label, data: values, backgroundColor: colour, stack: 'records', maxBarThickness: 48 };
    }
    // The cross sits on top of the run's records, on the axis when it has none.
    var marks = data.marked.map(function (marked, i) {
      return marked ? data.activated[i] + data.failed[i] + data.skipped[i] : null;
    });
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          bars('Activated', data.activated, ACTIVATED),
          bars('Failed', data.failed, FAILED),
          bars('Skipped', data.skipped, SKIPPED),
          {
            type: 'line', label: 'Run failed or cancelled', data: marks, stack: 'marks', showLine: false,
            pointStyle: 'crossRot',
            pointRadius: 9, pointHoverRadius: 11, pointBorderWidth: 3, borderColor: MARK, backgroundColor: MARK
          }
        ]
      },
      options: {
        // Redrawn on every refresh: an animation each time would only distract.
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, title: { display: true, text: 'Run (queued at, UTC)' } },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'Records' } }
        },
        plugins: { legend: { position: 'bottom' } }
      }
    });
  }

  function drawIn(element) {
    if (element.matches && element.matches('canvas[data-chart]')) {
      draw(element);
    }
    if (element.querySelectorAll) {
      element.querySelectorAll('canvas[data-chart]').forEach(draw);
    }
  }

  function start() {
    if (typeof htmx !== 'undefined') {
      // Called for the page once, then for whatever htmx swaps in.
      htmx.onLoad(drawIn);
      document.body.addEventListener('htmx:beforeCleanupElement', function (event) {
        var chart = (typeof Chart !== 'undefined') ? Chart.getChart(event.target) : undefined;
        if (chart) {
          chart.destroy();
        }
      });
    }
    else {
      drawIn(document);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  }
  else {
    start();
  }
})();

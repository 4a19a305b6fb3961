// Runs inside report.html: renders the embedded vega-lite specs with the inlined vega-embed,
// in the theme the reader's system asks for, and offers the embedded run.json as a download.
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  var runText = document.getElementById('run-data').textContent;
  var download = document.getElementById('download-run');
  if (download) {
    var blob = new Blob([runText], { type: 'application/json' });
    download.href = URL.createObjectURL(blob);
  }

  var scheme = window.matchMedia('(prefers-color-scheme: dark)');
  var views = [];
  var generation = 0;

  function options(chart) {
    var opts = {
      renderer: 'svg',
      actions: { export: true, source: false, compiled: false, editor: false },
      downloadFileName: (document.body.getAttribute('data-run-id') || 'run') + '-' + chart.id,
    };
    // The dark theme's white grid overwhelms log-scale charts; a muted grid reads on both.
    if (scheme.matches) {
      opts.theme = 'dark';
      opts.config = { axis: { gridColor: '#39404c', domainColor: '#8a93a3', tickColor: '#8a93a3' } };
    }
    return opts;
  }

  function renderAll() {
    var mine = ++generation;
    views.forEach(function (result) { result.finalize(); });
    views = [];
    document.body.removeAttribute('data-charts-rendered');
    return specs.reduce(function (previous, chart) {
      return previous.then(function () {
        if (mine !== generation) return undefined;
        var container = document.getElementById(chart.id);
        return vegaEmbed(container, chart.spec, options(chart)).then(function (result) {
          views.push(result);
        }, function (error) {
          container.textContent = 'This chart could not be drawn: ' + error.message;
          container.classList.add('chart-error');
          throw error;
        });
      });
    }, Promise.resolve()).then(function () {
      if (mine === generation) document.body.setAttribute('data-charts-rendered', String(views.length));
    });
  }

  if (scheme.addEventListener) scheme.addEventListener('change', function () { renderAll().catch(report); });
  renderAll().catch(report);

  function report(error) {
    console.error('lmi-bench report: ' + (error && error.message ? error.message : String(error)));
  }
})();

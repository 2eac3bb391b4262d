// Draws the Vega charts of index.html from <script type="application/json" id="yardstick-specs">
// (compiled in Node) and makes every mark that stands for a unit a link to that unit's page:
// a click on a bar, a heatmap cell or a point whose datum names a unit opens units/<id>.html.
// The unit names → page map is <script type="application/json" id="yardstick-unit-pages">.
(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('yardstick-specs').textContent);
  var pagesEl = document.getElementById('yardstick-unit-pages');
  var pages = pagesEl ? JSON.parse(pagesEl.textContent) : {};

  // The unit a mark stands for: charts carry the unit's display name in a field `unit`.
  function unitPage(item) {
    var d = item && item.datum;
    for (var depth = 0; d && depth < 3; depth++) {
      if (typeof d.unit === 'string' && pages[d.unit]) return pages[d.unit];
      d = d.datum;
    }
    return null;
  }

  function linkMarks(view) {
    view.addEventListener('click', function (event, item) {
      var page = unitPage(item);
      if (page) window.location.href = page;
    });
    view.addEventListener('mousemove', function (event, item) {
      view.container().style.cursor = unitPage(item) ? 'pointer' : '';
    });
  }

  Object.keys(specs).forEach(function (id) {
    var el = document.getElementById('chart-' + id);
    if (!el) return;
    vegaEmbed(el, specs[id], { mode: 'vega', renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } })
      .then(function (r) { linkMarks(r.view); })
      .catch(function (e) { el.textContent = e.message; console.error(e); });
  });
})();

// The what-if of index.html: one slider per dimension; every change recomputes all units with
// YardstickWhatIf.computeWhatIf (src/report/page/what-if-engine.ts, bundled with the scoring
// engine's assignGrades) and redraws the weights table and the results table.
// Data and every word shown come from <script type="application/json" id="yardstick-whatif">
// (written by what-if-section.ts); this file has no user-facing text of its own.
(function () {
  'use strict';
  var box = document.getElementById('whatif-app');
  var source = document.getElementById('yardstick-whatif');
  if (!box || !source || !window.YardstickWhatIf) return;
  var data = JSON.parse(source.textContent);
  var w = data.words;
  var pagesEl = document.getElementById('yardstick-unit-pages');
  var pages = pagesEl ? JSON.parse(pagesEl.textContent) : {};
  // the engine's input, from the compact unit rows (what-if-section.ts)
  var input = {
    aggregate: data.aggregate, minShare: data.minShare, geometricFloor: data.geometricFloor, rules: data.rules,
    units: data.units.map(function (u) {
      return { id: u[0], type: u[2], dims: u[3], bonus: u[4], deduction: u[5], notGraded: u[6] === 1, vetoes: u[7], tieScores: u[8] === 1 ? u[3] : u[8] };
    }),
  };
  var units = {};
  data.units.forEach(function (u, i) {
    var o = data.official[i];
    units[u[0]] = { name: u[1], href: pages[u[1]], order: i, score: o[0], rank: o[1], grade: o[2] };
  });
  var initial = data.weights.slice();
  var weights = initial.slice();
  var showAll = false;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // Numbers as the rest of the report writes them: fixed decimals, a real minus sign, — for none.
  function num(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return '\u2014';
    var s = Math.abs(v).toFixed(digits);
    return (v < 0 && Number(s) !== 0 ? '\u2212' : '') + s;
  }
  function signed(v) {
    if (v === null || v === undefined) return '\u2014';
    return v > 0 ? '+' + v : v < 0 ? '\u2212' + (-v) : '0';
  }

  // --- sliders and the weights table -------------------------------------------------------
  var sliders = [];
  var weightRows = [];
  var weightTable = el('table', { class: 'data whatif-weights' });
  var head = weightTable.createTHead().insertRow();
  [w.dimension, '', w.weightEntered, w.weightNormalised].forEach(function (h) { head.appendChild(el('th', {}, h)); });
  var weightBody = weightTable.createTBody();
  data.dimensions.forEach(function (label, i) {
    var row = weightBody.insertRow();
    row.insertCell().textContent = label;
    var slider = el('input', { type: 'range', min: '0', max: '100', step: data.step, value: String(initial[i]), 'aria-label': label, 'data-dim': String(i) });
    slider.addEventListener('input', function () { weights[i] = Number(slider.value); update(); });
    row.insertCell().appendChild(slider);
    var entered = row.insertCell();
    var normalised = row.insertCell();
    entered.className = normalised.className = 'n';
    sliders.push(slider);
    weightRows.push({ entered: entered, normalised: normalised });
  });
  var totalRow = weightTable.createTFoot().insertRow();
  totalRow.appendChild(el('th', {}, w.total));
  totalRow.insertCell();
  var totalEntered = totalRow.insertCell();
  var totalNormalised = totalRow.insertCell();
  totalEntered.className = totalNormalised.className = 'n';

  var message = el('p', { class: 'whatif-message', role: 'status' });
  var results = el('table', { class: 'data whatif-results' });
  var resultsHead = results.createTHead().insertRow();
  [w.whatIfRank, w.unit, w.whatIfScore, w.whatIfGrade, w.officialScore, w.officialRank, w.rankChange, w.officialGrade]
    .forEach(function (h, i) { resultsHead.appendChild(el('th', i === 2 || i === 4 || i === 0 || i === 5 || i === 6 ? { class: 'n' } : {}, h)); });
  var resultsBody = results.createTBody();
  var more = el('button', { type: 'button', 'data-whatif': 'all' }, w.showAll);
  more.addEventListener('click', function () { showAll = true; update(); });
  var reset = el('button', { type: 'button', 'data-whatif': 'reset' }, w.reset);
  reset.addEventListener('click', function () {
    weights = initial.slice();
    sliders.forEach(function (s, i) { s.value = String(initial[i]); });
    update();
  });

  box.appendChild(weightTable);
  box.appendChild(el('p', { class: 'no-print' })).appendChild(reset);
  box.appendChild(message);
  box.appendChild(results);
  box.appendChild(el('p', { class: 'no-print' })).appendChild(more);

  // --- recompute and redraw -----------------------------------------------------------------
  function update() {
    var total = weights.reduce(function (s, x) { return s + x; }, 0);
    weights.forEach(function (x, i) {
      weightRows[i].entered.textContent = num(x, data.digits);
      weightRows[i].normalised.textContent = total > 0 ? num((x / total) * 100, 1) + '%' : '\u2014';
    });
    totalEntered.textContent = num(total, data.digits);
    totalNormalised.textContent = total > 0 ? '100.0%' : '\u2014';
    if (!(total > 0)) {
      message.textContent = w.allZero;
      message.className = 'whatif-message warn';
      results.hidden = true;
      more.hidden = true;
      return;
    }
    var rows = window.YardstickWhatIf.computeWhatIf(input, weights);
    var rankMoves = 0;
    var gradeMoves = 0;
    rows.forEach(function (r) {
      var o = units[r.id];
      if (r.rank !== o.rank) rankMoves++;
      if ((r.status === 'graded' ? r.grade : r.status) !== o.grade) gradeMoves++;
    });
    message.textContent = w.whatIfChanges.replace('{ranks}', String(rankMoves)).replace('{grades}', String(gradeMoves));
    message.className = 'whatif-message';
    results.hidden = false;
    rows.sort(function (a, b) {
      if ((a.rank === null) !== (b.rank === null)) return a.rank === null ? 1 : -1;
      return (a.rank || 0) - (b.rank || 0) || units[a.id].order - units[b.id].order;
    });
    var shown = showAll ? rows : rows.slice(0, data.pageSize);
    more.hidden = showAll || rows.length <= data.pageSize;
    var fragment = document.createDocumentFragment();
    shown.forEach(function (r) { fragment.appendChild(resultRow(r)); });
    resultsBody.textContent = '';
    resultsBody.appendChild(fragment);
  }

  // a grade, or why there is none (status not_graded / unscored)
  function gradeText(status, grade) {
    if (status === 'not_graded') return w.notGradedNow;
    if (status === 'unscored') return w.unscoredNow;
    return grade === null ? '\u2014' : data.grades[grade] || grade;
  }

  function resultRow(r) {
    var u = units[r.id];
    var tr = el('tr', { 'data-unit': r.id });
    tr.appendChild(el('td', { class: 'n' }, r.rank === null ? '\u2014' : String(r.rank)));
    var name = tr.appendChild(el('td'));
    if (u.href) name.appendChild(el('a', { href: u.href }, u.name));
    else name.textContent = u.name;
    var score = tr.appendChild(el('td', { class: 'n bar-cell' }));
    var bar = score.appendChild(el('span', { class: 'bar' }));
    bar.style.width = Math.max(0, Math.min(100, r.score || 0)) + '%';
    score.appendChild(el('span', { class: 'bar-value' }, num(r.score, 2)));
    tr.appendChild(el('td', {}, gradeText(r.status, r.grade)));
    tr.appendChild(el('td', { class: 'n' }, num(u.score, 2)));
    tr.appendChild(el('td', { class: 'n' }, u.rank === null ? '\u2014' : String(u.rank)));
    // positive = moved up, as in the ranking table
    tr.appendChild(el('td', { class: 'n' }, r.rank === null || u.rank === null ? '\u2014' : signed(u.rank - r.rank)));
    var official = u.grade === 'not_graded' || u.grade === 'unscored' ? gradeText(u.grade, null) : gradeText('graded', u.grade);
    tr.appendChild(el('td', {}, official));
    return tr;
  }

  update();
})();

// Sortable, filterable, searchable and paged tables of index.html, offline and without a library.
// Markup (written by src/report/page/data-table.ts):
//   <div class="dt" data-page-size="50">
//     <div class="dt-tools">  <input data-dt="search">  <select data-dt="filter" data-col="3">…  </div>
//     <table class="data"> … <tr><td>…  (a filter on column i keeps rows whose cell i starts with the value)
//     <div class="dt-pager" data-shown="… {from} {to} {n}" data-none="… {n}">
//       <button data-dt="prev"> <span data-dt="count"> <button data-dt="next"> <button data-dt="all">
// Rows past the first page are written `hidden`, so the page paints before this script runs; the
// script then keeps only the rows of the current page in the document.
// Every word shown comes from the markup (the report's catalogue); this file has none.
(function () {
  'use strict';

  // A cell's sort key: a number when the text reads as one ("1,234", "−1.5", "+2", "93.3%"), else the text.
  function sortKey(cell) {
    var text = (cell ? cell.textContent : '').trim();
    var n = text.replace(/,/g, '').replace(/^\u2212/, '-').replace(/^\+/, '').replace(/%$/, '');
    if (n !== '' && !isNaN(Number(n))) return { num: Number(n), text: text };
    return { num: null, text: text === '\u2014' ? '' : text };
  }

  var collator = new Intl.Collator(document.documentElement.lang || 'zh-CN', { numeric: true });

  // Missing values (—, empty) sort last in both directions.
  function compare(a, b, dir) {
    var ea = a.num === null && a.text === '';
    var eb = b.num === null && b.text === '';
    if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
    if (a.num !== null && b.num !== null) return (a.num - b.num) * dir;
    return collator.compare(a.text, b.text) * dir;
  }

  function setUp(box) {
    var table = box.querySelector('table');
    var body = table && table.tBodies[0];
    if (!body) return;
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r.dataset.order = String(i); });
    var pageSize = Number(box.getAttribute('data-page-size')) || rows.length;
    var state = { query: '', filters: {}, col: -1, dir: 1, page: 0, all: false };
    var search = box.querySelector('[data-dt="search"]');
    var filters = box.querySelectorAll('[data-dt="filter"]');
    var pager = box.querySelector('.dt-pager');

    function matches(r) {
      if (state.query && r.textContent.toLowerCase().indexOf(state.query) < 0) return false;
      for (var col in state.filters) {
        var value = state.filters[col];
        if (value && r.cells[col].textContent.trim().indexOf(value) !== 0) return false;
      }
      return true;
    }

    // sort keys of a column, read once (2,000 rows: reading the cells on every click is what costs)
    var keys = {};
    function keyOf(r, col) {
      if (!keys[col]) keys[col] = new Map(rows.map(function (x) { return [x, sortKey(x.cells[col])]; }));
      return keys[col].get(r);
    }

    function apply() {
      var shown = rows.filter(matches);
      if (state.col >= 0) {
        shown.sort(function (a, b) { return compare(keyOf(a, state.col), keyOf(b, state.col), state.dir) || Number(a.dataset.order) - Number(b.dataset.order); });
      }
      var pages = Math.max(1, Math.ceil(shown.length / pageSize));
      state.page = Math.min(state.page, pages - 1);
      var from = state.all ? 0 : state.page * pageSize;
      var to = state.all ? shown.length : Math.min(shown.length, from + pageSize);
      // only the rows of the page are in the document: the others wait detached (a light page at 2,000 rows)
      var fragment = document.createDocumentFragment();
      shown.slice(from, to).forEach(function (r) { r.hidden = false; fragment.appendChild(r); });
      body.textContent = '';
      body.appendChild(fragment);
      if (!pager) return;
      var count = pager.querySelector('[data-dt="count"]');
      var template = shown.length ? pager.getAttribute('data-shown') : pager.getAttribute('data-none');
      count.textContent = template.replace('{from}', String(shown.length ? from + 1 : 0)).replace('{to}', String(to))
        .replace('{n}', String(shown.length));
      setDisabled('prev', state.all || state.page === 0);
      setDisabled('next', state.all || state.page >= pages - 1);
      setDisabled('all', state.all || shown.length <= pageSize);
    }

    // the buttons exist only when the table has more than one page
    function button(name) { return pager ? pager.querySelector('[data-dt="' + name + '"]') : null; }
    function setDisabled(name, value) { var b = button(name); if (b) b.disabled = value; }
    function onClick(name, fn) { var b = button(name); if (b) b.addEventListener('click', function () { fn(); apply(); }); }

    if (search) search.addEventListener('input', function () { state.query = search.value.trim().toLowerCase(); state.page = 0; apply(); });
    Array.prototype.forEach.call(filters, function (f) {
      f.addEventListener('change', function () { state.filters[f.getAttribute('data-col')] = f.value; state.page = 0; apply(); });
    });
    Array.prototype.forEach.call(table.tHead ? table.tHead.rows[0].cells : [], function (th, i) {
      th.tabIndex = 0;
      th.classList.add('sortable');
      function sort() {
        state.dir = state.col === i ? -state.dir : 1;
        state.col = i;
        Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
        apply();
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
    onClick('prev', function () { state.page--; });
    onClick('next', function () { state.page++; });
    onClick('all', function () { state.all = true; });
    apply();
  }

  Array.prototype.forEach.call(document.querySelectorAll('.dt'), setUp);
})();

/**
 * The HTML page's inline style and script. Kept as constants so the page's Content-Security-Policy
 * can allow exactly these by hash: nothing injected into the page could run or load anything.
 */
import { createHash } from 'node:crypto';

export const PAGE_CSS = `
:root { color-scheme: light dark; --line: #8884; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem; max-width: 110rem; overflow-wrap: anywhere; }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.note { padding: .5rem .75rem; border-left: 4px solid #ef6c00; background: #ef6c0014; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: 4px; padding: .2rem .6rem; }
.chart { max-width: 100%; height: auto; }
.chart .current rect { stroke: currentColor; stroke-width: 1; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: .5rem 0; }
.filters label { display: flex; flex-direction: column; font-size: .85em; }
/* Fixed layout: the table is as wide as the page, never wider; long URLs and titles wrap. */
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .4rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
col.c-status { width: 6.5rem; } col.c-change { width: 7.5rem; } col.c-entry { width: 19%; }
col.c-section { width: 9%; } col.c-fileLine { width: 8%; } col.c-host { width: 8%; }
col.c-url { width: 17%; } col.c-reason { width: 19%; } col.c-remedy { width: 15%; }
col.c-brokenFor { width: 7rem; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
.status { font-weight: 600; }
/* Medium screens: the host is in the URL and the place in the filters, the remedy stays. */
@media (max-width: 1400px) {
  col.c-host, th.c-host, td.c-host, col.c-section, th.c-section, td.c-section { display: none; }
  col.c-entry { width: 21%; } col.c-url { width: 20%; } col.c-reason { width: 22%; } col.c-remedy { width: 17%; }
}
/* Narrow screens: one card per link, each value under its column's name. */
@media (max-width: 900px) {
  body { margin: .75rem; }
  table, tbody, tr, td { display: block; width: auto; }
  thead, colgroup { display: none; }
  tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .75rem; padding: .4rem .6rem; }
  td { border: 0; padding: .15rem 0; }
  td.c-host, td.c-section { display: block; }
  td.empty { display: none; }
  td::before { content: attr(data-label); display: block; font-size: .8em; font-weight: 600; opacity: .7; }
  td.c-status::before { display: none; }
  .filters label, .filters select, .filters input { max-width: 100%; }
}
.status-ok { color: #2e7d32; } .status-redirected { color: #1565c0; } .status-dead { color: #c62828; }
.status-error { color: #ef6c00; } .status-blocked { color: #6a1b9a; } .status-skipped { color: #757575; }
.id, code { font-family: ui-monospace, monospace; font-size: .9em; }
.muted { opacity: .7; }
.page-title { font-style: italic; }
.drift-drifted { color: #ad1457; } .drift-changed { opacity: .85; }
tr[hidden] { display: none; }
`;

/** Sorting and filtering over the server-rendered rows; no data is fetched, nothing is eval'd. */
export const PAGE_JS = `
(function () {
  'use strict';
  var table = document.getElementById('links');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var shown = document.getElementById('shown');
  var filters = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var text = document.getElementById('f-text');
  function apply() {
    var q = text ? text.value.trim().toLowerCase() : '';
    var visible = 0;
    rows.forEach(function (row) {
      var ok = filters.every(function (sel) {
        return sel.value === '' || row.getAttribute('data-' + sel.getAttribute('data-filter')) === sel.value;
      });
      if (ok && q) ok = row.textContent.toLowerCase().indexOf(q) !== -1;
      row.hidden = !ok;
      if (ok) visible++;
    });
    if (shown) {
      var template = shown.getAttribute('data-template') || '{shown} / {total}';
      shown.textContent = template.replace('{shown}', visible).replace('{total}', rows.length);
    }
  }
  filters.forEach(function (sel) { sel.addEventListener('change', apply); });
  if (text) text.addEventListener('input', apply);
  function key(row, col, numeric) {
    var cell = row.cells[col];
    if (!cell) return numeric ? -Infinity : '';
    var v = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    if (!numeric) return v.toLowerCase();
    var n = parseFloat(v);
    return isNaN(n) ? -Infinity : n;
  }
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    var button = th.querySelector('button');
    if (!button) return;
    button.addEventListener('click', function () {
      var numeric = th.getAttribute('data-type') === 'number';
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      heads.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var keyed = rows.map(function (row, i) { return { row: row, k: key(row, col, numeric), i: i }; });
      keyed.sort(function (a, b) {
        if (a.k < b.k) return -dir;
        if (a.k > b.k) return dir;
        return a.i - b.i;
      });
      rows = keyed.map(function (x) { return x.row; });
      rows.forEach(function (row) { tbody.appendChild(row); });
    });
  });
  apply();
})();
`;

export function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/**
 * Nothing may be fetched (default-src 'none'), only our own style and script run, no form can
 * post anywhere, and no <base> can re-point links.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${cspHash(PAGE_CSS)}`,
  `script-src ${cspHash(PAGE_JS)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

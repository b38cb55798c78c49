/**
 * The report page's script, embedded inline (the page needs no network). It reads the findings
 * from the JSON data element and builds every cell with textContent, never innerHTML, so
 * attacker-controlled strings (resource names, user agents, evidence) stay text. Written as
 * plain ES2017 in a string: it runs in the browser, not in Node.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('vigil-data').textContent);
  var findings = data.findings;
  var SEVERITY_RANK = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4 };
  var MAX_ROWS = 2000;
  var columns = [
    { key: 'severity', label: 'Severity', value: function (f) { return f.severity; }, rank: function (f) { return SEVERITY_RANK[f.severity]; } },
    { key: 'status', label: 'Status', value: function (f) { return f.status || 'FINDING'; } },
    { key: 'source', label: 'Source', value: function (f) { return f.source; } },
    { key: 'type', label: 'Type / check', value: function (f) { return f.type; } },
    { key: 'account', label: 'Account', value: function (f) { return f.account; } },
    { key: 'region', label: 'Region', value: function (f) { return f.region; } },
    { key: 'resource', label: 'Resource', value: function (f) { return f.resource.name || f.resource.id; } },
    { key: 'title', label: 'Title', value: function (f) { return f.title; } }
  ];
  var sort = { key: null, dir: 1 };
  var open = {};
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function distinct(fn) {
    var seen = {};
    findings.forEach(function (f) { seen[fn(f)] = true; });
    return Object.keys(seen).sort();
  }

  function fillSelect(id, values) {
    var select = $(id);
    values.forEach(function (v) { var o = el('option', null, v); o.value = v; select.appendChild(o); });
    select.addEventListener('change', render);
  }

  function searchText(f) {
    if (!f._text) {
      f._text = [f.title, f.type, f.description, f.account, f.region, f.resource.id, f.resource.name || '', f.resource.type, f.id,
        JSON.stringify(f.compliance || {}), (f.techniques || []).join(' ')].join('\n').toLowerCase();
    }
    return f._text;
  }

  function matches(f) {
    var sev = $('f-severity').value, src = $('f-source').value, st = $('f-status').value, acct = $('f-account').value;
    var q = $('f-text').value.trim().toLowerCase();
    if (sev && f.severity !== sev) return false;
    if (src && f.source !== src) return false;
    if (st && (f.status || 'FINDING') !== st) return false;
    if (acct && f.account !== acct) return false;
    if (q && searchText(f).indexOf(q) < 0) return false;
    return true;
  }

  function compare(a, b) {
    if (!sort.key) return a._order - b._order;
    var col = columns.filter(function (c) { return c.key === sort.key; })[0];
    var x = col.rank ? col.rank(a) : String(col.value(a)).toLowerCase();
    var y = col.rank ? col.rank(b) : String(col.value(b)).toLowerCase();
    // ties keep the report's worst-first order whichever way the column is sorted
    return x < y ? -sort.dir : x > y ? sort.dir : a._order - b._order;
  }

  function detail(f) {
    var box = el('div', 'detail');
    function field(label, text) {
      if (text === undefined || text === null || text === '') return;
      box.appendChild(el('h4', null, label));
      box.appendChild(el('p', null, text));
    }
    field('Description', f.description);
    field('Remediation', f.remediation);
    field('Resource', f.resource.type + '  ' + f.resource.id);
    field('Finding id', f.id);
    if (f.firstSeen || f.lastSeen) field('Seen', (f.firstSeen || '') + ' to ' + (f.lastSeen || '') + (f.count ? ' (' + f.count + ' events)' : ''));
    if (f.techniques && f.techniques.length) field('MITRE ATT&CK', f.techniques.join(', '));
    var compliance = Object.keys(f.compliance || {}).map(function (k) { return k + ': ' + f.compliance[k].join(', '); });
    if (compliance.length) field('Compliance', compliance.join('; '));
    if (f.suppression) field('Suppressed', f.suppression.reason);
    if (f.references && f.references.length) {
      box.appendChild(el('h4', null, 'References'));
      var list = el('ul');
      f.references.forEach(function (ref) {
        var item = el('li');
        // Only http(s) links become anchors: a javascript: URL in data must never be clickable.
        if (/^https?:\/\//i.test(ref)) {
          var a = el('a', null, ref);
          a.href = ref;
          a.rel = 'noopener noreferrer';
          a.target = '_blank';
          item.appendChild(a);
        } else {
          item.textContent = ref;
        }
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (f.evidence && Object.keys(f.evidence).length) {
      box.appendChild(el('h4', null, 'Evidence'));
      box.appendChild(el('pre', null, JSON.stringify(f.evidence, null, 2)));
    }
    return box;
  }

  function render() {
    var body = $('findings-body');
    while (body.firstChild) body.removeChild(body.firstChild);
    var shown = findings.filter(matches).sort(compare);
    shown.slice(0, MAX_ROWS).forEach(function (f) {
      var settled = f.status === 'PASS' || f.status === 'NOT_APPLICABLE';
      var row = el('tr', 'row sev-' + f.severity + (settled ? ' muted' : ''));
      row.tabIndex = 0;
      columns.forEach(function (c) {
        var cell = el('td', 'c-' + c.key, c.value(f));
        if (c.key === 'severity') cell.className += ' badge';
        row.appendChild(cell);
      });
      function toggle() { open[f.id] = !open[f.id]; render(); }
      row.addEventListener('click', toggle);
      row.addEventListener('keydown', function (e) { if (e.key === 'Enter') toggle(); });
      body.appendChild(row);
      if (open[f.id]) {
        var extra = el('tr', 'detail-row');
        var cell = el('td');
        cell.colSpan = columns.length;
        cell.appendChild(detail(f));
        extra.appendChild(cell);
        body.appendChild(extra);
      }
    });
    $('shown-count').textContent = shown.length + ' of ' + findings.length + ' findings shown' +
      (shown.length > MAX_ROWS ? ' (first ' + MAX_ROWS + ' listed: narrow the filter)' : '');
  }

  function header() {
    var row = $('findings-head');
    columns.forEach(function (c) {
      var th = el('th', 'sortable', c.label);
      th.tabIndex = 0;
      function click() {
        sort.dir = sort.key === c.key ? -sort.dir : (c.key === 'severity' ? -1 : 1);
        sort.key = c.key;
        Array.prototype.forEach.call(row.children, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
        render();
      }
      th.addEventListener('click', click);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') click(); });
      row.appendChild(th);
    });
  }

  findings.forEach(function (f, i) { f._order = i; });
  fillSelect('f-severity', ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'].filter(function (s) { return findings.some(function (f) { return f.severity === s; }); }));
  fillSelect('f-source', distinct(function (f) { return f.source; }));
  fillSelect('f-status', distinct(function (f) { return f.status || 'FINDING'; }));
  fillSelect('f-account', distinct(function (f) { return f.account; }));
  $('f-text').addEventListener('input', render);
  header();
  render();
  document.body.setAttribute('data-ready', 'true');
})();
`;

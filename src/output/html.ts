import { createHash } from 'node:crypto';
import { SEVERITIES, type Severity } from '../core/severity.ts';
import type { Report } from './report.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { canonicalFinding } from './json.ts';
import { PRODUCT } from './product.ts';
import { sortFindings, summarize, type FindingsSummary } from './summary.ts';
import { CLIENT_SCRIPT } from './html-client.ts';

/**
 * A section a command adds to the report (the demo's pipeline summary). Plain data, never
 * markup: the renderer escapes every string, so callers cannot open a hole by accident.
 */
export interface HtmlSection {
  title: string;
  paragraphs?: string[];
  table?: { columns: string[]; rows: Array<Array<string | number>> };
}

const SEVERITY_COLORS: Record<Severity, string> = {
  CRITICAL: '#7b1fa2',
  HIGH: '#c62828',
  MEDIUM: '#ef6c00',
  LOW: '#1565c0',
  INFORMATIONAL: '#607d8b',
};

const STYLE = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; background: #f5f6f8; }
body { margin: 0; }
header { background: #1d2330; color: #fff; padding: 16px 24px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header .meta { color: #c5cad3; font-size: 13px; }
main { padding: 16px 24px; }
section { background: #fff; border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
h2 { font-size: 16px; margin: 0 0 10px; }
.cards { display: flex; gap: 10px; flex-wrap: wrap; }
.card { min-width: 110px; padding: 8px 12px; border-radius: 6px; color: #fff; }
.card .n { font-size: 26px; font-weight: 600; display: block; }
.charts { display: flex; gap: 24px; flex-wrap: wrap; }
.charts figure { margin: 0; }
.charts figcaption { font-size: 13px; font-weight: 600; margin-bottom: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e3e6eb; vertical-align: top; overflow-wrap: anywhere; }
th.sortable { cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " \\25B2"; }
th[aria-sort="descending"]::after { content: " \\25BC"; }
tr.row { cursor: pointer; }
tr.row:hover { background: #f0f3f8; }
td.badge { font-weight: 600; }
td.c-severity, td.c-status, td.c-source, td.c-account, td.c-region { white-space: nowrap; overflow-wrap: normal; }
tr.muted td { color: #8a92a0 !important; }
${SEVERITIES.map((s) => `.sev-${s} td.badge { color: ${SEVERITY_COLORS[s]}; }`).join('\n')}
.filters { display: flex; gap: 8px; flex-wrap: wrap; margin-bottom: 8px; align-items: center; }
.filters input { flex: 1; min-width: 200px; padding: 4px 6px; }
.detail { padding: 4px 8px 10px; }
.detail h4 { margin: 8px 0 2px; font-size: 12px; text-transform: uppercase; color: #5a6272; }
.detail p { margin: 0; white-space: pre-wrap; }
.detail pre { background: #f5f6f8; padding: 8px; overflow: auto; max-height: 320px; margin: 0; }
#shown-count { color: #5a6272; font-size: 12px; }
section > pre { background: #f5f6f8; padding: 8px; overflow: auto; max-height: 320px; }
h3 { font-size: 13px; margin: 8px 0 4px; }
`;

/** Horizontal bars as inline SVG (no chart library, no network). Every label escaped. */
function barChart(title: string, bars: Array<{ label: string; value: number; color: string }>): string {
  const rowHeight = 22;
  const labelWidth = 130;
  const barWidth = 260;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(rowHeight, bars.length * rowHeight);
  const rows = bars
    .map((b, i) => {
      const y = i * rowHeight;
      const w = Math.round((b.value / max) * barWidth);
      return (
        `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end" font-size="12">${escapeHtml(b.label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 6}" fill="${escapeHtml(b.color)}"></rect>` +
        `<text x="${labelWidth + w + 4}" y="${y + 15}" font-size="12">${b.value}</text>`
      );
    })
    .join('');
  const width = labelWidth + barWidth + 50;
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows}</svg></figure>`
  );
}

function severityCards(summary: FindingsSummary): string {
  return [...SEVERITIES]
    .reverse()
    .map((s) => `<div class="card" style="background:${SEVERITY_COLORS[s]}"><span class="n">${summary.bySeverity[s]}</span>${escapeHtml(s)}</div>`)
    .join('');
}

function simpleTable(columns: string[], rows: Array<Array<string | number>>): string {
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(String(c))}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The command's own keys (`frameworks`, `stats`, `summary`) as escaped, pretty JSON. */
function runDetails(extra: Record<string, unknown> | undefined): string {
  const entries = Object.entries(extra ?? {}).filter(([key, value]) => key !== 'findings' && value !== undefined);
  if (entries.length === 0) return '';
  const blocks = entries.map(([key, value]) => {
    const json = JSON.stringify(value, null, 2) ?? '';
    const shown = json.length > 20_000 ? `${json.slice(0, 20_000)}\n… (${json.length - 20_000} more characters in --format json)` : json;
    return `<h3>${escapeHtml(key)}</h3><pre>${escapeHtml(shown)}</pre>`;
  });
  return `<section><h2>Run details</h2>${blocks.join('')}</section>`;
}

function extraSection(section: HtmlSection): string {
  const paragraphs = (section.paragraphs ?? []).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const table = section.table ? simpleTable(section.table.columns, section.table.rows) : '';
  return `<section><h2>${escapeHtml(section.title)}</h2>${paragraphs}${table}</section>`;
}

/**
 * The self-contained HTML report: run information, severity counts, charts, top failing
 * controls, and a filterable, sortable findings table with per-finding detail. No network:
 * CSS and script are inline, and a Content-Security-Policy allows only the page's own script
 * (by hash), so even a string that slipped past escaping could not run or load anything.
 * Findings travel as JSON in a non-executable data element and are rendered with textContent.
 */
export function renderHtmlReport(report: Report, extraSections: HtmlSection[] = []): string {
  const findings = sortFindings(report.findings);
  const summary = summarize(findings);
  const title = report.title ?? `Vigil ${report.command} report`;
  const accounts = new Set(findings.map((f) => f.account));
  const regions = new Set(findings.map((f) => f.region));
  const scriptHash = createHash('sha256').update(CLIENT_SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const severityBars = [...SEVERITIES].reverse().map((s) => ({ label: s, value: summary.bySeverity[s], color: SEVERITY_COLORS[s] }));
  const sourceBars = Object.entries(summary.bySource)
    .sort((a, b) => b[1] - a[1])
    .map(([label, value]) => ({ label, value, color: '#37474f' }));
  const statuses = Object.entries(summary.byStatus).map(([s, n]) => `${s} ${n}`).join(' · ');
  const topFailing = summary.topFailing.length
    ? simpleTable(
        ['Control', 'Check', 'Severity', 'Failing resources', 'Title'],
        summary.topFailing.map((c) => [c.control, c.type, c.severity, c.failures, c.title]),
      )
    : '<p>No failing controls.</p>';
  const data = { findings: findings.map(canonicalFinding) };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${PRODUCT.name} ${PRODUCT.version}`)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<div class="meta">${escapeHtml(`vigil ${report.command} · generated ${report.generatedAt} · ${PRODUCT.name} ${PRODUCT.version} · ${accounts.size} account(s) · ${regions.size} region(s) · ${summary.total} results, ${summary.actionable} problems`)}</div>
</header>
<main>
<section><h2>Problems by severity</h2><div class="cards">${severityCards(summary)}</div><p>${escapeHtml(statuses || 'No results.')}</p></section>
<section><h2>Charts</h2><div class="charts">${barChart('Problems by severity', severityBars)}${barChart('Problems by source', sourceBars)}</div></section>
<section><h2>Top failing controls</h2>${topFailing}</section>
${extraSections.map(extraSection).join('\n')}
${runDetails(report.extra)}
<section><h2>Findings</h2>
<div class="filters">
<select id="f-severity" aria-label="severity"><option value="">All severities</option></select>
<select id="f-source" aria-label="source"><option value="">All sources</option></select>
<select id="f-status" aria-label="status"><option value="">All statuses</option></select>
<select id="f-account" aria-label="account"><option value="">All accounts</option></select>
<input id="f-text" type="search" placeholder="Search title, type, resource, account…" aria-label="search">
</div>
<div id="shown-count"></div>
<noscript><p>The findings table needs JavaScript; the same data is available with --format json.</p></noscript>
<table id="findings"><thead><tr id="findings-head"></tr></thead><tbody id="findings-body"></tbody></table>
</section>
</main>
<script type="application/json" id="vigil-data">${jsonForScript(data)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}

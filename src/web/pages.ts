import type { HistoryEntry, StoredFinding } from '../hub/store.ts';
import { escapeHtml } from '../output/escape.ts';

/** The finding detail page: everything escaped, no script at all. */
export function findingPage(finding: StoredFinding, history: HistoryEntry[], playbook?: { path: string; markdown: string }): string {
  const e = (v: unknown) => escapeHtml(String(v ?? ''));
  const rows: Array<[string, unknown]> = [
    ['Type', finding.type], ['Severity', finding.severity], ['Status', finding.status ?? '—'], ['Workflow', finding.workflow],
    ['Account', finding.account], ['Region', finding.region], ['Resource', `${finding.resource.type} ${finding.resource.id}`],
    ['First seen', finding.firstSeen], ['Last seen', finding.lastSeen], ['Count', finding.count],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${e(finding.title)} — Vigil</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#1d2330}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}pre{background:#f5f6f8;padding:12px;white-space:pre-wrap;word-break:break-word}</style>
</head><body>
<p><a href="/">← all findings</a></p>
<h1>${e(finding.title)}</h1>
<table>${rows.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</table>
<h2>Description</h2><p>${e(finding.description)}</p>
${finding.remediation ? `<h2>Remediation</h2><p>${e(finding.remediation)}</p>` : ''}
<h2>Evidence</h2><pre>${e(JSON.stringify(finding.evidence, null, 2))}</pre>
${finding.references?.length ? `<h2>References</h2><ul>${finding.references.filter((r) => /^https:\/\//.test(r)).map((r) => `<li><a href="${e(r)}" rel="noreferrer noopener">${e(r)}</a></li>`).join('')}</ul>` : ''}
<h2>History</h2><table><tr><th>When</th><th>Who</th><th>Change</th><th>Note</th></tr>
${history.map((h) => `<tr><td>${e(h.at)}</td><td>${e(h.actor)}</td><td>${e(h.field)}: ${e(h.from ?? '')} → ${e(h.to ?? '')}</td><td>${e(h.note ?? '')}</td></tr>`).join('')}</table>
${playbook ? `<h2>Playbook <small>(${e(playbook.path)})</small></h2><pre>${e(playbook.markdown)}</pre>` : ''}
</body></html>`;
}

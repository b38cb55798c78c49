import type { Finding } from '../core/finding.ts';

/**
 * Message bodies. Everything that came from logs or resource names is attacker-controlled:
 * Slack text goes through `slackText`, which neutralises mentions (`<!channel>`, `@here`),
 * link syntax (`<http://x|click>`) and auto-linked URLs.
 */

/** The part of a finding a notification carries (stored in the outbox payload). */
export type NotifiedFinding = Pick<Finding, 'id' | 'source' | 'type' | 'severity' | 'title' | 'description' | 'account' | 'region' | 'resource' | 'firstSeen' | 'lastSeen' | 'count' | 'status'>;

export function notifiedFinding(f: Finding): NotifiedFinding {
  const { id, source, type, severity, title, description, account, region, resource, firstSeen, lastSeen, count, status } = f;
  return { id, source, type, severity, title, description: description.slice(0, 2000), account, region, resource: { type: resource.type, id: resource.id }, firstSeen, lastSeen, count, status };
}

/** Escapes text for Slack mrkdwn (Slack's own three entities) and defuses mentions and links. */
export function slackText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)/gi, '@\u200b$1')
    .replace(/:\/\//g, ':\u200b//')
    .replace(/[`*_~]/g, (c) => `\u200b${c}`);
}

const SEVERITY_MARK: Record<string, string> = { CRITICAL: ':red_circle:', HIGH: ':large_orange_circle:', MEDIUM: ':large_yellow_circle:', LOW: ':large_blue_circle:', INFORMATIONAL: ':white_circle:' };

export function slackMessage(findings: NotifiedFinding[], options: { dashboardUrl?: string; digest?: string }): Record<string, unknown> {
  const blocks: unknown[] = [];
  if (options.digest) blocks.push({ type: 'header', text: { type: 'plain_text', text: `Vigil ${options.digest} digest: ${findings.length} new finding(s)` } });
  for (const f of findings.slice(0, 20)) {
    const link = options.dashboardUrl ? `<${options.dashboardUrl.replace(/\/$/, '')}/findings/${encodeURIComponent(f.id)}|details and playbook>` : `\`vigil findings show ${f.id}\``;
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: `${SEVERITY_MARK[f.severity] ?? ''} *${f.severity}* ${slackText(f.title).slice(0, 280)}` } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Type*\n${slackText(f.type)}` },
          { type: 'mrkdwn', text: `*Account / region*\n${slackText(f.account)} / ${slackText(f.region)}` },
          { type: 'mrkdwn', text: `*Resource*\n${slackText(f.resource.id).slice(0, 500)}` },
          { type: 'mrkdwn', text: `*Seen*\n${slackText(f.lastSeen ?? '')}${f.count && f.count > 1 ? ` (${f.count}×)` : ''}` },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: slackText(f.description).slice(0, 2900) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `Playbook: ${link}` }] },
      { type: 'divider' },
    );
  }
  if (findings.length > 20) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${findings.length - 20} more: \`vigil findings list --workflow NEW\`` }] });
  const first = findings[0];
  const text = options.digest ? `Vigil digest: ${findings.length} new findings` : `${first?.severity}: ${first ? slackText(first.title) : ''}`;
  return { text, blocks };
}

export function webhookBody(findings: NotifiedFinding[], idempotencyKey: string, digest?: string): Record<string, unknown> {
  return { idempotencyKey, digest: digest ?? null, findings };
}

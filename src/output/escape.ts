/**
 * Escaping for attacker-controlled text (CloudTrail userAgent, requestParameters, resource
 * names). Every renderer goes through one of these; none writes raw input.
 */

// C0/C1 controls and DEL, which carry terminal escape sequences (ESC [ ... ) and bells, and the
// Unicode bidirectional overrides, which make a terminal show text in a different order than
// it is ("Trojan Source").
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** For terminals: control characters shown as visible escapes (`\x1b`, `\u202e`); keeps tab and newline. */
export function stripControl(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** For a single terminal cell: control characters escaped, newlines and tabs folded to spaces. */
export function terminalCell(text: string): string {
  return stripControl(text.replace(/[\r\n\t]+/g, ' '));
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * For JSON embedded in a <script> element: `<`, `>`, `&` and the JS line separators escaped,
 * so `</script>` in a user agent cannot close the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** For a CSV field (RFC 4180), with spreadsheet formula injection neutralized. */
export function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Splits text holding several top-level JSON values (concatenated `{…}{…}` as Firehose writes
 * CloudWatch Logs records, or values separated by whitespace) into the spans of each value.
 * Used only when the text is not one JSON document, so its cost stays off the common path.
 */
export type ValueSpan = { start: number; end: number } | { start: number; error: string };

export function* scanJsonValues(text: string): Generator<ValueSpan> {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c !== 0x7b && c !== 0x5b) {
      yield { start: i, error: 'unexpected data between JSON values' };
      return;
    }
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < length; i++) {
      const ch = text.charCodeAt(i);
      if (inString) {
        if (ch === 0x5c) i++;
        else if (ch === 0x22) inString = false;
      } else if (ch === 0x22) {
        inString = true;
      } else if (ch === 0x7b || ch === 0x5b) {
        depth++;
      } else if (ch === 0x7d || ch === 0x5d) {
        depth--;
        if (depth === 0) break;
      }
    }
    if (i >= length) {
      yield { start, error: 'truncated JSON (unexpected end of input)' };
      return;
    }
    i++;
    yield { start, end: i };
  }
}

/** The character position in a JSON.parse error message, when the engine gives one. */
export function jsonErrorPosition(error: unknown): number | undefined {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) : undefined;
}

/**
 * Wildcard matching as IAM does it. Actions: case-insensitive, `*` and `?` over the whole
 * name. Resources and ARN condition values: case-sensitive, the six colon-separated ARN parts
 * matched one by one so a wildcard never spans the partition/service/region/account separators;
 * only the last part (the resource) may contain further colons.
 */

/** A pattern part: `glob` text has live `*`/`?`, `literal` text (policy variable values) does not. */
export interface PatternPart {
  text: string;
  literal: boolean;
}

const regexCache = new Map<string, RegExp>();

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function partsToRegexSource(parts: PatternPart[]): string {
  let source = '';
  for (const part of parts) {
    if (part.literal) {
      source += escapeRegex(part.text);
      continue;
    }
    for (const ch of part.text) {
      if (ch === '*') source += '[\\s\\S]*';
      else if (ch === '?') source += '[\\s\\S]';
      else source += escapeRegex(ch);
    }
  }
  return source;
}

/** Case-sensitive or -insensitive glob match of a whole string. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*') && !pattern.includes('?')) return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  const cacheKey = (ignoreCase ? 'i:' : 's:') + pattern;
  let regex = regexCache.get(cacheKey);
  if (!regex) {
    regex = new RegExp(`^${partsToRegexSource([{ text: pattern, literal: false }])}$`, ignoreCase ? 'i' : '');
    if (regexCache.size > 50_000) regexCache.clear();
    regexCache.set(cacheKey, regex);
  }
  return regex.test(value);
}

export function partsGlobMatch(parts: PatternPart[], value: string, ignoreCase = false): boolean {
  if (parts.length === 1 && !parts[0]!.literal) return globMatch(parts[0]!.text, value, ignoreCase);
  return new RegExp(`^${partsToRegexSource(parts)}$`, ignoreCase ? 'i' : '').test(value);
}

/** Action names: `s3:Get*` matches `s3:GetObject`, without regard to case. */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

/** Splits an ARN into its six parts (the last keeps its colons); undefined if not an ARN. */
export function splitArn(arn: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
}

/**
 * Splits pattern parts into the six ARN parts, ignoring colons inside literal (variable) text.
 * Returns undefined when the pattern has fewer than six parts.
 */
function splitPatternParts(parts: PatternPart[]): PatternPart[][] | undefined {
  const segments: PatternPart[][] = [[]];
  for (const part of parts) {
    if (part.literal || segments.length === 6) {
      segments[segments.length - 1]!.push(part);
      continue;
    }
    let rest = part.text;
    while (segments.length < 6) {
      const colon = rest.indexOf(':');
      if (colon < 0) break;
      segments[segments.length - 1]!.push({ text: rest.slice(0, colon), literal: false });
      segments.push([]);
      rest = rest.slice(colon + 1);
    }
    if (rest) segments[segments.length - 1]!.push({ text: rest, literal: false });
  }
  return segments.length === 6 ? segments : undefined;
}

/**
 * ARN matching for Resource elements and ArnLike/ArnEquals. `*` alone matches everything; a
 * pattern with fewer than six parts matches no ARN.
 */
export function arnPartsMatch(parts: PatternPart[], value: string): boolean {
  if (parts.length === 1 && !parts[0]!.literal && parts[0]!.text === '*') return true;
  const patternSegments = splitPatternParts(parts);
  const valueSegments = splitArn(value);
  // A value that is not an ARN (an id, a name) is matched whole; an ARN only by a six-part pattern.
  if (!valueSegments) return partsGlobMatch(parts, value);
  if (!patternSegments) return false;
  for (let i = 0; i < 6; i++) {
    if (!partsGlobMatch(patternSegments[i]!, valueSegments[i]!)) return false;
  }
  return true;
}

export function arnMatches(pattern: string, value: string): boolean {
  return arnPartsMatch([{ text: pattern, literal: false }], value);
}

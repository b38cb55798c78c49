import type { JsonNode, Position, Span } from '../policy/json.ts';

/** Access Analyzer's ValidatePolicy vocabulary. */
export type FindingType = 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
export type PolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

/** A path element as Access Analyzer writes it: `{value: "Statement"}`, `{index: 0}`. */
export type PathElement = { value: string } | { index: number } | { key: string };

/** Positions as Access Analyzer reports them: line from 1, column and offset from 0. */
export interface AnalyzerPosition {
  line: number;
  column: number;
  offset: number;
}
export interface PolicyLocation {
  path: PathElement[];
  span: { start: AnalyzerPosition; end: AnalyzerPosition };
}

export interface PolicyIssue {
  issueCode: string;
  findingType: FindingType;
  findingDetails: string;
  learnMoreLink: string;
  locations: PolicyLocation[];
}

export const LEARN_MORE = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

function toAnalyzer(position: Position): AnalyzerPosition {
  return { line: position.line, column: position.column - 1, offset: position.offset };
}

/** Turns our `Statement[0].Action[1]` path into Access Analyzer path elements. */
export function pathElements(path: string): PathElement[] {
  const out: PathElement[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) out.push({ value: m[1] });
    else if (m[2] !== undefined) out.push({ index: Number(m[2]) });
    else out.push({ value: m[3]!.replace(/\\'/g, "'") });
  }
  return out;
}

export function locationOf(node: JsonNode | { path: string; start: Position; end: Position }, span?: Span): PolicyLocation {
  const where = span ?? node;
  return { path: pathElements(node.path), span: { start: toAnalyzer(where.start), end: toAnalyzer(where.end) } };
}

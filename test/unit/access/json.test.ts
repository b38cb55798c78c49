import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonSyntaxError, parseJson, toPlain } from '../../../src/access/policy/json.ts';
import { parsePolicy } from '../../../src/access/policy/model.ts';

test('every node keeps line, column, offset and JSON path', () => {
  const text = '{\n  "Statement": [\n    {"Action": ["s3:Get*", "s3:List*"]}\n  ]\n}';
  const root = parseJson(text);
  assert.equal(root.kind, 'object');
  const statements = root.kind === 'object' ? root.entries[0]!.value : undefined;
  const action = statements?.kind === 'array' && statements.items[0]!.kind === 'object' ? statements.items[0]!.entries[0]!.value : undefined;
  assert.ok(action?.kind === 'array');
  const second = action.items[1]!;
  assert.equal(second.path, 'Statement[0].Action[1]');
  assert.deepEqual(second.start, { line: 3, column: 28, offset: text.indexOf('"s3:List*"') });
  assert.equal(second.end.offset, text.indexOf('"s3:List*"') + '"s3:List*"'.length);
});

test('escapes and unicode decode like JSON.parse', () => {
  const text = '{"a":"x\\u00e9\\n\\"q\\"","b":[1.5e3,-0,true,null],"c":{}}';
  assert.deepEqual(toPlain(parseJson(text)), JSON.parse(text));
});

test('syntax errors name line and column', () => {
  assert.throws(() => parseJson('{\n  "a": 1,\n  "b" 2\n}'), (error: unknown) => error instanceof JsonSyntaxError && error.position.line === 3 && error.position.column === 7);
  assert.throws(() => parseJson('{"a": [1, 2}'), JsonSyntaxError);
  assert.throws(() => parseJson('{"a": 1} x'), JsonSyntaxError);
  assert.throws(() => parseJson('"unterminated'), JsonSyntaxError);
});

test('normalisation: single values become lists; Principal forms', () => {
  const policy = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::b', NotPrincipal: { AWS: ['111122223333', '*'], Service: 'ec2.amazonaws.com', Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'abc' }, Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'a*' } } } }));
  const s = policy.statements[0]!;
  assert.deepEqual(s.notActions?.map((a) => a.value), ['iam:*']);
  assert.deepEqual(s.notResources?.map((r) => r.value), ['arn:aws:s3:::b']);
  assert.equal(s.notPrincipal?.wildcard, true);
  assert.deepEqual(s.notPrincipal?.aws.map((v) => v.value), ['111122223333']);
  assert.equal(s.notPrincipal?.service[0]?.value, 'ec2.amazonaws.com');
  assert.equal(s.notPrincipal?.federated[0]?.value, 'cognito-identity.amazonaws.com');
  assert.equal(s.notPrincipal?.canonicalUser[0]?.value, 'abc');
  assert.deepEqual({ base: s.conditions[0]!.base, set: s.conditions[0]!.set, ifExists: s.conditions[0]!.ifExists, values: s.conditions[0]!.values }, { base: 'StringLike', set: 'ForAnyValue', ifExists: true, values: ['a*'] });
});

test('Principal "*" is everyone', () => {
  assert.equal(parsePolicy('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*"}]}').statements[0]!.principal?.wildcard, true);
});

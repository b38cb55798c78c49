/**
 * SARIF 2.1.0 validation, two ways (the official schema cannot be downloaded here):
 * 1. at compile time, buildSarif returns `Log` from @types/sarif, so every property name and
 *    enum value is checked against the spec's types;
 * 2. at run time, against the JSON Schema below, written from the SARIF 2.1.0 specification's
 *    required properties and enumerations (§3.13 sarifLog, §3.14 run, §3.18 tool, §3.19
 *    toolComponent, §3.49 reportingDescriptor, §3.27 result, §3.11 message, §3.28 location,
 *    §3.33 logicalLocation, §3.35 suppression), plus structural asserts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import type { Log } from 'sarif';
import { buildSarif, renderSarif } from '../../../src/output/sarif.ts';
import { ALL, GUARDDUTY_ON, ROOT_KEY, TRAIL_STOPPED, TRAIL_UNKNOWN, sampleReport } from './fixtures/findings.ts';

const message = { type: 'object', anyOf: [{ required: ['text'] }, { required: ['id'] }], properties: { text: { type: 'string' }, markdown: { type: 'string' } } };
const SARIF_SUBSET = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    $schema: { type: 'string', format: 'uri' },
    runs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  version: { type: 'string' },
                  informationUri: { type: 'string', format: 'uri' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        shortDescription: message,
                        fullDescription: message,
                        help: message,
                        helpUri: { type: 'string', format: 'uri' },
                        defaultConfiguration: { type: 'object', properties: { level: { enum: ['none', 'note', 'warning', 'error'] } } },
                        properties: { type: 'object', properties: { tags: { type: 'array', uniqueItems: true, items: { type: 'string' } } } },
                      },
                    },
                  },
                },
              },
            },
          },
          invocations: { type: 'array', items: { type: 'object', required: ['executionSuccessful'], properties: { executionSuccessful: { type: 'boolean' } } } },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: -1 },
                kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message,
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      logicalLocations: {
                        type: 'array',
                        minItems: 1,
                        items: { type: 'object', properties: { name: { type: 'string' }, fullyQualifiedName: { type: 'string' }, kind: { type: 'string' } } },
                      },
                    },
                  },
                },
                partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
                suppressions: {
                  type: 'array',
                  items: { type: 'object', required: ['kind'], properties: { kind: { enum: ['inSource', 'external'] }, status: { enum: ['accepted', 'underReview', 'rejected'] } } },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

function validate(log: unknown): void {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  const ok = ajv.validate(SARIF_SUBSET, log);
  assert.ok(ok, JSON.stringify(ajv.errors, null, 2));
}

test('the log validates and has one run with rules for the distinct types', () => {
  const log: Log = JSON.parse(renderSarif(sampleReport()));
  validate(log);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0]!;
  assert.equal(run.tool.driver.name, 'Vigil');
  const ruleIds = run.tool.driver.rules!.map((r) => r.id);
  assert.deepEqual([...ruleIds].sort(), [...new Set(ALL.map((f) => f.type))].sort());
  for (const result of run.results!) assert.equal(run.tool.driver.rules![result.ruleIndex!]!.id, result.ruleId);
  const rootRule = run.tool.driver.rules!.find((r) => r.id === ROOT_KEY.type)!;
  assert.equal(rootRule.helpUri, ROOT_KEY.references![0]);
  assert.match(rootRule.help!.text!, /Delete the root user access keys/);
  assert.equal(rootRule.properties!['security-severity'], '9.5');
});

test('levels follow severity for failures; passes and unknowns carry level none', () => {
  const results = buildSarif(sampleReport()).runs[0]!.results!;
  const by = (id: string) => results.find((r) => r.partialFingerprints!['vigilFindingId/v1'] === id)!;
  assert.deepEqual([by(ROOT_KEY.id).kind, by(ROOT_KEY.id).level], ['fail', 'error']);
  assert.deepEqual([by(TRAIL_STOPPED.id).kind, by(TRAIL_STOPPED.id).level], ['fail', 'warning']);
  assert.deepEqual([by(GUARDDUTY_ON.id).kind, by(GUARDDUTY_ON.id).level], ['pass', 'none']);
  assert.deepEqual([by(TRAIL_UNKNOWN.id).kind, by(TRAIL_UNKNOWN.id).level], ['open', 'none']);
});

test('locations are logical (the AWS resource) and the stable id is the fingerprint', () => {
  const result = buildSarif(sampleReport([TRAIL_STOPPED])).runs[0]!.results![0]!;
  assert.deepEqual(result.locations![0]!.logicalLocations![0], { name: 'alice', fullyQualifiedName: TRAIL_STOPPED.resource.id, kind: 'resource' });
  assert.deepEqual(result.partialFingerprints, { 'vigilFindingId/v1': TRAIL_STOPPED.id });
  assert.equal(result.properties!.account, '111122223333');
});

test('a suppressed result carries a SARIF suppression with the reason', () => {
  const suppressed = { ...ROOT_KEY, status: 'SUPPRESSED' as const, suppression: { reason: 'break-glass account, reviewed' } };
  const log = buildSarif(sampleReport([suppressed]));
  validate(log);
  assert.deepEqual(log.runs[0]!.results![0]!.suppressions, [{ kind: 'external', status: 'accepted', justification: 'break-glass account, reviewed' }]);
});

test('the subset schema really rejects a broken log', () => {
  const broken = JSON.parse(renderSarif(sampleReport()));
  broken.runs[0].results[0].level = 'fatal';
  delete broken.runs[0].tool.driver.name;
  assert.throws(() => validate(broken));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/core/config.ts';
import { InputError } from '../../../src/core/errors.ts';

test('a valid config parses', () => {
  const config = parseConfig('aws:\n  regions: [us-east-1]\ndetect:\n  learningDays: 3\n');
  assert.deepEqual(config.aws?.regions, ['us-east-1']);
  assert.equal(config.detect?.learningDays, 3);
});

test('a wrongly typed value names the key and its line', () => {
  const text = 'aws:\n  regions: [us-east-1]\ndetect:\n  learningDays: "soon"\n';
  assert.throws(() => parseConfig(text, 'vigil.yaml'), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.oneLine, /^vigil\.yaml:4:\d+: detect\.learningDays: /);
    return true;
  });
});

test('an unknown key is an error at the key', () => {
  assert.throws(() => parseConfig('detect:\n  learnigDays: 3\n', 'v.yaml'), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.oneLine, 'v.yaml:2:3: detect.learnigDays: unknown key');
    return true;
  });
});

test('broken YAML names the line', () => {
  assert.throws(() => parseConfig('aws:\n  regions: [us-east-1\n', 'v.yaml'), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.oneLine, /^v\.yaml:\d+:\d+: invalid YAML/);
    return true;
  });
});

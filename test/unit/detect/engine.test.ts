import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../../src/detect/engine.ts';
import { settingsOf } from '../../../src/detect/index.ts';
import { Intel } from '../../../src/detect/intel/index.ts';
import type { Detector } from '../../../src/detect/types.ts';
import type { LogEvent } from '../../../src/logs/types.ts';
import { ct, flow } from './events.ts';

/** A detector that notes the calls it is given. */
function recorder(id: string, eventSources?: string[], kinds: Array<LogEvent['kind']> = ['cloudtrail']): Detector & { seen: string[] } {
  const seen: string[] = [];
  return { id, kinds, eventSources, seen, observe: (event) => void seen.push(event.kind === 'cloudtrail' ? event.record.eventName : event.kind) };
}

test('a detector naming its event sources is called with those events only; the others with every event', () => {
  const s3 = recorder('s3', ['s3.amazonaws.com']);
  const iamOrSts = recorder('iam-or-sts', ['iam.amazonaws.com', 'sts.amazonaws.com']);
  const all = recorder('all');
  const flows = recorder('flows', undefined, ['vpcflow']);
  const engine = new Engine({ rules: [], detectors: [s3, all, iamOrSts, flows], intel: new Intel(), settings: settingsOf({}) });
  const events = [
    ct({ eventSource: 's3.amazonaws.com', eventName: 'GetObject' }),
    ct({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser' }),
    ct({ eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances' }),
    ct({ eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole' }),
    flow({}),
  ];
  for (const event of events) engine.observe(event);
  assert.deepEqual(s3.seen, ['GetObject']);
  assert.deepEqual(iamOrSts.seen, ['CreateUser', 'AssumeRole']);
  assert.deepEqual(all.seen, ['GetObject', 'CreateUser', 'RunInstances', 'AssumeRole']);
  assert.deepEqual(flows.seen, ['vpcflow']);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressBar } from '../../../src/inventory/collect/progress.ts';

function terminal() {
  let written = '';
  const stream = Object.assign(
    { write: (chunk: string) => ((written += chunk), true), on: () => stream, removeListener: () => stream, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
    { isTTY: true, columns: 120 },
  );
  return { stream: stream as unknown as NodeJS.WritableStream, text: () => written };
}

describe('collection progress', () => {
  it('draws nothing in a pipe or with --quiet', () => {
    assert.equal(progressBar({ showProgress: false, stderr: terminal().stream, info: () => undefined }), undefined);
    assert.equal(progressBar(undefined), undefined);
  });

  it('draws a bar of units on a terminal', () => {
    const term = terminal();
    const bar = progressBar({ showProgress: true, stderr: term.stream, info: () => undefined });
    assert.ok(bar);
    bar.start(4);
    bar.unitDone('111122223333/us-east-1/s3');
    bar.stop();
    assert.match(term.text(), /collecting \[.*\] \d\/4 units/);
  });
});

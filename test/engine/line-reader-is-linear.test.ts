// The Python protocol's line reader: one scan per chunk and one join per line, so a large
// response costs time in proportion to its size (re-scanning a growing buffer on every 64 KB
// chunk made a 10 MB response cost 0.7-0.9 s: quadratic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineReader } from '../../runner/engine/line-reader.ts';

function readMs(totalBytes: number): number {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const lines: string[] = [];
  const reader = new LineReader(64 * 1024 * 1024, (line) => lines.push(line), () => assert.fail('not oversized'));
  const started = performance.now();
  for (let sent = 0; sent < totalBytes; sent += chunk.length) reader.push(chunk);
  reader.push(Buffer.from('\n'));
  const elapsed = performance.now() - started;
  assert.equal(lines.length, 1);
  assert.equal(lines[0]?.length, Math.ceil(totalBytes / chunk.length) * chunk.length);
  return elapsed;
}

test('reading one line of 32 MB costs about 16 times one of 2 MB, not 256 times', () => {
  readMs(2 * 1024 * 1024); // warm-up
  const small = Math.min(readMs(2 * 1024 * 1024), readMs(2 * 1024 * 1024), readMs(2 * 1024 * 1024));
  const large = Math.min(readMs(32 * 1024 * 1024), readMs(32 * 1024 * 1024));
  const ratio = large / Math.max(small, 0.05);
  assert.ok(ratio < 64, `32 MB took ${large.toFixed(1)} ms, 2 MB ${small.toFixed(1)} ms: ratio ${ratio.toFixed(1)} (linear ~16, quadratic ~256)`);
  assert.ok(large < 2000, `32 MB took ${large.toFixed(0)} ms`);
});

test('lines split across chunks and several lines in one chunk come out whole; an oversized line is skipped, not buffered', () => {
  const lines: string[] = [];
  const oversized: number[] = [];
  const reader = new LineReader(10, (line) => lines.push(line), (bytes) => oversized.push(bytes));
  reader.push(Buffer.from('ab'));
  reader.push(Buffer.from('c\nde\nf'));
  reader.push(Buffer.from('g\n'));
  reader.push(Buffer.from('0123456789'));
  reader.push(Buffer.from('0123456789\nok\n'));
  reader.push(Buffer.from('é\n'));
  assert.deepEqual(lines, ['abc', 'de', 'fg', 'ok', 'é']);
  assert.deepEqual(oversized, [20]);
});

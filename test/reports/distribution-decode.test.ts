import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, encodeIntoCompressedBase64 } from 'hdr-histogram-js';
import { decodeDistribution } from '../../reports/distribution.ts';

test('a level histogram decodes to bins in ms that hold every request, and its percentiles', () => {
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  for (let i = 0; i < 900; i += 1) histogram.recordValue(2_000 + i); // 2.000–2.899 ms
  for (let i = 0; i < 100; i += 1) histogram.recordValue(50_000); // a 50 ms tail
  const decoded = decodeDistribution({ unit: 'us', encoding: 'hdr-compressed-base64', data: encodeIntoCompressedBase64(histogram) });
  assert.equal(decoded.count, 1000);
  assert.equal(decoded.bins.reduce((sum, bin) => sum + bin.count, 0), 1000);
  assert.ok(Math.abs(decoded.minMs - 2) < 0.01, `min ${decoded.minMs}`);
  assert.ok(Math.abs(decoded.maxMs - 50) < 0.1, `max ${decoded.maxMs}`);
  const p50 = decoded.percentilesMs.find((p) => p.percentile === 50)?.latencyMs ?? NaN;
  const p99 = decoded.percentilesMs.find((p) => p.percentile === 99)?.latencyMs ?? NaN;
  assert.ok(p50 > 2.4 && p50 < 2.5, `p50 ${p50}`);
  assert.ok(Math.abs(p99 - 50) < 0.1, `p99 ${p99}`);
  const tail = decoded.bins.at(-1);
  assert.equal(tail?.count, 100);
  for (const bin of decoded.bins) assert.ok(bin.fromMs < bin.toMs || decoded.bins.length === 1);
});

test('an empty histogram decodes to no bins', () => {
  const histogram = build();
  const decoded = decodeDistribution({ unit: 'us', encoding: 'hdr-compressed-base64', data: encodeIntoCompressedBase64(histogram) });
  assert.equal(decoded.count, 0);
  assert.deepEqual(decoded.bins, []);
});

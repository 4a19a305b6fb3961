import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diurnalProfile, parseProfileSpec } from '../../runner/traffic/profiles.ts';
import { UsageError } from '../../runner/errors.ts';

test('a diurnal profile is a smooth day from the trough at midnight to the peak at noon', async () => {
  const day = diurnalProfile(200, 20);
  assert.equal(day.minuteRequests.length, 1440);
  assert.equal(day.minuteRequests[0], 20 * 60);
  assert.ok(Math.abs((day.minuteRequests[720] ?? 0) - 200 * 60) < 1e-9);
  // The mean rate of a raised cosine is halfway between trough and peak.
  const mean = day.minuteRequests.reduce((a, b) => a + b, 0) / 1440 / 60;
  assert.ok(Math.abs(mean - 110) < 1e-9);
  // No jump between neighbouring minutes larger than the curve's steepest slope allows.
  const steepest = ((200 - 20) * 60 * Math.PI) / 1440;
  for (let i = 1; i < 1440; i++) assert.ok(Math.abs((day.minuteRequests[i] ?? 0) - (day.minuteRequests[i - 1] ?? 0)) <= steepest + 1e-9);
  assert.deepEqual((await parseProfileSpec('diurnal:200:20')).minuteRequests, day.minuteRequests);
  await assert.rejects(parseProfileSpec('diurnal:20:200'), UsageError);
  await assert.rejects(parseProfileSpec('hourly:5'), /expected constant:RPS, diurnal:PEAK_RPS:TROUGH_RPS, csv:FILE or cloudwatch:FUNCTION/);
});

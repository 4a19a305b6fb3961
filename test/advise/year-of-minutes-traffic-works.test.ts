// test-lane: concurrent: asserts the exit and verdict of a big input.
// A traffic CSV with a year of per-minute counts (525,600 rows) is an ordinary input: it used
// to exit 70 with "Maximum call stack size exceeded" (the peak was taken with Math.max(...rows)).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trafficStats } from '../../runner/advise/traffic-stats.ts';
import { runProcess, repoRoot } from '../cli/spawn-cli.ts';
import { testTempDir } from '../temp-dir.ts';

const minutesPerYear = 525_600;

test('the statistics of a year of minutes: peak and quietest minute found without spreading the rows', () => {
  const minuteRequests = Array.from({ length: minutesPerYear }, (_, minute) => 600 + (minute % 1000));
  minuteRequests[400_000] = 60_000;
  minuteRequests[12] = 60;
  const stats = trafficStats({ name: 'csv:year', minuteRequests });
  assert.equal(stats.minutes, minutesPerYear);
  assert.equal(stats.peakRps, 1000);
  assert.equal(stats.quietestRps, 1);
});

test('advise reads a 525,600-row traffic CSV and exits 0', { timeout: 60_000 }, async () => {
  const dir = testTempDir('lmi-bench-year-csv-');
  try {
    const csv = join(dir, 'year.csv');
    writeFileSync(csv, Array.from({ length: minutesPerYear }, (_, minute) => String(3000 + (minute % 600))).join('\n') + '\n');
    const result = await runProcess(process.execPath, [`${repoRoot}bin/lmi-bench.mjs`, 'advise', '--traffic', `csv:${csv}`, '--duration-ms', '100', '--memory-mb', '1024', '--offline']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /verdict: /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

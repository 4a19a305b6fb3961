/** LMI's minimum runtimes (Node.js 22+, Python 3.13+, Java 21+, .NET 8+, provided.al2023) against Lambda runtime ids. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise } from '../../runner/advise/model.ts';
import { runtimeSupport } from '../../runner/advise/runtime-support.ts';
import { constantProfile } from '../../runner/traffic/profiles.ts';
import { riskText } from '../../runner/advise/words.ts';
import { options, snapshotPrices, whatIf } from './support.ts';

test('runtime ids below the minimum are refused, at or above it accepted, unknown ones left open', () => {
  const cases: Array<[string, boolean | null]> = [
    ['nodejs20.x', false],
    ['nodejs22.x', true],
    ['nodejs24.x', true],
    ['python3.12', false],
    ['python3.13', true],
    ['python3.9', false],
    ['java17', false],
    ['java21', true],
    ['dotnet6', false],
    ['dotnet8', true],
    ['provided.al2', false],
    ['provided.al2023', true],
    ['ruby3.3', null],
  ];
  for (const [runtime, supported] of cases) assert.equal(runtimeSupport(runtime).supported, supported, runtime);
});

test('a function on nodejs20.x gets a warning to upgrade before moving', async () => {
  const advice = advise(whatIf({ runtime: 'nodejs20.x' }), constantProfile(10), options(), await snapshotPrices());
  const risk = advice.risks.find((r) => r.kind === 'runtime-version');
  assert.equal(risk?.severity, 'warning');
  assert.match(risk ? riskText(risk) : '', /nodejs20\.x is below LMI's minimum \(Node\.js 22\+\)/);
  // Node.js defaults to 64 concurrent invocations per vCPU: 2048 MB at 2 GiB per vCPU is one vCPU.
  assert.equal(advice.lmi.settings.maxConcurrency, 64);
});

// test-lane: concurrent, long: asserts what advise prints about a safety result.
/**
 * advise cites the handler's last `lmi-bench safety` check in its concurrent-invocations risk,
 * read from where safety keeps it (<out>/safety/<workload>-<runtime>.json): a check with errors
 * turns the risk into a warning and leads the output with "not safe for LMI yet" (a workload
 * never checked, with "not checked"), a clean one says so with its seed and date, and a workload never
 * checked gets the command that checks it. Real safety runs, real advise runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Advice } from '../../runner/advise/model.ts';
import { riskText } from '../../runner/advise/words.ts';
import { runCli } from '../cost/helpers/cli.ts';
import { quick, runSafetyCli, safetyFixtures, tempDir } from '../safety/cli.ts';

const whatIf = ['advise', '--rps', '20', '--duration-ms', '100', '--memory-mb', '1024', '--cpu-ms', '10', '--runtime', 'nodejs22.x', '--instance-type', 'm7g.xlarge', '--offline'];

async function adviseWith(workload: string, outDir: string): Promise<{ advice: Advice; stdout: string }> {
  const file = join(tempDir('advise-safety'), 'advice.json');
  const run = await runCli([...whatIf, '--workload', workload, '--out', outDir, '--json', file]);
  assert.equal(run.code, 0, run.stderr);
  return { advice: JSON.parse(await readFile(file, 'utf8')) as Advice, stdout: run.stdout };
}

/** The concurrent-invocations risk of the --json figures, and its sentence as the terminal words it. */
function concurrencyRisk(advice: Advice): { severity: string; text: string } {
  const risk = advice.risks.find((r) => r.kind === 'concurrent-invocations');
  assert.ok(risk, 'the concurrent-invocations risk is there');
  return { severity: risk.severity, text: riskText(risk) };
}

test('a check with errors makes the risk a warning citing their count; a clean check is cited as such; no check names the command', { timeout: 240_000 }, async () => {
  // The two safety runs, then the three advise runs, side by side: none asserts a time, and
  // each mostly waits on its own process's start-up and its engine's.
  const [unsafe, safe] = await Promise.all([
    runSafetyCli(['--workload', `${safetyFixtures}order-shared-state`, ...quick, '--seed', '5']),
    runSafetyCli(['--workload', `${safetyFixtures}order-safe`, ...quick, '--seed', '6']),
  ]);
  assert.ok(unsafe.result && unsafe.result.counts.errors > 0, 'the unsafe fixture has error findings');
  assert.equal(safe.result?.counts.errors, 0, 'the safe fixture has no error');
  const unsafeOut = join(unsafe.dir, 'results');
  const [flagged, cleared, unchecked] = await Promise.all([
    adviseWith(`${safetyFixtures}order-shared-state`, unsafeOut),
    adviseWith(`${safetyFixtures}order-safe`, join(safe.dir, 'results')),
    // The safe workload looked up where only the unsafe one was checked: not checked yet.
    adviseWith(`${safetyFixtures}order-safe`, unsafeOut),
  ]);
  assert.equal(flagged.advice.safety.state, 'found');
  const flaggedRisk = concurrencyRisk(flagged.advice);
  assert.equal(flaggedRisk.severity, 'warning');
  assert.match(flaggedRisk.text, new RegExp(`: ${unsafe.result.counts.errors + unsafe.result.counts.warnings} findings? \\(${unsafe.result.counts.errors} errors?`));
  assert.match(flaggedRisk.text, /seed 5/);
  assert.match(flaggedRisk.text, /Fix the errors before moving/);
  assert.ok(flagged.stdout.includes(flaggedRisk.text), 'the terminal shows the same risk');
  // Safety gates the verdict: the headline leads with it, before any cost; the cost still follows.
  assert.equal(flagged.advice.safetyGate?.state, 'unsafe');
  assert.match(flagged.stdout, new RegExp(`^NOT SAFE FOR LMI YET: the last \`lmi-bench safety\` check found ${unsafe.result.counts.errors} errors?; the main cause: module\.session`));
  assert.ok(flagged.stdout.indexOf('NOT SAFE FOR LMI YET') < flagged.stdout.indexOf('monthly cost'), 'before any cost');
  assert.match(flagged.stdout, /^verdict: NOT SAFE FOR LMI YET\. (Move to LMI|Stay on standard Lambda|Either|It depends)/m);

  const clearedRisk = concurrencyRisk(cleared.advice);
  assert.equal(clearedRisk.severity, 'check');
  assert.match(clearedRisk.text, /Checked with `lmi-bench safety`: 0 findings, seed 6/);
  assert.equal(cleared.advice.safetyGate?.state, 'clear');
  assert.match(cleared.stdout, /^function: /, 'a clean check does not lead');

  assert.equal(unchecked.advice.safety.state, 'missing');
  const uncheckedRisk = concurrencyRisk(unchecked.advice);
  assert.equal(uncheckedRisk.severity, 'check');
  assert.ok(uncheckedRisk.text.includes(`run lmi-bench safety --workload ${safetyFixtures}order-safe`), uncheckedRisk.text);
  assert.match(unchecked.stdout, new RegExp(`^NOT CHECKED for LMI safety: .*run lmi-bench safety --workload ${safetyFixtures.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}order-safe before moving`));
});

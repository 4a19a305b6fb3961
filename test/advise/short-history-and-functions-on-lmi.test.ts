/**
 * History is honest: a month projected from less history than asked for says how many minutes
 * it saw; under a day it is refused unless allowed; and a function already on LMI is told what
 * standard Lambda would cost it rather than to "move to LMI".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { advise } from '../../runner/advise/model.ts';
import { formatAdvice, formatRanking } from '../../runner/advise/terminal.ts';
import { historyText, verdictText } from '../../runner/advise/words.ts';
import { UsageError } from '../../runner/errors.ts';
import { options, snapshotPrices, whatIf } from './support.ts';

const history = (minutesSeen: number, minutesAsked: number) => ({
  name: 'function:f (last 14 d)',
  minuteRequests: new Array<number>(minutesSeen).fill(600),
  history: { minutesSeen, minutesAsked },
});

test('under a day of history: refused with the minutes seen, projected with a warning when allowed', async () => {
  const prices = await snapshotPrices();
  const oneMinute = history(1, 14 * 1440);
  assert.throws(() => advise(whatIf({ name: 'f' }), oneMinute, options(), prices), (error: unknown) => error instanceof UsageError && /1 minute\(s\) of invocations, under a day.*--allow-short-history/.test(error.message));
  const allowed = advise(whatIf({ name: 'f' }), oneMinute, options({ allowShortHistory: true }), prices);
  assert.match(historyText(allowed) ?? '', /^Projected from 1 minute\(s\) of history .*not the 14 day\(s\) asked for/);
  assert.match(formatAdvice(allowed), /^! Projected from 1 minute/m);
});

test('a history over a day but short of the window is projected with a warning; a full one has none', async () => {
  const prices = await snapshotPrices();
  const twoDays = advise(whatIf({ name: 'f' }), history(2 * 1440, 14 * 1440), options(), prices);
  assert.match(historyText(twoDays) ?? '', /Projected from 2,880 minute\(s\)/);
  const full = advise(whatIf({ name: 'f' }), history(1440, 1440), options(), prices);
  assert.equal(historyText(full), null);
  // A what-if rate is no history: nothing to warn about, nothing refused.
  assert.equal(historyText(advise(whatIf(), { name: 'constant:10', minuteRequests: [600] }, options(), prices)), null);
});

test('a function on LMI is advised as what standard Lambda would cost, never "move to LMI"', async () => {
  const prices = await snapshotPrices();
  const traffic = { name: 'constant:500', minuteRequests: [500 * 60] };
  const onLmi = advise(whatIf({ name: 'busy', lmi: { maxConcurrency: 16, gibPerVcpu: 2 } }), traffic, options(), prices);
  assert.equal(onLmi.runsOn, 'lmi');
  assert.equal(onLmi.decision, 'lmi');
  assert.match(verdictText(onLmi), /^On LMI: standard Lambda would cost \$[\d,.]+ a month against \$[\d,.]+ on LMI .*staying on LMI saves/);
  const row = formatRanking([{ state: 'advised', name: 'busy', advice: onLmi }]);
  assert.match(row, /stay on LMI/);
  assert.doesNotMatch(row, /move to LMI/);
  const onLambda = advise(whatIf({ name: 'busy' }), traffic, options(), prices);
  assert.match(verdictText(onLambda), /^Move to LMI/);
});

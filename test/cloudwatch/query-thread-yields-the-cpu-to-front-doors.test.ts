// test-lane: concurrent: asserts thread nice values.
// On AWS, CloudWatch runs on other machines than the functions; here the query thread shares the
// cores with the front doors and the environments, so it runs at nice 10 while every other
// thread of the engine keeps its priority.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { MetricsStore } from '../../runner/engine/metrics-store.ts';
import { CloudWatchQueryThread } from '../../runner/engine/cloudwatch/query-thread.ts';

/** Nice value of each thread of this process (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceValues(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), Number(fields[16]));
  }
  return out;
}

test('the query thread runs at nice 10 and the engine thread keeps its priority', { skip: !existsSync('/proc/self/task') && 'no /proc' }, async () => {
  const before = threadNiceValues();
  const thread = new CloudWatchQueryThread(new MetricsStore());
  thread.start();
  try {
    const answer = await thread.handle({ target: 'GraniteServiceVersion20100801.GetMetricData', body: JSON.stringify({ StartTime: 0, EndTime: 60, MetricDataQueries: [] }) });
    assert.equal(answer.status, 400, 'an empty query list is refused, as CloudWatch does: the thread answered');
    const after = threadNiceValues();
    const added = [...after].filter(([tid]) => !before.has(tid));
    assert.ok(added.some(([, nice]) => nice === 10), `a new thread at nice 10 (new threads: ${JSON.stringify(added)})`);
    assert.equal(after.get(process.pid), before.get(process.pid), 'the engine thread keeps its nice value');
  } finally {
    await thread.close();
  }
});

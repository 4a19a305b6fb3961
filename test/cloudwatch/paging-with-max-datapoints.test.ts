// test-lane: concurrent: asserts paging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetMetricDataCommand, paginateGetMetricData, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { invocation, minute, serveStore } from './serve.ts';

test('MaxDatapoints pages through all queries with NextToken; a foreign token is refused', async () => {
  const served = await serveStore(undefined, () => minute(600));
  try {
    for (let m = 0; m < 10; m++) for (let i = 0; i <= m; i++) served.store.recordInvocation(invocation('fn', minute(m) + i * 10, 5));
    const input: GetMetricDataCommandInput = {
      StartTime: new Date(minute(0)),
      EndTime: new Date(minute(10)),
      ScanBy: 'TimestampAscending',
      MaxDatapoints: 4,
      MetricDataQueries: ['Sum', 'Maximum'].map((Stat, i) => ({
        Id: `q${i}`,
        MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: i === 0 ? 'Invocations' : 'Duration', Dimensions: [{ Name: 'FunctionName', Value: 'fn' }] }, Period: 60, Stat },
      })),
    };
    const merged = new Map<string, { timestamps: number[]; values: number[] }>();
    let pages = 0;
    // The paginator writes NextToken into the input it is given: hand it a copy.
    for await (const page of paginateGetMetricData({ client: served.client }, { ...input })) {
      pages += 1;
      const count = (page.MetricDataResults ?? []).reduce((n, r) => n + (r.Values?.length ?? 0), 0);
      assert.ok(count <= 4, `page ${pages} has ${count} datapoints`);
      for (const r of page.MetricDataResults ?? []) {
        const entry = merged.get(r.Id ?? '') ?? { timestamps: [], values: [] };
        entry.timestamps.push(...(r.Timestamps ?? []).map((d) => d.getTime()));
        entry.values.push(...(r.Values ?? []));
        merged.set(r.Id ?? '', entry);
        if (page.NextToken === undefined) assert.equal(r.StatusCode, 'Complete');
      }
    }
    assert.equal(pages, 5, '20 datapoints, 4 per page');
    assert.deepEqual(merged.get('q0')?.values, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(merged.get('q0')?.timestamps, Array.from({ length: 10 }, (_, m) => minute(m)));
    assert.deepEqual(merged.get('q1')?.values, Array(10).fill(5));

    const first = await served.client.send(new GetMetricDataCommand(input));
    assert.equal(first.MetricDataResults?.[0]?.StatusCode, 'PartialData');
    assert.ok(first.NextToken);
    await assert.rejects(
      served.client.send(new GetMetricDataCommand({ ...input, EndTime: new Date(minute(9)), NextToken: first.NextToken })),
      (error: Error) => error.name === 'InvalidNextToken' && /different request/.test(error.message),
    );
    await assert.rejects(served.client.send(new GetMetricDataCommand({ ...input, NextToken: 'garbage' })), { name: 'InvalidNextToken' });
  } finally {
    await served.close();
  }
});

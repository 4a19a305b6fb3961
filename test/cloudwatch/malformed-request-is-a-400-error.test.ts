// test-lane: concurrent: asserts errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { minute, serveStore } from './serve.ts';

const metric = { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: [{ Name: 'FunctionName', Value: 'fn' }] };
const valid: GetMetricDataCommandInput = {
  StartTime: new Date(minute(0)),
  EndTime: new Date(minute(5)),
  MetricDataQueries: [{ Id: 'inv', MetricStat: { Metric: metric, Period: 60, Stat: 'Sum' } }],
};

test('bad queries become SDK exceptions with the CloudWatch error name and a clear message', async () => {
  const served = await serveStore(undefined, () => minute(120));
  try {
    const cases: Array<[string, GetMetricDataCommandInput, string, RegExp]> = [
      ['expression', { ...valid, MetricDataQueries: [{ Id: 'e1', Expression: 'SUM(METRICS())' }] }, 'InvalidParameterValueException', /metric math Expressions are not supported by the local engine/],
      ['period', { ...valid, MetricDataQueries: [{ Id: 'p', MetricStat: { Metric: metric, Period: 45, Stat: 'Sum' } }] }, 'InvalidParameterValueException', /Period/],
      ['stat', { ...valid, MetricDataQueries: [{ Id: 's', MetricStat: { Metric: metric, Period: 60, Stat: 'Median' } }] }, 'InvalidParameterValueException', /not a valid statistic/],
      ['trimmed mean', { ...valid, MetricDataQueries: [{ Id: 't', MetricStat: { Metric: metric, Period: 60, Stat: 'tm99' } }] }, 'InvalidParameterValueException', /not supported by the local engine/],
      ['order', { ...valid, StartTime: new Date(minute(5)), EndTime: new Date(minute(1)) }, 'InvalidParameterValueException', /StartTime must be less than/],
      ['id', { ...valid, MetricDataQueries: [{ Id: 'Bad-Id', MetricStat: { Metric: metric, Period: 60, Stat: 'Sum' } }] }, 'InvalidParameterValueException', /Id is not valid/],
      ['duplicate', { ...valid, MetricDataQueries: [valid.MetricDataQueries![0]!, valid.MetricDataQueries![0]!] }, 'InvalidParameterValueException', /not unique/],
      ['neither', { ...valid, MetricDataQueries: [{ Id: 'n' }] }, 'InvalidParameterCombinationException', /exactly one of MetricStat or Expression/],
      ['empty', { ...valid, MetricDataQueries: [] }, 'MissingRequiredParameterException', /MetricDataQueries/],
    ];
    for (const [name, input, errorName, message] of cases) {
      await assert.rejects(served.client.send(new GetMetricDataCommand(input)), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, errorName, name);
        assert.match(error.message, message, name);
        assert.equal(error.$metadata?.httpStatusCode, 400, name);
        return true;
      });
    }
  } finally {
    await served.close();
  }
});

test('a missing or foreign X-Amz-Target and a body that is not JSON are 400s with a CloudWatch error shape', async () => {
  const served = await serveStore();
  try {
    const post = async (headers: Record<string, string>, body: string) => {
      const res = await fetch(served.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', ...headers }, body });
      return { status: res.status, json: (await res.json()) as { __type: string; message: string } };
    };
    const noTarget = await post({}, '{}');
    assert.equal(noTarget.status, 400);
    assert.equal(noTarget.json.__type, 'com.amazonaws.cloudwatch#UnknownOperationException');
    const putMetric = await post({ 'x-amz-target': 'GraniteServiceVersion20100801.PutMetricData' }, '{}');
    assert.match(putMetric.json.message, /only CloudWatch GetMetricData/);
    const notJson = await post({ 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData' }, '{"MetricDataQueries": [');
    assert.equal(notJson.status, 400);
    assert.equal(notJson.json.__type, 'com.amazonaws.cloudwatch#SerializationException');
  } finally {
    await served.close();
  }
});

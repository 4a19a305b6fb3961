/**
 * GetMetricData input as @aws-sdk/client-cloudwatch sends it over AWS JSON 1.0: member names in
 * PascalCase, timestamps as epoch seconds (fractional numbers). Validation follows CloudWatch's
 * own rules and error shapes, so a bad query fails the same way here as on AWS.
 */
import { isValidPeriod } from '../../metrics/periods.ts';
import { CloudWatchApiError } from './errors.ts';
import { parseStatistic, type Statistic } from './statistics.ts';

export interface Dimension {
  name: string;
  value: string;
}

export interface MetricQuery {
  id: string;
  label: string | undefined;
  returnData: boolean;
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
  periodSec: number;
  statistic: Statistic;
  unit: string | undefined;
}

export type ScanBy = 'TimestampDescending' | 'TimestampAscending';

export interface GetMetricDataRequest {
  queries: MetricQuery[];
  startMs: number;
  endMs: number;
  nextToken: string | undefined;
  scanBy: ScanBy;
  maxDatapoints: number;
}

/** The default and the most datapoints one GetMetricData call returns. */
export const defaultMaxDatapoints = 100_800;
const maxQueries = 500;

function invalid(message: string): never {
  throw new CloudWatchApiError('InvalidParameterValueException', message);
}

function missing(parameter: string): never {
  throw new CloudWatchApiError('MissingRequiredParameterException', `The parameter ${parameter} is required.`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readTimestampMs(input: Record<string, unknown>, name: string): number {
  const value = input[name];
  if (value === undefined || value === null) return missing(name);
  // The SDK sends epoch seconds; ISO strings are accepted too, as AWS's JSON parser does.
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) return invalid(`The parameter ${name} must be a timestamp (epoch seconds).`);
  return ms;
}

function optionalString(input: Record<string, unknown>, name: string, where: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return invalid(`The parameter ${where}${name} must be a string.`);
  return value;
}

function parseDimensions(raw: unknown, id: string): Dimension[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return invalid(`The parameter MetricStat.Metric.Dimensions of query '${id}' must be a list.`);
  if (raw.length > 30) return invalid(`Query '${id}' has ${raw.length} dimensions; the maximum is 30.`);
  const seen = new Set<string>();
  return raw.map((entry: unknown) => {
    if (!isObject(entry)) return invalid(`Each dimension of query '${id}' must be an object with Name and Value.`);
    const name = entry['Name'];
    const value = entry['Value'];
    if (typeof name !== 'string' || name === '') return missing(`MetricStat.Metric.Dimensions.member.Name (query '${id}')`);
    if (typeof value !== 'string' || value === '') return missing(`MetricStat.Metric.Dimensions.member.Value (query '${id}')`);
    if (seen.has(name)) return invalid(`Query '${id}' names the dimension ${name} twice.`);
    seen.add(name);
    return { name, value };
  });
}

function parseQuery(raw: unknown, index: number, ids: Set<string>): MetricQuery {
  if (!isObject(raw)) return invalid(`MetricDataQueries member ${index + 1} must be an object.`);
  const id = raw['Id'];
  if (typeof id !== 'string' || id === '') return missing(`MetricDataQueries.member.${index + 1}.Id`);
  if (!/^[a-z][a-zA-Z0-9_]{0,254}$/.test(id)) {
    invalid(`The value ${id} for parameter MetricDataQueries.member.${index + 1}.Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.`);
  }
  if (ids.has(id)) invalid(`The value ${id} for parameter MetricDataQueries.member.Id is not unique.`);
  ids.add(id);
  const expression = raw['Expression'];
  const stat = raw['MetricStat'];
  if (expression !== undefined && expression !== null) {
    if (stat !== undefined && stat !== null) {
      throw new CloudWatchApiError('InvalidParameterCombinationException', `Query '${id}' sets both MetricStat and Expression; exactly one is allowed.`);
    }
    return invalid(`Query '${id}': metric math Expressions are not supported by the local engine; request each metric with MetricStat instead.`);
  }
  if (!isObject(stat)) {
    throw new CloudWatchApiError('InvalidParameterCombinationException', `Query '${id}' must set exactly one of MetricStat or Expression.`);
  }
  const metric = stat['Metric'];
  if (!isObject(metric)) return missing(`MetricDataQueries.member.${index + 1}.MetricStat.Metric`);
  const namespace = metric['Namespace'];
  const metricName = metric['MetricName'];
  if (typeof namespace !== 'string' || namespace === '') return missing(`MetricStat.Metric.Namespace (query '${id}')`);
  if (typeof metricName !== 'string' || metricName === '') return missing(`MetricStat.Metric.MetricName (query '${id}')`);
  const period = stat['Period'];
  if (period === undefined || period === null) return missing(`MetricStat.Period (query '${id}')`);
  if (typeof period !== 'number' || !isValidPeriod(period)) {
    invalid(`The value ${String(period)} for parameter MetricStat.Period of query '${id}' is not valid: use 1, 5, 10, 20, 30 or a multiple of 60.`);
  }
  const statName = stat['Stat'];
  if (typeof statName !== 'string' || statName === '') return missing(`MetricStat.Stat (query '${id}')`);
  const returnData = raw['ReturnData'];
  if (returnData !== undefined && returnData !== null && typeof returnData !== 'boolean') invalid(`ReturnData of query '${id}' must be a boolean.`);
  return {
    id,
    label: optionalString(raw, 'Label', ''),
    returnData: returnData !== false,
    namespace,
    metricName,
    dimensions: parseDimensions(metric['Dimensions'], id),
    periodSec: period as number,
    statistic: parseStatistic(statName, id),
    unit: optionalString(stat, 'Unit', 'MetricStat.'),
  };
}

export function parseGetMetricDataRequest(body: string): GetMetricDataRequest {
  let input: unknown;
  try {
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch (error) {
    throw new CloudWatchApiError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(input)) throw new CloudWatchApiError('SerializationException', 'The request body must be a JSON object.');
  const rawQueries = input['MetricDataQueries'];
  if (rawQueries === undefined || rawQueries === null) return missing('MetricDataQueries');
  if (!Array.isArray(rawQueries)) return invalid('The parameter MetricDataQueries must be a list.');
  if (rawQueries.length === 0) return missing('MetricDataQueries');
  if (rawQueries.length > maxQueries) invalid(`MetricDataQueries has ${rawQueries.length} members; the maximum is ${maxQueries}.`);
  const ids = new Set<string>();
  const queries = rawQueries.map((q: unknown, i: number) => parseQuery(q, i, ids));
  const startMs = readTimestampMs(input, 'StartTime');
  const endMs = readTimestampMs(input, 'EndTime');
  if (startMs >= endMs) invalid('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = input['ScanBy'] ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') {
    invalid(`The value ${String(scanBy)} for parameter ScanBy is not valid (TimestampDescending or TimestampAscending).`);
  }
  const maxDatapoints = input['MaxDatapoints'] ?? defaultMaxDatapoints;
  if (typeof maxDatapoints !== 'number' || !Number.isInteger(maxDatapoints) || maxDatapoints < 1) {
    invalid(`The value ${String(maxDatapoints)} for parameter MaxDatapoints is not valid: it must be a positive whole number.`);
  }
  // One GetMetricData call returns at most 100,800 datapoints; more come by NextToken.
  if (maxDatapoints > defaultMaxDatapoints) {
    invalid(`The value ${maxDatapoints} for parameter MaxDatapoints is not valid: a GetMetricData call returns at most ${defaultMaxDatapoints} datapoints.`);
  }
  return {
    queries,
    startMs,
    endMs,
    nextToken: optionalString(input, 'NextToken', ''),
    scanBy: scanBy as ScanBy,
    maxDatapoints: maxDatapoints as number,
  };
}

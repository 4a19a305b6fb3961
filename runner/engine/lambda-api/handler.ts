/**
 * The Lambda API subset the local engine serves on its control port, for the functions deployed
 * on it: GetFunctionConfiguration (GET /2015-03-31/functions/{FunctionName}/configuration) and
 * ListFunctions (GET /2015-03-31/functions/, paged with Marker / NextMarker and MaxItems), in the
 * REST-JSON protocol @aws-sdk/client-lambda speaks, so the SDK reads them with nothing but an
 * endpoint override. Like the CloudWatch subset, signatures are not checked. Pure: the caller
 * passes the catalog of deployed functions; nothing throws.
 */
import { functionArn, functionConfiguration, type CatalogEntry } from './configuration.ts';
import { errorResponse, internalFault, jsonContentType, LambdaApiError, type LambdaApiResponse } from './errors.ts';

export type { LambdaApiResponse } from './errors.ts';

export const lambdaApiPrefix = '/2015-03-31/functions';

/** ListFunctions' MaxItems: AWS returns up to 50 by default and accepts 1–10,000. */
const defaultMaxItems = 50;
const maxMaxItems = 10_000;

/** True when the request is for the Lambda API (the control server routes it here). */
export function isLambdaApiPath(path: string): boolean {
  return path === lambdaApiPrefix || path.startsWith(`${lambdaApiPrefix}/`);
}

/**
 * A function name as the API accepts it: the name, a full ARN, or a partial ARN
 * (`123456789012:function:name`), each optionally with `:qualifier`.
 */
function parseFunctionName(raw: string): { name: string; qualifier?: string } {
  const arn = /^(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:)?(?:\d{12}:)?function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_$-]{1,128}))?$/.exec(raw);
  if (arn) return arn[2] === undefined ? { name: arn[1] as string } : { name: arn[1] as string, qualifier: arn[2] };
  const plain = /^([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_$-]{1,128}))?$/.exec(raw);
  if (plain) return plain[2] === undefined ? { name: plain[1] as string } : { name: plain[1] as string, qualifier: plain[2] };
  throw new LambdaApiError('InvalidParameterValueException', `1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern`);
}

/**
 * `$LATEST` for every function; LMI functions are also published as version 1 behind the alias
 * `live` (how the bench invokes them), as on AWS.
 */
function resolveQualifier(entry: CatalogEntry, qualifier: string | undefined): string | null {
  if (qualifier === undefined || qualifier === '$LATEST') return '$LATEST';
  if (entry.spec.compute.type === 'lmi' && (qualifier === '1' || qualifier === 'live')) return '1';
  return null;
}

function ok(body: unknown): LambdaApiResponse {
  return { status: 200, headers: { 'content-type': jsonContentType }, body: JSON.stringify(body) };
}

function getFunctionConfiguration(catalog: readonly CatalogEntry[], rawName: string, query: URLSearchParams): LambdaApiResponse {
  const { name, qualifier: inName } = parseFunctionName(rawName);
  const inQuery = query.get('Qualifier') ?? undefined;
  if (inName !== undefined && inQuery !== undefined && inName !== inQuery) {
    throw new LambdaApiError('InvalidParameterValueException', `The derived qualifier from the function name does not match the specified qualifier.`);
  }
  const qualifier = inName ?? inQuery;
  const entry = catalog.find((candidate) => candidate.spec.name === name);
  const version = entry ? resolveQualifier(entry, qualifier) : null;
  if (!entry || version === null) {
    throw new LambdaApiError('ResourceNotFoundException', `Function not found: ${functionArn(name)}${qualifier === undefined ? '' : `:${qualifier}`}`);
  }
  const configuration = functionConfiguration(entry);
  if (version !== '$LATEST') {
    configuration['Version'] = version;
    configuration['FunctionArn'] = `${functionArn(name)}:${qualifier}`;
  }
  return ok(configuration);
}

/** The Marker is opaque to clients: the name of the last function of the previous page. */
function encodeMarker(name: string): string {
  return Buffer.from(JSON.stringify({ after: name }), 'utf8').toString('base64url');
}

function decodeMarker(marker: string): string {
  try {
    const decoded = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as unknown;
    if (typeof decoded === 'object' && decoded !== null && typeof (decoded as { after?: unknown }).after === 'string') return (decoded as { after: string }).after;
  } catch {
    // fall through to the error below
  }
  throw new LambdaApiError('InvalidParameterValueException', `Invalid marker: '${marker}'`);
}

function listFunctions(catalog: readonly CatalogEntry[], query: URLSearchParams): LambdaApiResponse {
  const version = query.get('FunctionVersion');
  if (version !== null) {
    throw new LambdaApiError('InvalidParameterValueException', `FunctionVersion=${version}: the local engine lists the $LATEST configuration of each function only`);
  }
  if (query.get('MasterRegion') !== null) throw new LambdaApiError('InvalidParameterValueException', 'MasterRegion (Lambda@Edge replicas) is not supported by the local engine');
  const maxText = query.get('MaxItems');
  const maxItems = maxText === null ? defaultMaxItems : Number(maxText);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > maxMaxItems) {
    throw new LambdaApiError('InvalidParameterValueException', `1 validation error detected: Value '${maxText}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and ${maxMaxItems}`);
  }
  const marker = query.get('Marker');
  const after = marker === null ? null : decodeMarker(marker);
  const sorted = [...catalog].sort((a, b) => (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0));
  const rest = after === null ? sorted : sorted.filter((entry) => entry.spec.name > after);
  const page = rest.slice(0, maxItems);
  const last = page.at(-1);
  return ok({
    Functions: page.map(functionConfiguration),
    ...(rest.length > page.length && last ? { NextMarker: encodeMarker(last.spec.name) } : {}),
  });
}

/** Answers one Lambda API request; a bad request is a 4xx with Lambda's error shape, an engine fault a 500. */
export function handleLambdaApiRequest(catalog: readonly CatalogEntry[], request: { method: string; path: string; query: URLSearchParams }): LambdaApiResponse {
  try {
    const { method, path, query } = request;
    if (method === 'GET' && (path === lambdaApiPrefix || path === `${lambdaApiPrefix}/`)) return listFunctions(catalog, query);
    const configuration = /^\/2015-03-31\/functions\/([^/]+)\/configuration$/.exec(path);
    if (method === 'GET' && configuration) return getFunctionConfiguration(catalog, decodeURIComponent(configuration[1] ?? ''), query);
    throw new LambdaApiError(
      'InvalidParameterValueException',
      `${method} ${path}: the local engine serves only the Lambda API's GetFunctionConfiguration and ListFunctions`,
    );
  } catch (error) {
    if (error instanceof LambdaApiError) return errorResponse(error);
    return internalFault(error);
  }
}

/**
 * Test helpers: invoke a built-in workload's handler the way a Function URL would (payload
 * format 2.0 event, JSON body), in Node.js in this process and in Python in a python3 child.
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { loadWorkload, resolveHandler } from '../../runner/workload/load.ts';

const run = promisify(execFile);

export interface HandlerResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export function functionUrlEvent(body: unknown): Record<string, unknown> {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', path: '/' }, requestId: 'test-request' },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

export async function invokeNode(workload: string, event: Record<string, unknown>): Promise<HandlerResult> {
  const resolved = resolveHandler(loadWorkload(workload), 'node');
  const mod = (await import(pathToFileURL(resolved.file).href)) as Record<string, (e: unknown, c: unknown) => Promise<HandlerResult>>;
  const handler = mod[resolved.exportName];
  if (!handler) throw new Error(`${resolved.file} exports no ${resolved.exportName}`);
  return handler(event, { awsRequestId: 'test-request' });
}

// Loads the handler file by path (as the Lambda runtime does) and prints its result as JSON.
const pythonDriver = `
import importlib.util, json, sys, types
path, export = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("workload_handler", path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
event = json.loads(sys.stdin.read())
context = types.SimpleNamespace(aws_request_id="test-request")
print(json.dumps(getattr(module, export)(event, context)))
`;

export async function invokePython(workload: string, event: Record<string, unknown>): Promise<HandlerResult> {
  const resolved = resolveHandler(loadWorkload(workload), 'python');
  const child = run('python3', ['-c', pythonDriver, resolved.file, resolved.exportName], { timeout: 30_000 });
  child.child.stdin?.end(JSON.stringify(event));
  const { stdout } = await child;
  return JSON.parse(stdout) as HandlerResult;
}

export const invokers = { node: invokeNode, python: invokePython } as const;

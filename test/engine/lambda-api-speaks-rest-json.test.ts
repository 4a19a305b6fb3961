// test-lane: concurrent: asserts the protocol.
/**
 * The engine's Lambda API subset read by the real @aws-sdk/client-lambda with nothing but an
 * endpoint override: GetFunctionConfiguration of a standard and an LMI function (memory,
 * architecture, runtime, timeout, capacity provider settings), ListFunctions paged through
 * Marker/NextMarker, and the SDK's own exception for a function that does not exist.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetFunctionConfigurationCommand, LambdaClient, ListFunctionsCommand, ResourceNotFoundException, paginateListFunctions } from '@aws-sdk/client-lambda';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { lmiSpec, standardSpec } from './support.ts';

let engine: EngineHandle;
let lambda: LambdaClient;

before(async () => {
  engine = await startEngine();
  lambda = new LambdaClient({ endpoint: engine.controlUrl, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  await engine.client.deploy(standardSpec('api-std-a', { memoryMb: 1024 }, { timeoutMs: 2500, architecture: 'arm64' }));
  await engine.client.deploy(standardSpec('api-std-b', { memoryMb: 512 }, { architecture: 'x86_64' }));
  await engine.client.deploy(lmiSpec('api-lmi', { memoryMb: 4096, maxConcurrency: 32, gibPerVcpu: 4 }, { architecture: 'arm64' }));
});
after(async () => {
  lambda.destroy();
  await engine.stop();
});

test('GetFunctionConfiguration gives memory, architecture, runtime and timeout of a standard function', async () => {
  const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'api-std-a' }));
  assert.equal(config.FunctionName, 'api-std-a');
  assert.equal(config.MemorySize, 1024);
  assert.deepEqual(config.Architectures, ['arm64']);
  // Lambda's Timeout is whole seconds, rounded up from the engine's 2,500 ms.
  assert.equal(config.Timeout, 3);
  assert.equal(config.Runtime, `nodejs${process.versions.node.split('.')[0]}.x`);
  assert.equal(config.Version, '$LATEST');
  assert.match(config.FunctionArn ?? '', /^arn:aws:lambda:us-east-1:\d{12}:function:api-std-a$/);
  assert.equal(config.CapacityProviderConfig, undefined);
  assert.ok(config.LastModified && Number.isFinite(Date.parse(config.LastModified.replace('+0000', 'Z'))));
});

test('an LMI function carries its capacity provider settings, and its alias resolves to version 1', async () => {
  const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'api-lmi', Qualifier: 'live' }));
  assert.equal(config.MemorySize, 4096);
  assert.equal(config.Version, '1');
  const lmi = config.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig;
  assert.equal(lmi?.PerExecutionEnvironmentMaxConcurrency, 32);
  assert.equal(lmi?.ExecutionEnvironmentMemoryGiBPerVCpu, 4);
  assert.match(lmi?.CapacityProviderArn ?? '', /:capacity-provider:cp-api-lmi$/);
  // The same function named by its ARN.
  const byArn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:api-lmi' }));
  assert.equal(byArn.FunctionName, 'api-lmi');
});

test('a function that does not exist is the SDK exception ResourceNotFoundException', async () => {
  await assert.rejects(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'no-such-function' })), (error: unknown) => {
    assert.ok(error instanceof ResourceNotFoundException, `got ${String(error)}`);
    assert.match((error as Error).message, /no-such-function/);
    return true;
  });
  // A standard function has no published version 1.
  await assert.rejects(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'api-std-a', Qualifier: '1' })), ResourceNotFoundException);
});

test('ListFunctions pages with MaxItems and NextMarker until every function is listed once', async () => {
  const first = await lambda.send(new ListFunctionsCommand({ MaxItems: 2 }));
  assert.equal(first.Functions?.length, 2);
  assert.ok(first.NextMarker, 'a second page is announced');
  const second = await lambda.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }));
  assert.equal(second.Functions?.length, 1);
  assert.equal(second.NextMarker, undefined);

  const names: string[] = [];
  for await (const page of paginateListFunctions({ client: lambda, pageSize: 1 }, {})) names.push(...(page.Functions ?? []).map((f) => f.FunctionName ?? ''));
  assert.deepEqual(names, ['api-lmi', 'api-std-a', 'api-std-b']);
});

// test-lane: concurrent: asserts the payloads and that four invocations sleeping 400 ms each overlap in the handler, not how fast they run.
// The Java handler forms the engine's bootstrap takes, each in a jar as Lambda takes it:
// RequestHandler<Map, String> and RequestStreamHandler (the interfaces of aws-lambda-java-core,
// written here with the library's package and signatures) named by class alone, with a Context
// answered by a dynamic proxy; a static (event) method named by Class::method. On LMI the JVM
// runs the handler on AWS_LAMBDA_MAX_CONCURRENCY threads, at once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { startEngine, type EngineHandle } from '../../runner/target/local/engine-process.ts';
import { javaJarWorkload } from './runtime-api-workloads.ts';
import { lmiSpec, send, sendMany, standardSpec } from './support.ts';

const core = {
  'com/amazonaws/services/lambda/runtime/Context.java': `package com.amazonaws.services.lambda.runtime;
public interface Context { String getAwsRequestId(); String getFunctionName(); int getRemainingTimeInMillis(); int getMemoryLimitInMB(); LambdaLogger getLogger(); }`,
  'com/amazonaws/services/lambda/runtime/LambdaLogger.java': `package com.amazonaws.services.lambda.runtime;
public interface LambdaLogger { void log(String message); }`,
  'com/amazonaws/services/lambda/runtime/RequestHandler.java': `package com.amazonaws.services.lambda.runtime;
public interface RequestHandler<I, O> { O handleRequest(I input, Context context); }`,
  'com/amazonaws/services/lambda/runtime/RequestStreamHandler.java': `package com.amazonaws.services.lambda.runtime;
import java.io.*;
public interface RequestStreamHandler { void handleRequest(InputStream input, OutputStream output, Context context) throws IOException; }`,
};

const handlers = {
  'demo/MapHandler.java': `package demo;
import com.amazonaws.services.lambda.runtime.*;
import java.util.Map;
public class MapHandler implements RequestHandler<Map<String, Object>, String> {
  public String handleRequest(Map<String, Object> event, Context context) {
    context.getLogger().log("handling " + context.getAwsRequestId());
    return "id=" + context.getAwsRequestId() + " fn=" + context.getFunctionName() + " mb=" + context.getMemoryLimitInMB() + " left=" + (context.getRemainingTimeInMillis() > 0) + " method=" + event.get("requestContext").getClass().getSimpleName();
  }
}`,
  'demo/StreamHandler.java': `package demo;
import com.amazonaws.services.lambda.runtime.*;
import java.io.*;
public class StreamHandler implements RequestStreamHandler {
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    int bytes = in.readAllBytes().length;
    out.write(("{\\"statusCode\\":200,\\"body\\":\\"stream " + bytes + " bytes for " + context.getAwsRequestId() + "\\"}").getBytes());
  }
}`,
  'demo/Threads.java': `package demo;
import java.util.Map;
public class Threads {
  public static Map<String, Object> handle(Map<String, Object> event) throws InterruptedException {
    long entered = System.currentTimeMillis();
    Thread.sleep(400);
    return Map.of("statusCode", 200, "body", Thread.currentThread().getName() + " " + entered + " " + System.currentTimeMillis() + " " + System.getenv("AWS_LAMBDA_MAX_CONCURRENCY"));
  }
}`,
};

let engine: EngineHandle;
let dir: string;
before(async () => {
  // The engine starts while javac builds the jar: neither needs the other.
  const starting = startEngine();
  dir = javaJarWorkload('forms', 'demo.MapHandler', { ...core, ...handlers });
  engine = await starting;
});
const copies: string[] = [];
after(async () => {
  await engine.stop();
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

function withHandler(handler: string): string {
  // The same jar, another handler: the manifest is the only difference.
  const copy = mkdtempSync(`${dir}-`);
  copies.push(copy);
  copyFileSync(`${dir}/code.jar`, `${copy}/code.jar`);
  const manifest = JSON.parse(readFileSync(`${dir}/workload.json`, 'utf8')) as { runtimes: { java: { handler: string } } };
  manifest.runtimes.java.handler = handler;
  writeFileSync(`${copy}/workload.json`, JSON.stringify(manifest));
  return copy;
}

test('RequestHandler<Map, String> named by class: the event is a Map, the Context a proxy', { timeout: 60_000 }, async () => {
  const fn = await engine.client.deploy(standardSpec('java-map', {}, { runtime: 'java', workloadDir: dir }));
  const reply = await send(fn.url, { hello: 1 });
  assert.equal(reply.status, 200, reply.body);
  assert.equal(reply.body, `id=${reply.headers['x-amzn-requestid'] as string} fn=java-map mb=512 left=true method=LinkedHashMap`);
});

test('RequestStreamHandler named by class: the raw event in, the bytes out', { timeout: 60_000 }, async () => {
  const fn = await engine.client.deploy(standardSpec('java-stream', {}, { runtime: 'java', workloadDir: withHandler('demo.StreamHandler') }));
  const reply = await send(fn.url, { hello: 1 });
  assert.equal(reply.status, 200, reply.body);
  assert.match(reply.body, new RegExp(`^stream \\d+ bytes for ${reply.headers['x-amzn-requestid'] as string}$`));
});

test('LMI, maximum concurrency 4: four invocations on four JVM threads at once', { timeout: 60_000 }, async () => {
  const fn = await engine.client.deploy(lmiSpec('java-threads', { minEnvironments: 1, maxConcurrency: 4 }, { runtime: 'java', workloadDir: withHandler('demo.Threads::handle') }));
  const replies = await sendMany(fn.url, 4, {});
  assert.deepEqual(replies.map((r) => r.status), [200, 200, 200, 200]);
  const seen = replies.map((r) => r.body.split(' '));
  assert.equal(new Set(seen.map((s) => s[0])).size, 4, 'four threads');
  for (const s of seen) assert.equal(s[3], '4', 'AWS_LAMBDA_MAX_CONCURRENCY');
  const lastEntered = Math.max(...seen.map((s) => Number(s[1])));
  const firstLeft = Math.min(...seen.map((s) => Number(s[2])));
  assert.ok(lastEntered < firstLeft, 'all four in the handler at once');
});

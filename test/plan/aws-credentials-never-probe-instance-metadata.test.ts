// test-lane: concurrent: asserts credential lookup.
// findAwsCredentials follows the SDK chain (env, shared files with AWS_PROFILE,
// credential_process, an explicitly named container endpoint) and never asks the instance
// metadata service: a local server standing in for IMDS must see no request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../../runner/errors.ts';
import { findAwsCredentials } from '../../runner/system/aws-credentials.ts';
import { testTempDir } from '../temp-dir.ts';

const home = testTempDir('lmi-bench-aws-');
let imdsHits = 0;
let server: Server;
let baseUrl = '';

test.before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/container-creds') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ AccessKeyId: 'AKIACONTAINER', SecretAccessKey: 'c', Token: 't', Expiration: new Date(Date.now() + 3600_000).toISOString() }));
      return;
    }
    imdsHits += 1;
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Were anything to fall through to the instance metadata provider, it would come here.
  process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = baseUrl;
});
test.after(() => {
  server.close();
  delete process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'];
  rmSync(home, { recursive: true, force: true });
});

test('nothing configured: null, without touching the metadata service', async () => {
  assert.equal(await findAwsCredentials({ HOME: home }), null);
  assert.equal(imdsHits, 0);
});

test('environment variables come first', async () => {
  const found = await findAwsCredentials({ HOME: home, AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'e', AWS_SESSION_TOKEN: 's' });
  assert.deepEqual(found, { accessKeyId: 'AKIAENV', secretAccessKey: 'e', sessionToken: 's' });
});

test('shared credentials file, default and named profile', async () => {
  const file = join(home, 'credentials');
  writeFileSync(file, '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n[bench]\naws_access_key_id = AKIABENCH\naws_secret_access_key = b\n');
  assert.equal((await findAwsCredentials({ HOME: home, AWS_SHARED_CREDENTIALS_FILE: file }))?.accessKeyId, 'AKIADEFAULT');
  assert.equal((await findAwsCredentials({ HOME: home, AWS_SHARED_CREDENTIALS_FILE: file, AWS_PROFILE: 'bench' }))?.accessKeyId, 'AKIABENCH');
});

test('credential_process in the config file; a named profile that fails is reported', async () => {
  const script = join(home, 'creds.sh');
  writeFileSync(script, `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"AKIAPROCESS","SecretAccessKey":"p"}'\n`);
  chmodSync(script, 0o755);
  const config = join(home, 'config');
  writeFileSync(config, `[profile proc]\ncredential_process = ${script}\n[profile broken]\ncredential_process = /bin/false\n`);
  const env = { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') };
  assert.equal((await findAwsCredentials({ ...env, AWS_PROFILE: 'proc' }))?.accessKeyId, 'AKIAPROCESS');
  await assert.rejects(findAwsCredentials({ ...env, AWS_PROFILE: 'broken' }), (error: unknown) => error instanceof UsageError && /profile 'broken' failed/.test(error.message));
  await assert.rejects(findAwsCredentials({ ...env, AWS_PROFILE: 'absent' }), UsageError);
});

test('a container endpoint is used when the environment names one', async () => {
  process.env['AWS_CONTAINER_CREDENTIALS_FULL_URI'] = `${baseUrl}/container-creds`;
  try {
    const found = await findAwsCredentials({ HOME: home, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${baseUrl}/container-creds` });
    assert.equal(found?.accessKeyId, 'AKIACONTAINER');
  } finally {
    delete process.env['AWS_CONTAINER_CREDENTIALS_FULL_URI'];
  }
  assert.equal(imdsHits, 0);
});

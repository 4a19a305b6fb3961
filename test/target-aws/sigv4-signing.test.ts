import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createRequestSigner } from '../../runner/target/aws/sigv4.ts';

const exampleCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

test('matches the AWS SigV4 test suite vector get-vanilla', async () => {
  const sign = createRequestSigner({
    region: 'us-east-1',
    service: 'service',
    credentials: exampleCredentials,
    now: () => new Date('2015-08-30T12:36:00Z'),
    // The test suite predates x-amz-content-sha256 for non-S3 services.
    applyChecksum: false,
  });
  const headers = await sign({ method: 'GET', url: 'https://example.amazonaws.com/', headers: {}, body: '' });
  assert.equal(headers['x-amz-date'], '20150830T123600Z');
  assert.equal(
    headers['authorization'],
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  );
});

/** SigV4 written out from the specification, independently of the signer under test. */
function referenceSignature(input: {
  method: string; host: string; path: string; query: string; headers: Record<string, string>; body: string;
  amzDate: string; region: string; service: string; secret: string;
}): { signedHeaders: string; signature: string } {
  const sha = (data: string): string => createHash('sha256').update(data).digest('hex');
  const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
  const names = Object.keys(input.headers).map((h) => h.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v.trim()]));
  const canonicalHeaders = names.map((n) => `${n}:${lower[n]}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [input.method, input.path, input.query, canonicalHeaders, signedHeaders, sha(input.body)].join('\n');
  const day = input.amzDate.slice(0, 8);
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', input.amzDate, scope, sha(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secret}`, day), input.region), input.service), 'aws4_request');
  return { signedHeaders, signature: createHmac('sha256', key).update(stringToSign).digest('hex') };
}

test('a signed Function URL POST with query and session token matches an independent SigV4 computation', async () => {
  const credentials = { ...exampleCredentials, sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' };
  const sign = createRequestSigner({ region: 'eu-west-1', service: 'lambda', credentials, now: () => new Date('2026-03-01T08:09:10Z') });
  const url = 'https://abcdefghij.lambda-url.eu-west-1.on.aws/work?b=2&a=1';
  const body = JSON.stringify({ sleepMs: 20 });
  const headers = await sign({ method: 'POST', url, headers: { 'content-type': 'application/json' }, body });

  assert.equal(headers['x-amz-security-token'], credentials.sessionToken);
  assert.equal(headers['host'], 'abcdefghij.lambda-url.eu-west-1.on.aws');
  const signedPart = Object.fromEntries(
    Object.entries(headers).filter(([k]) => ['content-type', 'host', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'].includes(k.toLowerCase())),
  );
  const expected = referenceSignature({
    method: 'POST', host: 'abcdefghij.lambda-url.eu-west-1.on.aws', path: '/work', query: 'a=1&b=2', headers: signedPart, body,
    amzDate: '20260301T080910Z', region: 'eu-west-1', service: 'lambda', secret: credentials.secretAccessKey,
  });
  assert.equal(
    headers['authorization'],
    `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260301/eu-west-1/lambda/aws4_request, SignedHeaders=${expected.signedHeaders}, Signature=${expected.signature}`,
  );
});

test('each call signs at the current time, so signatures never go stale during a long level', async () => {
  let clock = new Date('2026-03-01T08:00:00Z');
  const sign = createRequestSigner({ region: 'us-east-1', service: 'lambda', credentials: exampleCredentials, now: () => clock });
  const request = { method: 'GET', url: 'https://x.lambda-url.us-east-1.on.aws/', headers: {}, body: '' };
  const first = await sign(request);
  clock = new Date('2026-03-01T08:06:00Z');
  const second = await sign(request);
  assert.equal(first['x-amz-date'], '20260301T080000Z');
  assert.equal(second['x-amz-date'], '20260301T080600Z');
  assert.notEqual(first['authorization'], second['authorization']);
});

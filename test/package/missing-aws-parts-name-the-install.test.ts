import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { awsPartsMessage, cdkEntryScript, missingAwsParts, requireAwsParts } from '../../runner/target/aws/aws-parts.ts';
import { UsageError } from '../../runner/errors.ts';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { peerDependencies: Record<string, string> };

test('without the CDK packages, deploy is refused in one line naming the pinned install command', () => {
  const none = (): null => null;
  assert.deepEqual(missingAwsParts(none), ['aws-cdk', 'aws-cdk-lib', 'constructs']);
  assert.throws(
    () => requireAwsParts('deploy', none),
    (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.doesNotMatch(error.message, /\n/);
      const p = manifest.peerDependencies;
      assert.ok(error.message.includes(`npm install -D aws-cdk@${p['aws-cdk']} aws-cdk-lib@${p['aws-cdk-lib']} constructs@${p['constructs']}`), error.message);
      assert.match(error.message, /^deploy needs/);
      return true;
    },
  );
});

test('one missing part is named, and the message still installs all three at their pinned versions', () => {
  const message = awsPartsMessage('--target aws', missingAwsParts((name) => (name === 'constructs' ? null : `/x/${name}/package.json`)));
  assert.match(message, /\(constructs not installed\)/);
  assert.match(message, /aws-cdk@\S+ aws-cdk-lib@\S+ constructs@\S+$/);
});

test('in the repository the parts are installed and the CDK CLI is found beside lmi-bench', () => {
  assert.deepEqual(missingAwsParts(), []);
  const script = cdkEntryScript();
  assert.ok(script && script.endsWith('/aws-cdk/bin/cdk'), String(script));
});

#!/usr/bin/env node
// A stand-in for the CDK CLI (the one place the tests use one: no AWS account is reachable).
// It records its arguments, prints lines like the real CLI, and on `deploy` copies a
// recorded outputs file (FAKE_CDK_OUTPUTS, CDK's --outputs-file format) where it was asked to.
// FAKE_CDK_DEPLOY_HOLD_MS keeps a deploy running (for Ctrl-C tests); FAKE_CDK_DEPLOY_EXIT fails it.
import { appendFileSync, copyFileSync, lstatSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
// Like the real CLI, the synthesised template goes into the --output folder; its mode is recorded.
const output = args.includes('--output') ? args[args.indexOf('--output') + 1] : undefined;
const outputStat = output === undefined ? undefined : lstatSync(output, { throwIfNoEntry: false });
const outputState = output === undefined ? null : { path: output, mode: outputStat ? outputStat.mode & 0o777 : null, isSymbolicLink: outputStat?.isSymbolicLink() ?? false };
if (output !== undefined) {
  if (!outputStat) mkdirSync(output, { recursive: true });
  writeFileSync(join(output, 'template.json'), '{"Resources":{}}\n');
}
appendFileSync(process.env.FAKE_CDK_LOG, JSON.stringify({ args, region: process.env.AWS_REGION ?? null, output: outputState }) + '\n');
const [command, stack] = args;
if (command === 'deploy') {
  const hold = Number(process.env.FAKE_CDK_DEPLOY_HOLD_MS ?? 0);
  // Listening before the first line is printed: the test sends Ctrl-C as soon as it sees it.
  if (hold > 0) {
    process.on('SIGINT', () => {
      appendFileSync(process.env.FAKE_CDK_LOG, JSON.stringify({ event: 'deploy-interrupted' }) + '\n');
      process.exit(130);
    });
  }
  console.log(`${stack}: deploying... [1/1]`);
  console.error(`${stack} | 3/41 | CREATE_IN_PROGRESS | AWS::Lambda::CapacityProvider | CapacityProvider`);
  if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
  if (process.env.FAKE_CDK_DEPLOY_EXIT) {
    console.error('❌  Deployment failed: Resource handler returned message: "quota exceeded"');
    process.exit(Number(process.env.FAKE_CDK_DEPLOY_EXIT));
  }
  copyFileSync(process.env.FAKE_CDK_OUTPUTS, args[args.indexOf('--outputs-file') + 1]);
  console.log(` ✅  ${stack}`);
} else if (command === 'destroy') {
  console.log(`${stack}: destroying... [1/1]`);
  console.log(` ✅  ${stack}: destroyed`);
}

/**
 * The AWS-only packages (the CDK toolkit, the CDK library and constructs) are optional peer
 * dependencies: a local-only install (`npm install -D lmi-bench`) leaves them out and stays
 * small. What deploys a stack asks for them here first, so a user without them reads one line
 * naming the exact install command instead of a failing `cdk` child process.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../../errors.ts';

/** The AWS-only packages, in the order the install command names them. */
export const awsPartNames = ['aws-cdk', 'aws-cdk-lib', 'constructs'] as const;
export type AwsPartName = (typeof awsPartNames)[number];

const ownManifestUrl = new URL('../../../package.json', import.meta.url);

/** Resolves a package's manifest from lmi-bench's own folder (hoisted into the user's node_modules or nested in ours). */
export type PartResolver = (name: AwsPartName) => string | null;

const resolveFromPackage: PartResolver = (name) => {
  try {
    return createRequire(ownManifestUrl).resolve(`${name}/package.json`);
  } catch {
    return null;
  }
};

/** The version each part is pinned to in lmi-bench's own package.json (peerDependencies). */
export function pinnedAwsParts(): Record<AwsPartName, string> {
  const manifest = JSON.parse(readFileSync(ownManifestUrl, 'utf8')) as { peerDependencies?: Record<string, string> };
  const peers = manifest.peerDependencies ?? {};
  const pinned = {} as Record<AwsPartName, string>;
  for (const name of awsPartNames) pinned[name] = peers[name] ?? 'latest';
  return pinned;
}

export function missingAwsParts(resolve: PartResolver = resolveFromPackage): AwsPartName[] {
  return awsPartNames.filter((name) => resolve(name) === null);
}

/** The one line a user without the AWS parts reads: what needed them and the exact install command. */
export function awsPartsMessage(purpose: string, missing: readonly AwsPartName[], pinned = pinnedAwsParts()): string {
  const install = awsPartNames.map((name) => `${name}@${pinned[name]}`).join(' ');
  return `${purpose} needs the AWS parts of lmi-bench (${missing.join(', ')} not installed): npm install -D ${install}`;
}

/** Throws a UsageError (exit 2, one line) when any AWS part is missing. */
export function requireAwsParts(purpose: string, resolve: PartResolver = resolveFromPackage): void {
  const missing = missingAwsParts(resolve);
  if (missing.length > 0) throw new UsageError(awsPartsMessage(purpose, missing));
}

/** The CDK CLI's entry script, run with this Node (npx would look in the wrong folder once lmi-bench is a dependency). */
export function cdkEntryScript(resolve: PartResolver = resolveFromPackage): string | null {
  const manifest = resolve('aws-cdk');
  if (manifest === null) return null;
  const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: Record<string, string> }).bin?.['cdk'] ?? 'bin/cdk';
  return join(dirname(manifest), bin);
}

/**
 * The code asset of a workload's functions: the whole workload folder for runtimes whose handler
 * is a file in it (Node.js, Python); for runtimes given a package (registry `packaging.kind ===
 * 'code'`), the package itself: a jar as is, a folder of .java sources compiled into the cache
 * first (the classes folder is what Lambda's Java runtime loads), an OS-only or .NET folder as is.
 */
import { statSync } from 'node:fs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { compiledClassesSync, javaSources } from '../runner/runtimes/java-build.ts';
import type { Runtime } from '../runner/runtimes/registry.ts';
import { resolveHandler } from '../runner/workload/load.ts';
import type { Workload } from '../runner/workload/manifest.ts';
import { isCodeRuntime } from '../runner/workload/runtime-api-code.ts';

export function functionCode(workload: Workload, runtime: Runtime): lambda.Code {
  if (!isCodeRuntime(runtime)) return lambda.Code.fromAsset(workload.dir, { exclude: ['node_modules/.cache', '__pycache__', '*.pyc'] });
  const path = resolveHandler(workload, runtime).file;
  const sources = statSync(path).isDirectory() ? javaSources(path) : [];
  return lambda.Code.fromAsset(sources.length > 0 ? compiledClassesSync(path, workload.manifest.name.replace(/[^\w.-]+/g, '-')) : path);
}

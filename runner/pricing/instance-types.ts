import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import type { Architecture } from '../domain.ts';
import { editDistance } from '../system/edit-distance.ts';

export interface InstanceShape {
  instanceType: string;
  vcpus: number;
  memoryGiB: number;
  architecture: Architecture;
}

const catalogPath = new URL('../../data/ec2-instance-types.json', import.meta.url);
let catalog: Map<string, InstanceShape> | undefined;

export function instanceCatalog(): Map<string, InstanceShape> {
  if (!catalog) {
    const doc = JSON.parse(readFileSync(catalogPath, 'utf8')) as {
      instanceTypes: Record<string, Omit<InstanceShape, 'instanceType'>>;
    };
    catalog = new Map(Object.entries(doc.instanceTypes).map(([instanceType, shape]) => [instanceType, { instanceType, ...shape }]));
  }
  return catalog;
}

/** Names closest to `wanted` (same family first, then edit distance), for "did you mean" lines. */
export function closeMatches(wanted: string, names: Iterable<string>, limit = 3): string[] {
  const scored = [...names].map((name) => ({ name, score: editDistance(wanted.toLowerCase(), name.toLowerCase()) }));
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** The shape of an instance type, or a UsageError naming the closest known types. */
export function instanceShape(instanceType: string): InstanceShape {
  const shape = instanceCatalog().get(instanceType);
  if (!shape) {
    const near = closeMatches(instanceType, instanceCatalog().keys());
    throw new UsageError(`unknown instance type '${instanceType}' (did you mean ${near.join(', ')}?)`);
  }
  return shape;
}

/**
 * The instance types LMI may choose from for an architecture: the catalog's current
 * general-purpose (m), compute-optimised (c) and memory-optimised (r) families of that
 * architecture, smallest first. `narrowTo` (--instance-types) keeps only the named ones, each
 * of which must exist and run that architecture.
 */
export function candidateInstanceTypes(architecture: Architecture, narrowTo?: readonly string[]): string[] {
  const all = [...instanceCatalog().values()].filter((s) => s.architecture === architecture).sort((a, b) => a.vcpus - b.vcpus || a.instanceType.localeCompare(b.instanceType));
  if (narrowTo === undefined) return all.map((s) => s.instanceType);
  const wanted = new Set<string>();
  for (const name of narrowTo) {
    const shape = instanceShape(name);
    if (shape.architecture !== architecture) throw new UsageError(`instance type ${name} is ${shape.architecture}, not ${architecture}: a capacity provider runs one architecture`);
    wanted.add(name);
  }
  return all.filter((s) => wanted.has(s.instanceType)).map((s) => s.instanceType);
}

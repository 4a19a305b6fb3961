/**
 * The committed offline snapshot: per region, the AmazonEC2 and AWSLambda GetProducts
 * responses (`{ FormatVersion, PriceList: [JSON strings] }`, pages merged) plus metadata.json
 * saying when and how it was made. Read by the same parser as live API responses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.ts';
import { writeFileAtomic } from '../system/write-file-atomic.ts';
import type { PriceDocuments } from './build-price-book.ts';
import type { PriceProvenance } from '../domain.ts';

export const defaultSnapshotDir = fileURLToPath(new URL('../../data/price-snapshot/', import.meta.url));

export interface FreeTier {
  requests: number;
  gbSeconds: number;
  source: string;
}

export interface SnapshotRegionMetadata {
  /** Date the region's prices were captured or checked (YYYY-MM-DD). */
  asOf: string;
  ec2File: string;
  lambdaFile: string;
  notes: string[];
  /** Transcriptions: where each figure came from and whether it was derived. */
  products?: Record<string, { basis: string; source: string }>;
}

export interface SnapshotMetadata {
  method: 'transcription' | 'capture';
  compiledOn: string;
  howMade: string;
  freeTier: FreeTier;
  regions: Record<string, SnapshotRegionMetadata>;
}

/** A GetProducts response as the API returns it, pages merged into one PriceList. */
export interface GetProductsDocument {
  FormatVersion: string;
  PriceList: string[];
}

export function readSnapshotMetadata(dir = defaultSnapshotDir): SnapshotMetadata {
  const path = join(dir, 'metadata.json');
  if (!existsSync(path)) throw new UsageError(`the offline price snapshot is missing (${path})`);
  return JSON.parse(readFileSync(path, 'utf8')) as SnapshotMetadata;
}

export function snapshotRegions(dir = defaultSnapshotDir): string[] {
  return Object.keys(readSnapshotMetadata(dir).regions).sort();
}

export function readSnapshot(region: string, dir = defaultSnapshotDir): { documents: PriceDocuments; provenance: PriceProvenance; freeTier: FreeTier } {
  const metadata = readSnapshotMetadata(dir);
  const entry = metadata.regions[region];
  if (!entry) {
    throw new UsageError(
      `the offline price snapshot has no prices for ${region} (it covers ${Object.keys(metadata.regions).sort().join(', ')}); ` +
        'run with AWS credentials to use the Price List API, or choose a covered --region',
    );
  }
  const documents = { ec2: readPriceList(join(dir, entry.ec2File)), lambda: readPriceList(join(dir, entry.lambdaFile)) };
  const method = metadata.method === 'capture' ? 'captured from the Price List API' : 'transcribed from published AWS prices, not captured';
  return {
    documents,
    provenance: {
      source: 'snapshot',
      asOf: entry.asOf,
      region,
      notes: [`offline price snapshot, ${method} (compiled ${metadata.compiledOn}; prices as of ${entry.asOf})`, ...entry.notes],
    },
    freeTier: metadata.freeTier,
  };
}

function readPriceList(path: string): string[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<GetProductsDocument>;
  if (!Array.isArray(doc.PriceList) || doc.PriceList.some((e) => typeof e !== 'string')) {
    throw new Error(`${path} is not a GetProducts response (PriceList must be an array of JSON strings)`);
  }
  return doc.PriceList;
}

/** Replaces the snapshot: every region's documents first, metadata.json last. */
export async function writeSnapshot(dir: string, metadata: SnapshotMetadata, documents: Record<string, PriceDocuments>): Promise<void> {
  for (const [region, entry] of Object.entries(metadata.regions)) {
    const docs = documents[region];
    if (!docs) throw new Error(`no documents for ${region}`);
    await writeFileAtomic(join(dir, entry.ec2File), getProductsJson(docs.ec2), { createFolder: true });
    await writeFileAtomic(join(dir, entry.lambdaFile), getProductsJson(docs.lambda), { createFolder: true });
  }
  await writeFileAtomic(join(dir, 'metadata.json'), JSON.stringify(metadata, null, 2) + '\n', { createFolder: true });
}

function getProductsJson(priceList: readonly string[]): string {
  // One PriceList entry per line keeps diffs of a refreshed snapshot readable.
  const body = priceList.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n');
  return `{\n  "FormatVersion": "aws_v1",\n  "PriceList": [\n${body}\n  ]\n}\n`;
}

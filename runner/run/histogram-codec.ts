/**
 * How run.json stores a latency histogram (microseconds, hdr-histogram-js compressed base64):
 * part of the run file's format, so it lives with the run file; runner/load records with it
 * and the run reader checks every stored histogram decodes.
 */
import * as hdr from 'hdr-histogram-js';
import type { EncodedHistogram } from './run-file.ts';

export function encodeHistogram(histogram: hdr.Histogram): EncodedHistogram {
  return { unit: 'us', encoding: 'hdr-compressed-base64', data: hdr.encodeIntoCompressedBase64(histogram) };
}

export function decodeHistogram(encoded: EncodedHistogram): hdr.Histogram {
  return hdr.decodeFromCompressedBase64(encoded.data, 64, false);
}

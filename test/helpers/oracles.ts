/**
 * The oracle data the tests compare against, vendored in test/oracles/ so a clean checkout is
 * self-contained (provenance: test/oracles/README.md). The 7 MB PromQL dataset is kept gzipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const ORACLES = fileURLToPath(new URL('../oracles/', import.meta.url));

/** Example: readOracle('expr/cases.jsonl'); readOracle('promql/dataset.om') (unzipped on the fly). */
export function readOracle(rel: string): string {
  if (rel === 'promql/dataset.om') return gunzipSync(readFileSync(join(ORACLES, 'promql/dataset.om.gz'))).toString('utf8');
  return readFileSync(join(ORACLES, rel), 'utf8');
}

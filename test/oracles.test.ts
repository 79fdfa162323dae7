/**
 * The vendored oracle copies in test/oracles/ are the shared reference data, byte for byte
 * (checked only where ../shared is present: a clean checkout elsewhere has the copies alone).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readOracle } from './helpers/oracles.js';

const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
const pairs: [string, string][] = [
  ['argo/oracle-canary-replicas.csv', 'argo/oracle-canary-replicas.csv'],
  ['expr/cases.jsonl', 'oracles/expr/cases.jsonl'],
  ['expr/phases.jsonl', 'oracles/expr/phases.jsonl'],
  ['promql/cases.jsonl', 'oracles/promql/cases.jsonl'],
  ['promql/dataset.om', 'oracles/promql/dataset.om'],
];

describe.skipIf(!existsSync(SHARED))('vendored oracle data matches ../shared', () => {
  it.each(pairs)('%s', (mine, theirs) => {
    expect(readOracle(mine) === readFileSync(join(SHARED, theirs), 'utf8')).toBe(true);
  });
});

/**
 * End to end under random mutation (DESIGN §11): a shipped scenario's YAML tree with keys deleted,
 * list items duplicated, keys added and values replaced by hostile ones (wrong types, out of range,
 * NaN-like strings, huge numbers) either runs (exit 0) or is bad input (exit 2) with a located
 * message — never exit 1, never JavaScript's own words.
 */
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { dispatch } from '../../src/cli/main.js';
import { listDirectory, readTextFile, type CliIO } from '../../src/cli/io.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'rollout-sim-fuzz-'));
const FILES = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml') && !f.startsWith('bench-')).sort();
const HOSTILE: unknown[] = [
  0, -1, 1, 2.5, 100, 101, 1e9, 2147483648, 1e21, -0.5, '', 'x', '20', '5%', '120%', '-5%', '1h30m', '0s', '-1s', '5x', '1ms',
  'NaN', '.inf', '1e400', true, false, null, [], {}, [1], { a: 1 }, 'Latest', 'promote', '{{args.x}}', '__proto__', 'ünï😀',
];
const NEW_KEYS = ['seed', 'setWeight', 'pause', 'count', 'interval', 'replicas', 'duration', 'x'];

type Json = Record<string, unknown> | unknown[];
type Mutation = { doc: number; at: number; op: number; value: number; key: number };

/** Every path to a value in the tree (objects and arrays), in document order. */
function paths(v: unknown, p: (string | number)[] = []): (string | number)[][] {
  const out = [p];
  if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) out.push(...paths(c, [...p, Array.isArray(v) ? Number(k) : k]));
  return out;
}

function apply(docs: unknown[], m: Mutation): void {
  const doc = docs[m.doc % docs.length];
  const ps = paths(doc).filter((p) => p.length > 0);
  const p = ps[m.at % Math.max(1, ps.length)];
  if (p === undefined) return;
  const parent = p.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], doc) as Json;
  const k = p[p.length - 1] as string | number;
  const value = structuredClone(HOSTILE[m.value % HOSTILE.length]);
  if (Array.isArray(parent)) {
    if (m.op === 0) parent.splice(k as number, 1);
    else if (m.op === 1) parent.splice(k as number, 0, structuredClone(parent[k as number]));
    else parent[k as number] = value;
  } else if (m.op === 0) delete parent[k];
  else if (m.op === 1) parent[NEW_KEYS[m.key % NEW_KEYS.length] as string] = value;
  else parent[k] = value;
}

async function sim(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: CliIO = { stdout: () => undefined, stderr: (s) => void (err += s), readFile: readTextFile, listDir: listDirectory, clock: () => 0, env: { CI: 'true' }, isTTY: false };
  return { code: await dispatch(args, io), err };
}

describe('mutated scenarios end to end', () => {
  it('exit 0, or exit 2 with file:line:column — never an internal error', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat(FILES.length - 1),
        fc.array(fc.record({ doc: fc.nat(), at: fc.nat(), op: fc.nat(2), value: fc.nat(), key: fc.nat() }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (f, mutations, compare) => {
          const docs = parseAllDocuments(readFileSync(join(root, 'scenarios', FILES[f] as string), 'utf8')).map((d) => d.toJS() as unknown);
          // Short runs: the property is about input handling, not long simulations.
          const scenario = docs.find((d) => (d as { kind?: unknown } | null)?.kind === 'Scenario') as { spec?: Record<string, unknown> } | undefined;
          if (scenario?.spec !== undefined) scenario.spec.duration = '10m';
          for (const m of mutations) apply(docs, m);
          const path = join(tmp, `m${n++}.yaml`);
          writeFileSync(path, docs.map((d) => stringify(d)).join('---\n'));
          const r = await sim([compare ? 'compare' : 'run', path, '--output', 'json']);
          const label = `${FILES[f]} ${JSON.stringify(mutations)}\n${r.err}`;
          expect([0, 2], label).toContain(r.code);
          if (r.code === 2) expect(r.err, label).toMatch(/^error: .*:\d+:\d+: /m);
          expect(r.err, label).not.toMatch(/TypeError|ReferenceError|RangeError|Cannot read|is not a function|internal error|\n\s+at /);
        },
      ),
      { numRuns: 80, seed: 20240611 },
    );
  }, 120_000);
});

/**
 * Every shipped scenario's jsonl trace, checked byte for byte against test/golden/<name>.jsonl.
 * A change of behaviour shows as a diff to review; `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`
 * rewrites the files (commit them with the change that explains them).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMetricStore } from '../src/metrics/store.js';
import { formatJsonl } from '../src/report/jsonl.js';
import { takeSample } from '../src/run/sample.js';
import { createSimulation } from '../src/run/simulation.js';
import { loadScenarioPath } from '../src/scenario/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml') && !f.startsWith('bench-')).sort();

function trace(file: string): string {
  const loaded = loadScenarioPath(join(root, 'scenarios', file));
  if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  // Sampled as `simulate run --output jsonl` is: the trace a reader redraws screens from.
  const sim = createSimulation(loaded.scenario, { store: createMetricStore(), sampler: takeSample });
  const lines: string[] = [];
  sim.subscribe((e) => lines.push(formatJsonl(e)));
  sim.runUntil(loaded.scenario.duration);
  sim.finish();
  return lines.join('\n') + '\n';
}

describe('golden traces of the shipped scenarios', () => {
  it('there are scenarios to check', () => expect(scenarios.length).toBeGreaterThanOrEqual(3));
  it.each(scenarios)('%s', (file) => {
    const golden = join(root, 'test/golden', file.replace(/\.yaml$/, '.jsonl'));
    const actual = trace(file);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
    expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`).toBe(true);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });
});

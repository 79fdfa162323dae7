/**
 * The catalogue is the truth: every series a run of each shipped scenario exports belongs to a
 * catalogue family (under the scenario's mapping) and carries only that family's labels; and each
 * run exports every family its routing calls for (ingress-nginx's only behind nginx).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportedFamilies, FAMILIES, seriesNames } from '../../src/metrics/catalogue.js';
import { strategyOf } from '../../src/model/strategy.js';
import { loadScenarioPath } from '../../src/scenario/index.js';
import { pickWorkload } from '../../src/run/simulation-core.js';
import { runStore } from './export-helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort();

describe('every exported series is in the catalogue', () => {
  it('there are scenarios to check', () => expect(scenarios.length).toBeGreaterThanOrEqual(10));

  it.each(scenarios)('%s', (file) => {
    const loaded = loadScenarioPath(join(root, 'scenarios', file));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    const scenario = loaded.scenario;
    const store = runStore(scenario);
    const families = exportedFamilies(scenario.metrics);
    const bySeriesName = new Map(families.flatMap((f, i) => seriesNames(f).map((s) => [s, i] as const)));
    const seen = new Set<string>();
    const stray: string[] = [];
    for (let ref = 0; ref < store.seriesCount; ref++) {
      const { __name__, ...labels } = store.series(ref).labels;
      const i = bySeriesName.get(__name__ ?? '');
      if (i === undefined) {
        stray.push(`${__name__} is no catalogue family`);
        continue;
      }
      const f = families[i];
      for (const l of Object.keys(labels)) if (!f?.labels.includes(l)) stray.push(`${__name__} carries "${l}", not a label of ${f?.name}`);
      seen.add(FAMILIES[i]?.name ?? '');
    }
    expect(stray).toEqual([]);
    const nginx = (strategyOf(pickWorkload(scenario, undefined)).router ?? '').split('+').includes('nginx');
    const expected = FAMILIES.filter((f) => nginx || f.exporter !== 'nginx').map((f) => f.name);
    expect([...seen].sort()).toEqual(expected.sort());
  });
});

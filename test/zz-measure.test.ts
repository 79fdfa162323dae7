import { readdirSync, readFileSync } from 'node:fs';
import { it } from 'vitest';
import { createMetricStore } from '../src/metrics/store.js';
import { runWork } from '../src/promql/index.js';
import { takeSample } from '../src/run/sample.js';
import { createSimulation } from '../src/run/simulation.js';
import { loadScenarioText } from '../src/scenario/index.js';
it('measure', () => {
  for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml'))) {
    const r = loadScenarioText(readFileSync(`scenarios/${f}`, 'utf8'), f);
    if (!r.ok) continue;
    const sc = r.scenario;
    if (sc.analysisTemplates.length === 0) continue;
    for (const sampler of [false, true]) {
      const store = createMetricStore();
      const t0 = performance.now();
      try {
        const sim = createSimulation(sc, { store, ...(sampler ? { sampler: takeSample } : {}) });
        sim.runUntil(sc.duration); sim.finish();
      } catch (e) { console.log(f, 'ERR', (e as Error).message.slice(0, 80)); continue; }
      console.log(f, sampler ? 'sampled' : 'plain', runWork(store).toLocaleString(), (performance.now() - t0).toFixed(0) + 'ms');
    }
  }
}, 600_000);

/** Runs a Scenario file given as text to its end and collects its trace (trace-slice tests of Argo features). */
import { createMetricStore } from '../../src/metrics/store.js';
import type { SimEvent } from '../../src/model/events.js';
import { createSimulation } from '../../src/run/simulation.js';
import { loadScenarioText } from '../../src/scenario/index.js';

export function runYaml(text: string): SimEvent[] {
  const r = loadScenarioText(text, 'test.yaml');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`).join('\n'));
  const sim = createSimulation(r.scenario, { store: createMetricStore() });
  const events: SimEvent[] = [];
  sim.subscribe((e) => events.push(e));
  sim.runUntil(r.scenario.duration);
  sim.finish();
  return events;
}

/** The controller's decisions as compact lines (no samples, measurements or pod counts). */
export function decisions(events: readonly SimEvent[], types: readonly string[]): string[] {
  return events.filter((e) => types.includes(e.type)).map((e) => {
    const { t, type, ...rest } = e as SimEvent & Record<string, unknown>;
    return `${t / 1000}s ${type} ${JSON.stringify(rest)}`;
  });
}

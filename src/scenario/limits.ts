/**
 * Caps on the work one file may ask for (DESIGN §11), beside the request cap in scenario-build.ts:
 * pods per workload, series scrapes (memory grows with pods × cohorts × scrapes, never with
 * requests) and measurements per metric. Past them a run would take minutes and gigabytes, or
 * never end (`interval: 0s` with no count), so they are load errors naming the knob to turn.
 */
import type { AnalysisTemplate, Workload } from '../model/rollout.js';
import { formatDuration } from '../model/time.js';
import type { BuiltTemplate } from './analysis.js';
import type { BuiltWorkload } from './rollout-build.js';
import type { ScenarioCore } from './scenario-build.js';
import { fail } from './validate.js';
import type { Cx } from './validate.js';

/** Pods one workload may run (spec.replicas); a surge adds at most as many again. */
export const MAX_REPLICAS = 10_000;
/** Σ replicas × cohorts × scrapes: about 600 MB of series at the cap. */
export const MAX_SERIES_SCRAPES = 1_000_000;
/** Measurements one metric may take over the scenario's duration. */
export const MAX_MEASUREMENTS = 50_000;

const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const plural = (k: number, word: string): string => `${k} ${word}${k === 1 ? '' : 's'}`;

export function checkLimits(scenarioCx: Cx, core: ScenarioCore, workloads: readonly BuiltWorkload<Workload>[], templates: readonly BuiltTemplate[]): void {
  for (const w of workloads) {
    const r = w.workload.replicas;
    if (r > MAX_REPLICAS) fail(w.cx, 'spec.replicas', `${r} replicas are more than the simulator's cap of ${MAX_REPLICAS} pods per workload`);
  }
  const pods = workloads.reduce((s, w) => s + w.workload.replicas, 0);
  const cohorts = Math.max(1, core.traffic.cohorts.length);
  const scrapes = Math.ceil(core.duration / core.scrapeInterval);
  const work = pods * cohorts * scrapes;
  if (workloads.every((w) => w.workload.replicas <= MAX_REPLICAS) && work > MAX_SERIES_SCRAPES) {
    fail(
      scenarioCx,
      'spec.duration',
      `about ${n(work)} series scrapes (${plural(pods, 'pod')} × ${plural(cohorts, 'cohort')} × ${n(scrapes)} scrapes of ${formatDuration(core.duration)} every ${formatDuration(core.scrapeInterval)}), above the cap of ${n(MAX_SERIES_SCRAPES)}`,
      'shorten spec.duration, raise spec.scrapeInterval, or use fewer replicas or cohorts',
    );
  }
  for (const t of templates) checkMeasurements(t.cx, t.template, core.duration);
}

/**
 * A metric measures `count` times, or, without a count, every `interval` (at least 1 ms apart) for
 * as long as the run lasts. Example: interval 1ms for 1h ⇒ 3,600,000 measurements, over the cap.
 */
function checkMeasurements(cx: Cx, template: AnalysisTemplate, duration: number): void {
  template.metrics.forEach((m, i) => {
    if (m.interval === undefined) return;
    const span = Math.max(0, duration - (m.initialDelay ?? 0));
    const byTime = Math.ceil(span / Math.max(1, m.interval));
    const count = m.count !== undefined && m.count > 0 ? Math.min(m.count, byTime) : byTime;
    if (count <= MAX_MEASUREMENTS) return;
    fail(
      cx,
      `spec.metrics[${i}].interval`,
      `measuring every ${formatDuration(m.interval)} for the scenario's ${formatDuration(duration)} is about ${n(count)} measurements, above the cap of ${n(MAX_MEASUREMENTS)}`,
      m.count !== undefined && m.count > 0 ? 'lower the count, or use an interval such as 1m' : 'set a count, or an interval such as 1m',
    );
  });
}

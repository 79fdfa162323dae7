/**
 * An experiment analysis's args as its AnalysisRun gets them: Argo resolves `valueFrom` when the
 * Rollout creates the Experiment (analysisutil.BuildArgumentsForRolloutAnalysisRun; the run
 * builder does the same here), then substitutes the Experiment's own variables into each value
 * (utils/template ResolveExperimentArgsValue): `{{templates.<name>.podTemplateHash}}`,
 * `{{templates.<name>.replicaset.name}}`, and `{{experiment.availableAt}}` / `{{experiment.finishedAt}}`
 * as RFC 3339 instants on the simulator's clock (t = 0 is 1970-01-01T00:00:00Z).
 */
import { civilFromDays } from '../model/civil-date.js';
import { experimentRsKey } from '../controller/experiment.js';
import type { Effect } from '../controller/status.js';
import type { RolloutAnalysis } from '../model/rollout.js';
import type { ExperimentReplicaSet } from './experiment-replicasets.js';

type Start = Extract<Effect, { type: 'startExperimentAnalysis' }>;

/**
 * Example: arg value '{{templates.baseline.podTemplateHash}}' with the baseline ReplicaSet's hash
 * 'x7k2' → 'x7k2'; '{{experiment.availableAt}}' with availableAt 90 s → '1970-01-01T00:01:30Z'.
 */
export function experimentArgs(e: Start, byKey: ReadonlyMap<string, ExperimentReplicaSet>): RolloutAnalysis {
  const vars = new Map<string, string>();
  vars.set('experiment.availableAt', rfc3339(e.availableAt));
  if (e.duration !== undefined) vars.set('experiment.finishedAt', rfc3339(e.availableAt + e.duration));
  for (const t of e.templates) {
    const r = byKey.get(experimentRsKey(e.experiment, t));
    if (r === undefined) continue;
    vars.set(`templates.${t}.podTemplateHash`, r.hash);
    vars.set(`templates.${t}.replicaset.name`, r.rs);
  }
  const sub = (v: string): string => v.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (m: string, name: string) => vars.get(name) ?? m);
  return { ...e.analysis, args: e.analysis.args.map((a) => (a.value === undefined ? a : { ...a, value: sub(a.value) })) };
}

/**
 * Example: rfc3339(0) === '1970-01-01T00:00:00Z'; rfc3339(90_061_000) === '1970-01-02T01:01:01Z'.
 * (Go's time.RFC3339 drops sub-second digits.)
 */
export function rfc3339(ms: number): string {
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86400);
  const rem = s - days * 86400;
  const [y, mo, d] = civilFromDays(days);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(Math.floor(rem / 3600))}:${p(Math.floor((rem % 3600) / 60))}:${p(rem % 60)}Z`;
}

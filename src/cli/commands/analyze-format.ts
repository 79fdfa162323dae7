/**
 * What `simulate analyze` prints: each metric's measurements and the run's phase, as text (with
 * notes saying which template and which instants) or as JSON lines.
 */
import type { AnalysisRun } from '../../analysis/run/index.js';
import { measurementValue } from '../../report/text.js';

export interface AnalyzeReport {
  readonly template: string;
  readonly run: AnalysisRun;
  /** --result: only the first measurement is shown (the others replay the same result), with no time. */
  readonly firstOnly: boolean;
  /** Notes printed before the measurements (which template) and after them (when, why). */
  readonly notesBefore: readonly string[];
  readonly notesAfter: readonly string[];
}

export interface Window {
  readonly from: number;
  readonly to: number;
  readonly fromGiven: boolean;
  readonly toGiven: boolean;
}

const t = (ms: number): string => `t=${ms / 1000}s`;

/**
 * When a --dataset run measured, and how to move it. A template with no interval (`once`) measures
 * once, at the start of the window — the dataset's first sample unless --from says otherwise — and
 * again only to retry an Error.
 * Example: measurementNote([15000], w, true), w = {from: 15000, to: 600000, neither given} →
 * "one measurement, at t=15s (the dataset's first sample); use --from T to measure at another instant";
 * ([15000, 25000], w, true) → "one measurement, at t=15s (the dataset's first sample), retried after
 * an Error until t=25s; use --from T …"; ([15000, 75000, 135000], w, false) → "3 measurements, t=15s
 * … t=135s, in the window t=15s (the dataset's first sample) … t=600s (the dataset's last sample);
 * use --from/--to to choose another".
 */
export function measurementNote(instants: readonly number[], w: Window, once: boolean): string {
  const start = w.fromGiven ? '--from' : "the dataset's first sample";
  const window = `the window ${t(w.from)} (${start}) … ${t(w.to)} (${w.toGiven ? '--to' : "the dataset's last sample"})`;
  const first = instants[0];
  const last = instants[instants.length - 1];
  if (first === undefined || last === undefined) return `no measurement in ${window}; use --from/--to to choose another`;
  if (once) {
    const why = first === w.from ? start : `the run started at ${t(w.from)}, ${start}`;
    const retried = instants.length > 1 ? `, retried after an Error until ${t(last)}` : '';
    return `one measurement, at ${t(first)} (${why})${retried}${w.fromGiven ? '' : '; use --from T to measure at another instant'}`;
  }
  return `${instants.length} measurements, ${t(first)} … ${t(last)}, in ${window}; use --from/--to to choose another`;
}

function shown(report: AnalyzeReport) {
  return report.run.metricResults.map((m) => ({ ...m, measurements: report.firstOnly ? m.measurements.slice(0, 1) : m.measurements }));
}

/**
 * JSON lines, the shape issue 4 fixed (and scripts read): one object per metric,
 * `{metric, measurements: [{value, phase, message}], phase}`, then the run's
 * `{run, template, phase, message}`.
 */
export function formatJson(report: AnalyzeReport): string {
  const lines = shown(report).map((m) =>
    JSON.stringify({ metric: m.name, measurements: m.measurements.map((x) => ({ value: x.value, phase: x.phase, message: x.message })), phase: m.phase }),
  );
  lines.push(JSON.stringify({ run: report.run.name, template: report.template, phase: report.run.phase, message: report.run.message }));
  return lines.join('\n') + '\n';
}

export function formatText(report: AnalyzeReport): string {
  const out = report.notesBefore.map((n) => `note: ${n}`);
  for (const m of shown(report)) {
    out.push(`metric ${m.name}: ${m.phase}${m.message === '' ? '' : ` — ${m.message}`}`);
    for (const x of m.measurements) {
      const at = report.firstOnly || x.finishedAt === undefined ? '' : `  ${t(x.finishedAt)}`;
      out.push(`  ${x.phase.padEnd(12)} value ${measurementValue(x.value)}${x.message === '' ? '' : `  (${x.message})`}${at}`);
    }
  }
  out.push(`AnalysisRun ${report.run.phase}${report.run.message === '' ? '' : `: ${report.run.message}`}`);
  out.push(...report.notesAfter.map((n) => `note: ${n}`));
  return out.join('\n') + '\n';
}

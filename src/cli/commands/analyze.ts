/**
 * `simulate analyze TEMPLATE.yaml`: try an AnalysisTemplate before it meets a cluster.
 *   --dataset DATASET [--args k=v …] [--from T] [--to T]   run the AnalysisRun's measurements over
 *       recorded data (an .om export or `promtool tsdb dump`), on the template's own schedule;
 *   --result JSON   evaluate the conditions against one given result (a JSON number is a scalar
 *       result, an array of numbers a vector result, anything else a web-style JSON value; the
 *       strings "NaN", "+Inf", "-Inf" stand for those floats, as in Prometheus' API).
 * Prints each measurement and the verdict; `--output json` prints a JSON line per metric, then the run's (analyze-format.ts).
 */
import { buildAnalysisRun, isCompleted, measure, nextDue, terminate, type AnalysisRun, type Provider } from '../../analysis/run/index.js';
import { float64Vector, fromJson, type ExprValue } from '../../analysis/expr/index.js';
import { loadDataset } from '../../metrics/dataset.js';
import type { MetricStore } from '../../metrics/store.js';
import type { AnalysisTemplate } from '../../model/rollout.js';
import { prometheusProvider } from '../../run/providers.js';
import { formatLoadError, loadTemplatesText } from '../../scenario/index.js';
import { checkPositionals, closest, parseFlags } from '../args.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import { formatJson, formatText, measurementNote, type AnalyzeReport } from './analyze-format.js';
import { pastTheData, resolveTime } from '../time-flags.js';

export const ANALYZE_USAGE = `usage: simulate analyze TEMPLATE.yaml --dataset DATASET [--args name=value …] [--from T] [--to T]
       simulate analyze TEMPLATE.yaml --result JSON
  [--template NAME] [--output text|json] [--no-color]

  --dataset  OpenMetrics text (e.g. from simulate run --export-metrics) or promtool tsdb dump output
  --from/--to  times in the dataset's own time: simulate run's exports are stamped in seconds of
             simulated time, so --from 300, --from 5m and --to 1h30m all work; a promtool dump takes Unix seconds,
             RFC 3339, or a duration since its first sample. Default: the dataset's first and last sample; a time past the last one
             is an error naming the range. A template with no interval measures once, at --from
  --result   one metric result, e.g. '[0.004]' (a vector), '0.97' (a scalar), '"NaN"', '{"ok": true}';
             nested at most 1000 arrays/objects deep
  --output json  a JSON line per metric {metric, measurements, phase}, then {run, template, phase, message}`;

export async function analyzeCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    dataset: { type: 'string' }, args: { type: 'string', multiple: true }, from: { type: 'string' },
    to: { type: 'string' }, result: { type: 'string' }, template: { type: 'string' },
    output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' },
  }, ANALYZE_USAGE);
  if (values.help === true) {
    io.stdout(ANALYZE_USAGE + '\n');
    return EXIT_OK;
  }
  const file = positionals[0];
  if (file === undefined) throw new UsageError(`missing TEMPLATE file\n\n${ANALYZE_USAGE}`);
  checkPositionals(positionals, 1, 'one TEMPLATE file', ANALYZE_USAGE);
  if ((values.dataset === undefined) === (values.result === undefined)) throw new UsageError(`give exactly one of --dataset or --result\n\n${ANALYZE_USAGE}`);
  if (values.result !== undefined && (values.from !== undefined || values.to !== undefined)) {
    throw new UsageError(`--from and --to go with --dataset: --result is one measurement, with no time range\n\n${ANALYZE_USAGE}`);
  }
  const output = values.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new UsageError(`--output must be text or json (got "${output}")`);
  const loaded = loadTemplatesText(readOrFail(io, file), file);
  if (!loaded.ok) throw new UsageError(loaded.errors.map((e) => `error: ${formatLoadError(e)}`).join('\n'));
  const template = pickTemplate(loaded.templates, values.template);
  checkArgNames(template, values.args ?? []);
  const report = values.result !== undefined
    ? analyzeResult(template, parseResult(values.result), values.result, values.args ?? [])
    : analyzeDataset(template, values.dataset as string, readOrFail(io, values.dataset as string), values);
  const names = loaded.templates.map((x) => x.name);
  const picked = values.template === undefined && names.length > 1
    ? [`${file} has ${names.length} AnalysisTemplates (${names.join(', ')}): this analyzes ${template.name}; --template NAME picks another`]
    : [];
  const full = { ...report, notesBefore: picked };
  io.stdout(output === 'json' ? formatJson(full) : formatText(full));
  return EXIT_OK;
}

function readOrFail(io: CliIO, path: string): string {
  try {
    return io.readFile(path);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

function pickTemplate(templates: readonly AnalysisTemplate[], name: string | undefined): AnalysisTemplate {
  const t = name === undefined ? templates[0] : templates.find((x) => x.name === name);
  if (t === undefined) throw new UsageError(`no AnalysisTemplate named "${name}" (have: ${templates.map((x) => x.name).join(', ')})`);
  return t;
}

/**
 * Reads --result as Argo's providers shape results. Example: '0.5' → 0.5 (scalar);
 * '[0.5,"NaN"]' → a []float64 vector [0.5, NaN]; '{"ok":true}' → a JSON map.
 */
export function parseResult(text: string): ExprValue {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`--result must be JSON (got ${text})`);
  }
  const depth = jsonDepth(json);
  if (depth > MAX_RESULT_DEPTH) throw new UsageError(`--result nests ${depth} levels deep; at most ${MAX_RESULT_DEPTH} are read (no metric result comes close)`);
  const special = (v: unknown): number | undefined =>
    typeof v === 'number' ? v : v === 'NaN' ? NaN : v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : undefined;
  const scalar = special(json);
  if (scalar !== undefined) return scalar;
  if (Array.isArray(json) && json.every((v) => special(v) !== undefined)) return float64Vector(json.map((v) => special(v) as number));
  return fromJson(json);
}

/** How deep --result may nest: the conditions walk a result recursively, and no metric result comes close. */
export const MAX_RESULT_DEPTH = 1000;

/**
 * How many arrays/objects deep a parsed JSON value nests, counted without recursion (so any depth
 * JSON.parse accepts is measured). Example: jsonDepth(1) === 0; jsonDepth([[1], {a: []}]) === 2.
 */
export function jsonDepth(json: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[json, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, d] = top;
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) max = d + 1;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
  }
  return max;
}

function build(template: AnalysisTemplate, args: readonly string[], now: number, mode: 'dataset' | 'result'): AnalysisRun {
  const built = buildAnalysisRun({
    rolloutName: 'analyze', podHash: mode, revision: 1, kind: 'background',
    analysis: { templates: [{ templateName: template.name, clusterScope: template.kind === 'ClusterAnalysisTemplate' }], args: args.map(parseArg), dryRun: [], measurementRetention: [], startingStep: undefined },
    templates: [template], stableHash: 'stable', latestHash: 'latest', now,
  });
  if (!built.ok) {
    const arg = /^args\.(.+) was not resolved$/.exec(built.error)?.[1];
    throw new UsageError(arg === undefined ? built.error : `${built.error}: give it with --args ${arg}=VALUE`);
  }
  return built.run;
}

/** An --args name the template does not declare would be dropped (as Argo drops it): a typo, so say so. */
function checkArgNames(template: AnalysisTemplate, args: readonly string[]): void {
  const declared = template.args.map((a) => a.name);
  for (const text of args) {
    const name = parseArg(text).name;
    if (declared.includes(name)) continue;
    const near = closest(name, declared);
    const have = declared.length === 0 ? 'it takes no args' : `its args: ${declared.join(', ')}`;
    throw new UsageError(`--args ${name}: ${template.kind} "${template.name}" has no arg "${name}" (${near === undefined ? have : `did you mean "${near}"?`})`);
  }
}

function parseArg(text: string) {
  const i = text.indexOf('=');
  if (i <= 0) throw new UsageError(`--args takes name=value (got "${text}")`);
  return { name: text.slice(0, i), value: text.slice(i + 1), valueFrom: undefined };
}

/**
 * One measurement per metric against the given result, judged by Argo's rules. An Error is retried
 * by Argo; the run is driven as if every retry gave the same result, so its phase is the one Argo
 * reaches, while only the first (identical) measurement is shown.
 */
function analyzeResult(template: AnalysisTemplate, result: ExprValue, shown: string, args: readonly string[]): Omit<AnalyzeReport, 'notesBefore'> {
  const once: AnalysisTemplate = { ...template, metrics: template.metrics.map((m) => ({ ...m, interval: undefined, count: undefined, initialDelay: undefined })) };
  const provider: Provider = (m) => (m.provider.job !== undefined ? { ok: false, error: 'the job provider runs synthetic tests: use simulate run' } : { ok: true, value: result, display: shown });
  const { run } = drive(build(once, [...args, ...unusedArgs(template, args)], 0, 'result'), 0, Infinity, provider);
  const retried = run.metricResults.filter((m) => m.taken > 1 && m.measurements[0]?.phase === 'Error');
  const notesAfter = retried.map((m) => `Argo retries an Error measurement; given this result every time, metric "${m.name}" ends ${m.phase} after ${m.taken} of them`);
  return { template: template.name, run, firstOnly: true, notesAfter };
}

/**
 * With --result no query runs, so an arg only matters where a condition uses it; the others, when
 * not given and without a default, get a stand-in so the run can be built.
 * Example: args [hash, limit] with `successCondition: result[0] < {{args.limit}}` and no --args →
 * ['hash={{args.hash}}'] (limit stays missing, and is asked for).
 */
function unusedArgs(template: AnalysisTemplate, given: readonly string[]): string[] {
  const conditions = template.metrics.flatMap((m) => [m.successCondition ?? '', m.failureCondition ?? '']).join('\n');
  const used = new Set([...conditions.matchAll(/\{\{\s*args\.([^}\s]+)\s*\}\}/g)].map((m) => m[1]));
  const givenNames = new Set(given.map((g) => parseArg(g).name));
  return template.args
    .filter((a) => a.value === undefined && !givenNames.has(a.name) && !used.has(a.name))
    .map((a) => `${a.name}={{args.${a.name}}}`);
}

function analyzeDataset(template: AnalysisTemplate, file: string, text: string, values: { args?: string[] | undefined; from?: string | undefined; to?: string | undefined }): Omit<AnalyzeReport, 'notesBefore'> {
  const loaded = loadDataset(text);
  if (!loaded.ok) throw new UsageError(`${file}:${loaded.line}: ${loaded.error}`);
  const store: MetricStore = loaded.store;
  const at = (flag: string, s: string | undefined, dflt: number): number => {
    if (s === undefined) return dflt;
    const t = resolveTime(s, store);
    if (t === null) throw new UsageError(`--${flag} must be seconds, a duration of simulated time such as 5m or 1h30m, or RFC 3339 (got "${s}")`);
    const past = pastTheData(`--${flag}`, s, t, 'the dataset', store);
    if (past !== undefined) throw new UsageError(past);
    return t;
  };
  const from = at('from', values.from, store.minTime);
  const to = at('to', values.to, store.maxTime);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new UsageError('the dataset has no samples: give --from and --to');
  if (from > to) throw new UsageError(`--from (${values.from ?? from / 1000}) is after --to (${values.to ?? to / 1000})`);
  const provider: Provider = (m, ctx) => {
    if (m.provider.job !== undefined) return { ok: false, error: 'the job provider runs synthetic tests: use simulate run' };
    // web and the stand-in providers are answered by a Scenario (spec.providers), which a dataset run has not.
    if (m.provider.prometheus === undefined) return { ok: false, error: 'this provider is answered by a Scenario\'s spec.providers: use simulate run, or --result to check the conditions' };
    return prometheusProvider(store, m, ctx.now);
  };
  const { run, instants } = drive(build(template, values.args ?? [], from, 'dataset'), from, to, provider);
  const once = template.metrics.every((m) => m.interval === undefined);
  const note = measurementNote(instants, { from, to, fromGiven: values.from !== undefined, toGiven: values.to !== undefined }, once);
  return { template: template.name, run, firstOnly: false, notesAfter: [note] };
}

/** A day of 10-second measurements is 8 640 rounds; this is the limit of one `analyze --dataset`. */
export const MAX_ANALYZE_ROUNDS = 10_000;

/**
 * Runs the AnalysisRun on its own schedule from `from`; still running at `to` ⇒ terminated there.
 * `instants` are the times at which some metric took a measurement (for the note on when).
 */
function drive(run: AnalysisRun, from: number, to: number, provider: Provider): { run: AnalysisRun; instants: number[] } {
  const instants: number[] = [];
  let rounds = 0;
  const taken = (r: AnalysisRun): number => r.metricResults.reduce((n, m) => n + m.taken, 0);
  const step = (r: AnalysisRun, at: number): AnalysisRun => {
    const next = measure(r, at, provider).run;
    if (taken(next) > taken(r)) instants.push(at);
    return next;
  };
  let r = step(run, from);
  for (let due = nextDue(r); due !== undefined && due <= to && !isCompleted(r.phase); due = nextDue(r)) {
    // Bounded work: --to 1e15 over a 10s interval would measure for ever.
    if (++rounds > MAX_ANALYZE_ROUNDS) {
      throw new UsageError(`--from/--to span more than ${MAX_ANALYZE_ROUNDS.toLocaleString('en-US')} measurement rounds at this template's interval (the last at ${due / 1000} s): narrow the range`);
    }
    r = step(r, due);
  }
  return { run: isCompleted(r.phase) || to === Infinity ? r : terminate(r, to).run, instants };
}

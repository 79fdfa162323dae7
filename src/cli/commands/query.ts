/**
 * `simulate query DATASET 'PROMQL' [--time T] [--output text|json]`: evaluates one instant query over a
 * recorded dataset (OpenMetrics text or `promtool tsdb dump` output), like Prometheus' /api/v1/query.
 *
 *   simulate query dataset.om 'sum(rate(http_requests_total[5m]))' --time 300 --output json
 *   {"resultType":"vector","result":[{"metric":{},"value":[300,"98.31"]}]}
 *
 * T is seconds (fractional allowed) or RFC 3339, as the API takes it, or a duration of simulated time
 * (`5m`) — a run's export is stamped in seconds of simulated time; default: the dataset's last sample. Bad input, a bad query or an
 * evaluation error ⇒ `error: …` on stderr, exit code 2.
 */
import { parseArgs } from 'node:util';
import { loadDataset } from '../../metrics/dataset.js';
import type { Labels } from '../../metrics/labels.js';
import { evaluateInstant } from '../../promql/index.js';
import type { ApiData } from '../../promql/index.js';
import { EXIT_BAD_INPUT, EXIT_OK } from '../io.js';
import type { CliIO } from '../io.js';
import { maxOf } from '../../model/numbers.js';
import { parseApiTime, pastTheData, resolveTime } from '../time-flags.js';

const USAGE = `usage: simulate query DATASET PROMQL [--time T] [--output text|json] [--no-color]

  DATASET   OpenMetrics text (e.g. an export of a run) or the output of \`promtool tsdb dump\`
  PROMQL    an instant query, e.g. 'sum(rate(http_requests_total[5m]))'
  --time    evaluation time in the dataset's own time: simulate run's exports are stamped in
            seconds of simulated time, so --time 300, --time 5m and --time 1h30m all work (0 to
            the scenario's duration); a promtool dump in Unix seconds, RFC 3339, or a duration
            since its first sample. Default: the dataset's last sample; a time past it is an
            error naming the range the dataset holds
  --output  text (a table, default) or json (the "data" of Prometheus' /api/v1/query)`;

const VALUE_FLAGS = new Set(['--time', '--output']);
/** Accepted for a uniform command line; a query's output has no colour. */
const BOOLEAN_FLAGS = new Set(['--help', '-h', '--no-color']);

/** Splits argv so a query that starts with "-" (e.g. '-2 ^ 2') stays a positional argument. */
function splitArgs(argv: string[]): { options: string[]; positionals: string[] } {
  const options: string[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const name = a.split('=')[0] as string;
    if (VALUE_FLAGS.has(name)) {
      // `--time=-60` form, so a negative value is not mistaken for a flag.
      options.push(a.includes('=') || i + 1 >= argv.length ? a : `${a}=${argv[++i] as string}`);
    } else if (BOOLEAN_FLAGS.has(a)) options.push(a);
    else if (a.startsWith('--') && a.length > 2 && /^--[a-z]/.test(a)) options.push(a);
    else positionals.push(a);
  }
  return { options, positionals };
}

export { parseApiTime };

export async function runQuery(argv: string[], io: CliIO): Promise<number> {
  const fail = (msg: string): number => {
    io.stderr(`error: ${msg}\n`);
    return EXIT_BAD_INPUT;
  };
  const { options, positionals } = splitArgs(argv);
  let values: { time?: string | undefined; output?: string | undefined; help?: boolean | undefined; 'no-color'?: boolean | undefined };
  try {
    values = parseArgs({
      args: options,
      options: { time: { type: 'string' }, output: { type: 'string' }, help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (e) {
    return fail(`${(e as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    io.stdout(USAGE + '\n');
    return EXIT_OK;
  }
  if (positionals.length !== 2) return fail(`expected DATASET and PROMQL, got ${positionals.length} argument(s)\n\n${USAGE}`);
  const [file, query] = positionals as [string, string];
  const output = values.output ?? 'text';
  if (output !== 'text' && output !== 'json') return fail(`--output must be text or json (got "${output}")`);
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as Error).message}`);
  }
  const loaded = loadDataset(text);
  if (!loaded.ok) return fail(`${file}:${loaded.line}: ${loaded.error}`);
  let tMs = loaded.store.maxTime;
  if (values.time !== undefined) {
    const t = resolveTime(values.time, loaded.store);
    if (t === null) return fail(`invalid parameter "time": cannot parse "${values.time}" to a valid timestamp (give seconds, a duration of simulated time such as 5m or 1h30m, or RFC 3339)`);
    const past = pastTheData('--time', values.time, t, file, loaded.store);
    if (past !== undefined) return fail(past);
    tMs = t;
  } else if (Number.isNaN(tMs)) return fail(`${file} has no samples; give --time`);
  const res = evaluateInstant(loaded.store, query, tMs);
  if (!res.ok) return fail(`${res.errorType}: ${res.error}`);
  io.stdout(output === 'json' ? JSON.stringify(res.data) + '\n' : renderText(res.data));
  return EXIT_OK;
}

function metricText(m: Labels): string {
  const { __name__: name = '', ...rest } = m;
  const inner = Object.entries(rest).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
  return `${name}{${inner}}`;
}

/** A readable table: one row per element (vector), per sample (matrix), or the single value. */
export function renderText(data: ApiData): string {
  switch (data.resultType) {
    case 'scalar': return `scalar ${data.result[1]} @ ${data.result[0]}\n`;
    case 'string': return `string ${JSON.stringify(data.result[1])} @ ${data.result[0]}\n`;
    case 'vector': {
      if (data.result.length === 0) return 'empty vector (Argo sees result = [])\n';
      const rows = data.result.map((e) => [metricText(e.metric), e.value[1]] as const);
      const w = maxOf(rows.map((r) => r[0].length), 6);
      const head = `${'METRIC'.padEnd(w)}  VALUE\n`;
      return head + rows.map(([m, v]) => `${m.padEnd(w)}  ${v}\n`).join('') + `(${rows.length} series @ ${data.result[0]?.value[0]})\n`;
    }
    case 'matrix': {
      if (data.result.length === 0) return 'empty range vector\n';
      return data.result
        .map((s) => `${metricText(s.metric)}\n` + s.values.map(([t, v]) => `  ${t}  ${v}\n`).join(''))
        .join('');
    }
  }
}

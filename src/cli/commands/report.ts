/**
 * `simulate report TRACE.jsonl -o FILE.html`: the HTML report of a saved trace (`run` or `compare`
 * with `--output jsonl`), drawn from its events alone — the same bytes `--report` writes on the live
 * run, so a trace attached to a bug or a lesson submission renders the same anywhere.
 */
import { checkPositionals, parseFlags } from '../args.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import { openReport, writeReport } from '../report-file.js';

export const REPORT_USAGE = `usage: simulate report TRACE.jsonl -o FILE.html

Draws the self-contained HTML report of a saved trace: one run's (simulate run … --output jsonl)
or a comparison's (simulate compare … --output jsonl, every strategy's trace one after the other).
The file needs no network to open (charts are inline SVG, no script), prints, and reads on a phone.
The same trace always gives the same bytes, and the same file --report writes on the live run.
TRACE - reads the trace from stdin.

  -o, --output  the HTML file to write`;

export async function reportCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } }, REPORT_USAGE);
  if (values.help === true) {
    io.stdout(REPORT_USAGE + '\n');
    return EXIT_OK;
  }
  checkPositionals(positionals, 1, 'one TRACE', REPORT_USAGE);
  const tracePath = positionals[0];
  if (tracePath === undefined) throw new UsageError(`simulate report needs a TRACE.jsonl (write one with simulate run FILE --output jsonl > TRACE.jsonl)\n\n${REPORT_USAGE}`);
  if (values.output === undefined) throw new UsageError(`simulate report needs -o FILE.html, the report to write\n\n${REPORT_USAGE}`);
  let text: string;
  try {
    text = tracePath === '-' ? (io.readStdin ?? noStdin)() : io.readFile(tracePath);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new UsageError(`cannot read ${tracePath}: ${why}`);
  }
  const { readTrace } = await import('../../report/html/trace-file.js');
  const read = readTrace(text);
  if (!read.ok) throw new UsageError(`${tracePath === '-' ? '<stdin>' : tracePath}:${read.line}: ${read.message}`);
  const report = openReport(values.output, tracePath === '-' ? [] : [tracePath]);
  if (report === undefined) return EXIT_OK; // unreachable: --output is set
  read.runs.forEach((events, i) => {
    const keep = report.listener(i);
    for (const e of events) keep(e);
  });
  await writeReport(report, io);
  return EXIT_OK;
}

function noStdin(): never {
  throw new UsageError('this environment has no standard input to read the trace from: name a TRACE.jsonl file');
}

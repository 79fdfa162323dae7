/**
 * `--report FILE.html` on run and compare: the file is opened (checked) before the run, the run's
 * events are kept as they are emitted, and the report is drawn from them alone after it, exactly as
 * `simulate report` draws it from the saved trace. The renderer (and Vega with it) loads only here,
 * only when a report is asked for: the default start-up path never loads it.
 */
import type { SimEvent } from '../model/events.js';
import { openOutput, type CliIO, type OutputFile } from './io.js';

/** A report being collected: call `collect(i)` as run i's listener; `write` after the run. */
export interface PendingReport {
  readonly path: string;
  readonly file: OutputFile;
  readonly runs: SimEvent[][];
  listener(run: number): (e: SimEvent) => void;
}

/**
 * Opens `path` for the report (a bad path fails now, before the run: exit 2), or undefined without
 * --report. `inputs` are the files the command reads (never written over).
 */
export function openReport(path: string | undefined, inputs: readonly string[]): PendingReport | undefined {
  if (path === undefined) return undefined;
  const file = openOutput(path, '--report', inputs);
  const runs: SimEvent[][] = [];
  return {
    path, file, runs,
    listener(run) {
      const events: SimEvent[] = [];
      runs[run] = events;
      return (e) => void events.push(e);
    },
  };
}

/**
 * Renders and writes the report, then says where on stderr (stdout stays the run's output). A run
 * stopped before its Summary (quit in the live view) writes no report: the file stays as it was.
 */
export async function writeReport(r: PendingReport, io: CliIO): Promise<void> {
  const runs = r.runs.filter((events) => events.length > 0);
  if (runs.length === 0 || runs.some((events) => events[events.length - 1]?.type !== 'Summary')) {
    r.file.discard();
    io.stderr(`--report ${r.path}: the run stopped before its Summary; no report written\n`);
    return;
  }
  const { renderReport } = await import('../report/html/index.js');
  let html: string;
  try {
    html = (await renderReport(runs)).html;
  } catch (e) {
    r.file.discard();
    throw e;
  }
  r.file.write(html);
  r.file.close();
  io.stderr(`report: ${r.path} (${Math.round(Buffer.byteLength(html) / 1024)} KB)\n`);
}

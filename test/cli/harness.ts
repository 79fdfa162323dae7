/** The CLI driven in-process through `dispatch`, with captured output (shared by the CLI tests). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { dispatch } from '../../src/cli/main.js';
import { listDirectory, readTextFile, type CliIO } from '../../src/cli/io.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const scenarioPath = (name: string): string => join(ROOT, 'scenarios', name);

export async function sim(args: string[], env: Record<string, string> = { CI: 'true' }, stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), readFile: readTextFile, writeFile: (p, t) => writeFileSync(p, t), listDir: listDirectory, clock: () => 0, env, isTTY: false };
  if (stdin !== undefined) io.readStdin = () => stdin;
  const code = await dispatch(args, io);
  return { code, out, err };
}

/** What `analyze --output json` prints, folded into one object for assertions. */
export interface AnalyzeJson {
  readonly template: string;
  readonly metrics: { metric: string; measurements: { value: string; phase: string; message: string }[]; phase: string }[];
  readonly phase: string;
  readonly message: string;
}

/**
 * `analyze --output json` is JSON lines — one object per metric, then the run's
 * `{run, template, phase, message}` (issue 4's shape, which scripts read line by line).
 * Example: '{"metric":"m",…}\n{"run":"r","template":"t","phase":"Failed","message":"…"}\n' →
 * {template: 't', metrics: [{metric: 'm', …}], phase: 'Failed', message: '…'}.
 */
export function analyzeJson(out: string): AnalyzeJson {
  const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const run = lines.at(-1) ?? {};
  return { template: run.template as string, metrics: lines.slice(0, -1) as unknown as AnalyzeJson['metrics'], phase: run.phase as string, message: run.message as string };
}

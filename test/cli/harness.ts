/** The CLI driven in-process through `dispatch`, with captured output (shared by the CLI tests). */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { dispatch } from '../../src/cli/main.js';
import { readTextFile, type CliIO } from '../../src/cli/io.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const scenarioPath = (name: string): string => join(ROOT, 'scenarios', name);

export async function sim(args: string[], env: Record<string, string> = { CI: 'true' }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), readFile: readTextFile, env, isTTY: false };
  const code = await dispatch(args, io);
  return { code, out, err };
}

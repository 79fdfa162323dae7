/**
 * `simulate list`: the built-in scenarios with their one-line descriptions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_OK, type CliIO } from '../io.js';

/** Reads `metadata.description` from the Scenario document without a full load (fast, forgiving). */
function describe(text: string): string {
  const m = /kind:\s*Scenario[\s\S]*?description:\s*(?:"([^"]*)"|'([^']*)'|(.+))/.exec(text);
  return (m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim();
}

export async function listCommand(_argv: string[], io: CliIO, root: string): Promise<number> {
  const dir = join(root, 'scenarios');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('bench-')).sort();
  io.stdout('Built-in scenarios (simulate run scenarios/NAME.yaml):\n\n');
  const width = Math.max(...files.map((f) => f.length));
  for (const f of files) io.stdout(`  ${f.padEnd(width)}  ${describe(readFileSync(join(dir, f), 'utf8'))}\n`);
  return EXIT_OK;
}

/**
 * `simulate list`: the built-in scenarios with their one-line descriptions, marking the ones that
 * race several strategies (run them with `simulate compare`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioText } from '../../scenario/index.js';
import { checkPositionals, parseFlags } from '../args.js';
import { EXIT_OK, type CliIO } from '../io.js';

export const LIST_USAGE = `usage: simulate list

Lists the built-in scenarios with what each teaches; run one with simulate run scenarios/NAME.yaml.`;

export async function listCommand(argv: string[], io: CliIO, root: string): Promise<number> {
  const { values, positionals } = parseFlags(argv, { help: { type: 'boolean', short: 'h' } }, LIST_USAGE);
  if (values.help === true) {
    io.stdout(LIST_USAGE + '\n');
    return EXIT_OK;
  }
  checkPositionals(positionals, 0, 'no arguments', LIST_USAGE);
  const dir = join(root, 'scenarios');
  const rows = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('bench-'))
    .sort()
    .map((f) => {
      const loaded = loadScenarioText(readFileSync(join(dir, f), 'utf8'), f);
      if (!loaded.ok) return { f, kind: '', desc: `(does not load: ${loaded.errors[0]?.message ?? 'unknown error'})` };
      return { f, kind: loaded.scenario.compare.length > 1 ? 'compare' : 'run', desc: loaded.scenario.description };
    });
  io.stdout('Built-in scenarios (simulate run scenarios/NAME.yaml, or simulate compare for the comparisons):\n\n');
  const width = Math.max(...rows.map((r) => r.f.length));
  for (const r of rows) io.stdout(`  ${r.f.padEnd(width)}  ${r.kind.padEnd(7)}  ${r.desc}\n`);
  io.stdout('\n`simulate` alone runs flagship.yaml as a comparison.\n');
  return EXIT_OK;
}

/**
 * `simulate list`: the built-in scenarios with their one-line descriptions, marking the ones that
 * race several strategies (run them with `simulate compare`).
 */
import { join } from 'node:path';
import { loadScenarioText } from '../../scenario/index.js';
import { checkPositionals, parseFlags } from '../args.js';
import { EXIT_OK, type CliIO } from '../io.js';
import { maxOf } from '../../model/numbers.js';
import { parseManifest } from '../lessons.js';

export const LIST_USAGE = `usage: simulate list

Lists the built-in scenarios with what each teaches, each as the command that runs it from any
directory (simulate run NAME; simulate compare NAME for the comparisons).`;

export async function listCommand(argv: string[], io: CliIO, root: string): Promise<number> {
  const { values, positionals } = parseFlags(argv, { help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' } }, LIST_USAGE);
  if (values.help === true) {
    io.stdout(LIST_USAGE + '\n');
    return EXIT_OK;
  }
  checkPositionals(positionals, 0, 'no arguments', LIST_USAGE);
  const dir = join(root, 'scenarios');
  const rows = io.listDir(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => {
      const name = f.slice(0, -'.yaml'.length);
      const loaded = loadScenarioText(io.readFile(join(dir, f)), f);
      if (!loaded.ok) return { command: `simulate run ${name}`, desc: `(does not load: ${loaded.errors[0]?.message ?? 'unknown error'})` };
      const verb = loaded.scenario.compare.length > 1 ? 'compare' : 'run';
      // The benchmark is listed, as README's table lists it, but marked: it teaches nothing.
      const mark = name.startsWith('bench-') ? '(benchmark workload, npm run bench) ' : '';
      return { command: `simulate ${verb} ${name}`, desc: mark + loaded.scenario.description };
    });
  io.stdout('Built-in scenarios, each as the command that runs it from any directory:\n\n');
  const width = maxOf(rows.map((r) => r.command.length), 0);
  for (const r of rows) io.stdout(`  ${r.command.padEnd(width)}  ${r.desc}\n`);
  io.stdout('\n`simulate` alone runs flagship as a comparison; your own file: simulate run PATH.\n');
  io.stdout(lessonsBlock(io, root));
  return EXIT_OK;
}

/** The course beside the scenarios: each lesson as the command that grades it (simulate lessons has the progress). */
function lessonsBlock(io: CliIO, root: string): string {
  let lessons;
  try {
    lessons = parseManifest(io.readFile(join(root, 'lessons', 'lessons.yaml')), 'lessons/lessons.yaml');
  } catch {
    return '';
  }
  const rows = lessons.map((l) => ({ command: `simulate check ${l.id.split('-')[0] ?? l.id}`, desc: `${l.title} (${l.minutes} min)` }));
  const width = maxOf(rows.map((r) => r.command.length), 0);
  return `\nLessons (simulate lessons shows your progress; each README is lessons/<id>/README.md):\n\n${rows.map((r) => `  ${r.command.padEnd(width)}  ${r.desc}\n`).join('')}`;
}

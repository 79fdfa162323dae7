/**
 * `simulate check [LESSON|FILE]`: grades a scenario's `expect:` over its seeds, a lesson's exercise
 * by default. Each expectation prints ✔ or ✖ with what was measured; for a lesson that is not
 * solved yet, the next hint. Exit 0 every expectation met, 3 one not met, 2 bad input.
 *
 *   simulate check                 the first lesson not solved yet
 *   simulate check 3               lesson 03-…'s exercise (its number, id or a unique prefix)
 *   simulate check my.yaml         any scenario with an expect: block
 *   simulate check --class DIR     a class: one subfolder per student (check-class.ts)
 */
import { existsSync } from 'node:fs';
import type { Scenario } from '../../model/scenario.js';
import { formatResult } from '../../run/expect.js';
import { grade, type Graded } from '../../run/grade.js';
import { checkPositionals, parseFlags, parseSeed } from '../args.js';
import { EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { exercisePath, loadCourse, nextLesson, readHints, readProgress, requireLesson, writeProgress, type Course, type Lesson } from '../lessons.js';
import { scenarioFile } from '../package.js';
import { checkAnalysisTemplates, loadWithNotes, requireWorkload } from './load.js';

export const CHECK_USAGE = `usage: simulate check [LESSON|FILE] [--seed N] [--output text|json]
       simulate check --class DIR [LESSON…] [--csv FILE]

Grades the scenario's expect: block over its seeds (spec.expect.seeds, from spec.seed or --seed):
each expectation ✔ or ✖ with what was measured. LESSON is a lesson's id or number (simulate
lessons); no argument checks the first lesson not solved yet. A lesson not yet passed prints its
next hint. --class grades a folder of submissions, one subfolder per student.
exit code  0 every expectation met, 3 one not met, 2 bad input`;

export async function checkCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    seed: { type: 'string' }, output: { type: 'string', short: 'o' }, class: { type: 'string' }, csv: { type: 'string' },
    help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' },
  }, CHECK_USAGE);
  if (values.help === true) {
    io.stdout(CHECK_USAGE + '\n');
    return EXIT_OK;
  }
  const output = values.output ?? 'text';
  if (output !== 'text' && output !== 'json') throw new UsageError(`--output must be text or json (got "${output}")`);
  if (values.class !== undefined) {
    const { checkClass } = await import('./check-class.js');
    return checkClass(values.class, positionals, values.csv, io);
  }
  checkPositionals(positionals, 1, 'at most one LESSON or FILE', CHECK_USAGE);
  const seed = parseSeed(values.seed);
  const target = resolveTarget(positionals[0], io);
  const scenario = await loadGradable(target.file);
  const expect = requireExpect(scenario, target.file);
  // On a terminal the first graded seed plays live under the goal and what will be graded; the
  // verdict over every seed follows it.
  if (output === 'text' && io.isTTY && io.terminal !== undefined && io.env.CI === undefined) {
    if ((await playFirst(scenario, target, seed, io)) === 'interrupted') return EXIT_INTERRUPTED;
  }
  const graded = grade(scenario, expect, seed === undefined ? {} : { seed });
  if (output === 'json') {
    io.stdout(JSON.stringify({ file: target.file, lesson: target.lesson?.id ?? null, seeds: graded.seeds, passed: graded.passed, results: graded.results }, null, 2) + '\n');
  } else {
    io.stdout(report(target, graded, io));
  }
  return graded.passed ? EXIT_OK : EXIT_CHECK_FAILED;
}

export interface Target {
  readonly file: string;
  readonly lesson: Lesson | undefined;
  readonly course: Course | undefined;
}

/** A FILE (an existing path or a .yaml name), else a lesson; none: the next lesson to solve. */
export function resolveTarget(arg: string | undefined, io: CliIO): Target {
  if (arg !== undefined && (existsSync(arg) || /\.ya?ml$/.test(arg))) return { file: scenarioFile(arg), lesson: undefined, course: undefined };
  const course = loadCourse(io);
  const lesson = arg === undefined ? nextLesson(course, readProgress(io)) : requireLesson(course, arg);
  if (lesson === undefined) throw new UsageError('the course has no lessons');
  return { file: exercisePath(course, lesson), lesson, course };
}

/** Loads a scenario to grade: valid, its templates parsed, its expect: rollout one of its workloads. */
export async function loadGradable(file: string): Promise<Scenario> {
  const { scenario } = loadWithNotes(file, CHECK_USAGE);
  await checkAnalysisTemplates(scenario);
  if (scenario.expect?.rollout !== undefined) requireWorkload(scenario, scenario.expect.rollout, 'spec.expect.rollout');
  return scenario;
}

export function requireExpect(scenario: Scenario, file: string) {
  if (scenario.expect === undefined) {
    throw new UsageError(`${file}: the Scenario has no expect: block to grade\n  add e.g. spec.expect: {caught: true, harmedShare: "<= 1%"} (README: Expectations)`);
  }
  return scenario.expect;
}

async function playFirst(scenario: Scenario, t: Target, seed: number | undefined, io: CliIO): Promise<true | 'interrupted'> {
  const e = scenario.expect;
  if (e === undefined || io.terminal === undefined) return true;
  const { createMetricStore } = await import('../../metrics/store.js');
  const { createSimulation } = await import('../../run/simulation.js');
  const { takeSample } = await import('../../run/sample.js');
  const { runLive } = await import('../../ui/live.js');
  const { useColor } = await import('../output-mode.js');
  const first = seed ?? scenario.seed;
  const goal = t.lesson === undefined ? [] : [`Lesson ${t.lesson.id}: ${t.lesson.title}`, `goal: ${t.lesson.goal}`];
  const wants = e.checks.map((c) => `  • ${typeof c.want === 'object' ? `${c.field} ${c.want.text}` : `${c.field}: ${String(c.want)}`}`);
  // Straight to the terminal: the CLI's stdout is buffered until exit, and this must come before
  // the live view, not after it.
  io.terminal.stdout.write([...goal, `graded: over ${e.seeds} seed${e.seeds === 1 ? '' : 's'} from ${first} (this one plays live; q ends it)`, ...wants, ''].join('\n') + '\n');
  const sim = createSimulation(scenario, { store: createMetricStore(), seed: first, sampler: takeSample, ...(e.rollout === undefined ? {} : { workload: e.rollout }) });
  return runLive(sim, { speed: 120, color: useColor({ isTTY: true, env: io.env, noColorFlag: false }), until: scenario.duration, file: t.file, terminal: io.terminal });
}

/** The verdict in words; for a lesson, progress is recorded and the next hint shown. */
function report(t: Target, g: Graded, io: CliIO): string {
  const out: string[] = [];
  const seeds = g.seeds.length === 1 ? `seed ${g.seeds[0] ?? ''}` : `seeds ${g.seeds[0] ?? ''}–${g.seeds.at(-1) ?? ''}`;
  out.push(t.lesson === undefined ? `${t.file} (${seeds})` : `Lesson ${t.lesson.id}: ${t.lesson.title} — ${t.file} (${seeds})`);
  if (t.lesson !== undefined) out.push(`goal: ${t.lesson.goal}`);
  for (const r of g.results) out.push(formatResult(r));
  if (t.lesson === undefined || t.course === undefined) {
    out.push(g.passed ? 'every expectation met' : 'not met');
    return out.join('\n') + '\n';
  }
  const progress = readProgress(io);
  if (g.passed) {
    writeProgress(io, { ...progress, solved: [...progress.solved, t.lesson.id] });
    const next = t.course.lessons[t.course.lessons.indexOf(t.lesson) + 1];
    out.push(`solved!${next === undefined ? ' That was the last lesson.' : ` Next: simulate check ${next.id}`}`);
    return out.join('\n') + '\n';
  }
  const hints = readHints(io, t.course, t.lesson);
  const shown = progress.hints[t.lesson.id] ?? 0;
  const i = Math.min(shown, hints.length - 1);
  const hint = hints[i];
  if (hint !== undefined) {
    out.push(`not yet. Hint ${i + 1} of ${hints.length}: ${hint}`);
    writeProgress(io, { ...progress, hints: { ...progress.hints, [t.lesson.id]: Math.min(shown + 1, hints.length) } });
  } else out.push('not yet.');
  return out.join('\n') + '\n';
}

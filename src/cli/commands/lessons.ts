/**
 * `simulate lessons` (the course, in order, with the student's progress) and `simulate hint
 * LESSON` (the next hint; every hint already shown stays shown).
 */
import { join } from 'node:path';
import { checkPositionals, parseFlags } from '../args.js';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import { exercisePath, loadCourse, nextLesson, readHints, readProgress, requireLesson, writeProgress, PROGRESS_FILE } from '../lessons.js';

export const LESSONS_USAGE = `usage: simulate lessons

The course in order: each lesson's id, title, minutes and whether you solved it (progress is kept
in ${PROGRESS_FILE} in this folder). Work on one with: simulate check LESSON, simulate hint LESSON.`;

export const HINT_USAGE = `usage: simulate hint [LESSON]

The lesson's next hint (the hints shown so far come first). No LESSON: the first not solved yet.`;

export function lessonsCommand(argv: string[], io: CliIO): number {
  const { values, positionals } = parseFlags(argv, { help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' } }, LESSONS_USAGE);
  if (values.help === true) {
    io.stdout(LESSONS_USAGE + '\n');
    return EXIT_OK;
  }
  checkPositionals(positionals, 0, 'no arguments', LESSONS_USAGE);
  const course = loadCourse(io);
  const progress = readProgress(io);
  const next = nextLesson(course, progress);
  // Numbers, not ids, on the left: every command takes the number, and an 80-column terminal
  // then fits the longest title on one line.
  const lines = course.lessons.map((l) => {
    const mark = progress.solved.includes(l.id) ? '✔' : l === next ? '→' : ' ';
    return `${mark} ${numberOf(l.id)}  ${l.title} (${l.minutes} min)`;
  });
  const solved = course.lessons.filter((l) => progress.solved.includes(l.id)).length;
  const tail = next === undefined || progress.solved.includes(next.id)
    ? ['every lesson solved']
    : [
      `next: lesson ${numberOf(next.id)}, ${next.title}`,
      `  read  ${join(course.root, next.id, 'README.md')}`,
      `  edit  ${exercisePath(course, next)}`,
      `  then  simulate check ${numberOf(next.id)}`,
    ];
  io.stdout(`${lines.join('\n')}\n\n${solved} of ${course.lessons.length} solved. ${tail.join('\n')}\n`);
  return EXIT_OK;
}

/** The lesson's number as its id starts. Example: numberOf('03-automated-rollback') === '03'. */
const numberOf = (id: string): string => /^\d+/.exec(id)?.[0] ?? id;

export function hintCommand(argv: string[], io: CliIO): number {
  const { values, positionals } = parseFlags(argv, { help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' } }, HINT_USAGE);
  if (values.help === true) {
    io.stdout(HINT_USAGE + '\n');
    return EXIT_OK;
  }
  checkPositionals(positionals, 1, 'at most one LESSON', HINT_USAGE);
  const course = loadCourse(io);
  const progress = readProgress(io);
  const lesson = positionals[0] === undefined ? nextLesson(course, progress) : requireLesson(course, positionals[0]);
  if (lesson === undefined) throw new UsageError('the course has no lessons');
  const hints = readHints(io, course, lesson);
  if (hints.length === 0) throw new UsageError(`lesson ${lesson.id} has no hints`);
  const shown = Math.min((progress.hints[lesson.id] ?? 0) + 1, hints.length);
  const out = hints.slice(0, shown).map((h, i) => `Hint ${i + 1} of ${hints.length}: ${h}`);
  io.stdout(`${lesson.id}: ${lesson.title}\n\n${out.join('\n\n')}\n`);
  writeProgress(io, { ...progress, hints: { ...progress.hints, [lesson.id]: shown } });
  return EXIT_OK;
}

/**
 * The course: lessons/lessons.yaml (the order and each lesson's metadata, with a format version),
 * each lesson's folder (README.md, the exercise, hints.md, solution/), and the student's progress
 * in a small file in the working directory. `simulate lessons`, `check` and `hint` read it here.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { closest } from './args.js';
import { UsageError, type CliIO } from './io.js';
import { PACKAGE_ROOT } from './package.js';

export const LESSONS_FORMAT = 1;
export const PROGRESS_FILE = '.rollout-sim-progress.json';

export interface Lesson {
  /** The folder's name, e.g. '03-automated-rollback': how commands name it (its number works too). */
  readonly id: string;
  readonly title: string;
  readonly minutes: number;
  /** The exercise file, relative to the lesson's folder. */
  readonly exercise: string;
  /** One line: what the exercise asks. */
  readonly goal: string;
}

export interface Course {
  /** The folder holding lessons.yaml (the package's, or ./lessons when the student has a copy). */
  readonly root: string;
  readonly lessons: readonly Lesson[];
}

export interface Progress {
  readonly solved: readonly string[];
  /** Hints shown so far, per lesson. */
  readonly hints: Readonly<Record<string, number>>;
}

/** The course the student works on: ./lessons when it has a lessons.yaml, else the package's. */
export function loadCourse(io: CliIO, cwdLessons = 'lessons'): Course {
  const root = existsSync(join(cwdLessons, 'lessons.yaml')) ? cwdLessons : join(PACKAGE_ROOT, 'lessons');
  const text = io.readFile(join(root, 'lessons.yaml'));
  return { root, lessons: parseManifest(text, join(root, 'lessons.yaml')) };
}

/**
 * lessons.yaml as lessons, checked: a format version we read, each lesson with an id, a title,
 * minutes and an exercise. A broken manifest is a bug of the course, said plainly.
 * Example: 'version: 1\nlessons: [{id: 01-x, title: X, minutes: 10, exercise: exercise.yaml, goal: g}]' → [{id: '01-x', …}].
 */
export function parseManifest(text: string, file: string): Lesson[] {
  const doc = parse(text) as { version?: unknown; lessons?: unknown } | null;
  if (doc?.version !== LESSONS_FORMAT) throw new UsageError(`${file}: version must be ${LESSONS_FORMAT} (this simulate reads lessons format ${LESSONS_FORMAT})`);
  if (!Array.isArray(doc.lessons)) throw new UsageError(`${file}: lessons must be a list`);
  return doc.lessons.map((l: unknown, i: number): Lesson => {
    const o = (l ?? {}) as Record<string, unknown>;
    const need = (k: string): string => {
      const v = o[k];
      if (typeof v !== 'string' || v === '') throw new UsageError(`${file}: lessons[${i}].${k} must be a non-empty string`);
      return v;
    };
    const minutes = o['minutes'];
    if (typeof minutes !== 'number' || !(minutes > 0)) throw new UsageError(`${file}: lessons[${i}].minutes must be a positive number`);
    return { id: need('id'), title: need('title'), minutes, exercise: need('exercise'), goal: need('goal') };
  });
}

/**
 * The lesson an argument names: its id, its number ('3', '03') or a unique prefix of its id.
 * Example: findLesson(course, '3') → the lesson '03-automated-rollback'.
 */
export function findLesson(course: Course, arg: string): Lesson | undefined {
  const n = /^\d+$/.test(arg) ? Number(arg) : undefined;
  return course.lessons.find((l) => l.id === arg)
    ?? (n === undefined ? undefined : course.lessons.find((l) => Number(l.id.split('-')[0]) === n))
    ?? uniquePrefix(course.lessons, arg);
}

function uniquePrefix(lessons: readonly Lesson[], arg: string): Lesson | undefined {
  const hits = lessons.filter((l) => l.id.startsWith(arg) || l.id.replace(/^\d+-/, '').startsWith(arg));
  return hits.length === 1 ? hits[0] : undefined;
}

/** findLesson or exit 2 with the closest id. */
export function requireLesson(course: Course, arg: string): Lesson {
  const l = findLesson(course, arg);
  if (l !== undefined) return l;
  const near = closest(arg, course.lessons.map((x) => x.id));
  throw new UsageError(`no lesson "${arg}"${near === undefined ? '' : ` (did you mean "${near}"?)`}; simulate lessons lists them`);
}

export const exercisePath = (course: Course, l: Lesson): string => join(course.root, l.id, l.exercise);
export const solutionPath = (course: Course, l: Lesson): string => join(course.root, l.id, 'solution', l.exercise);

/**
 * The lesson's hints, in order: hints.md split at its `## ` headings.
 * Example: '## Hint 1\nLook at\nkind.\n## Hint 2\nUse a Rollout.\n' → ['Look at kind.', 'Use a Rollout.'].
 */
export function parseHints(markdown: string): string[] {
  // A paragraph's line breaks are the author's wrapping, not the reader's: a terminal wraps it again.
  return markdown.split(/^## .*$/m).slice(1).map((h) => h.trim().replace(/(?<!\n)\n(?!\n)/g, ' ')).filter((h) => h !== '');
}

export function readHints(io: CliIO, course: Course, l: Lesson): string[] {
  try {
    return parseHints(io.readFile(join(course.root, l.id, 'hints.md')));
  } catch {
    return [];
  }
}

/** The student's progress in the working directory; none yet is an empty one. */
export function readProgress(io: CliIO): Progress {
  try {
    const p = JSON.parse(io.readFile(PROGRESS_FILE)) as Partial<Progress>;
    return { solved: Array.isArray(p.solved) ? p.solved.filter((x): x is string => typeof x === 'string') : [], hints: typeof p.hints === 'object' && p.hints !== null ? p.hints : {} };
  } catch {
    return { solved: [], hints: {} };
  }
}

export function writeProgress(io: CliIO, p: Progress): void {
  const sorted = { solved: [...new Set(p.solved)].sort(), hints: Object.fromEntries(Object.entries(p.hints).sort(([a], [b]) => a.localeCompare(b))) };
  io.writeFile?.(PROGRESS_FILE, JSON.stringify(sorted, null, 2) + '\n');
}

/** The first lesson not yet solved (the last one when all are). */
export function nextLesson(course: Course, p: Progress): Lesson | undefined {
  return course.lessons.find((l) => !p.solved.includes(l.id)) ?? course.lessons.at(-1);
}

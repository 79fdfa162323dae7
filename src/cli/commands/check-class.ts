/**
 * `simulate check --class DIR [LESSON…] [--csv FILE]`: a teacher grades a class. DIR holds one
 * subfolder per student; a student's submission for a lesson is `<lesson id>/<exercise file>` or
 * `<lesson id>.yaml` in their folder. Each (student, lesson) is graded as `check` grades it: pass,
 * fail (with the expectations not met), missing, or broken (the file does not load: its first
 * error). The table goes to stdout, the CSV to --csv (default DIR/grades.csv).
 */
import { join } from 'node:path';
import { maxOf } from '../../model/numbers.js';
import { WorkLimitError } from '../../model/work-limit.js';
import { grade } from '../../run/grade.js';
import { EXIT_OK, UsageError, isDirectory, type CliIO } from '../io.js';
import { loadCourse, requireLesson, type Course, type Lesson } from '../lessons.js';
import { loadGradable, requireExpect } from './check.js';

type Verdict = { readonly grade: 'pass' | 'fail' | 'missing' | 'broken'; readonly detail: string };

export async function checkClass(dir: string, lessonArgs: readonly string[], csvPath: string | undefined, io: CliIO): Promise<number> {
  let students: string[];
  try {
    students = io.listDir(dir).filter((n) => !n.startsWith('.') && isDirectory(io, join(dir, n)));
  } catch (e) {
    throw new UsageError(`--class ${dir}: cannot read the folder: ${(e as Error).message}`);
  }
  if (students.length === 0) throw new UsageError(`--class ${dir}: no student folders in it (one subfolder per student)`);
  const course = loadCourse(io);
  const lessons = lessonArgs.length > 0 ? lessonArgs.map((a) => requireLesson(course, a)) : course.lessons;
  const rows: { student: string; verdicts: Verdict[] }[] = [];
  for (const student of students) {
    const verdicts: Verdict[] = [];
    for (const lesson of lessons) verdicts.push(await gradeSubmission(io, course, join(dir, student), lesson));
    // Lessons the student did not submit stay out of a table graded over the whole course.
    rows.push({ student, verdicts });
  }
  const shown = lessons.filter((_, i) => lessonArgs.length > 0 || rows.some((r) => r.verdicts[i]?.grade !== 'missing'));
  const cols = shown.map((l) => lessons.indexOf(l));
  io.stdout(table(rows, shown, cols));
  const csv = toCsv(rows, shown, cols);
  const out = csvPath ?? join(dir, 'grades.csv');
  if (io.writeFile === undefined) throw new UsageError('cannot write the CSV here');
  io.writeFile(out, csv);
  io.stdout(`CSV: ${out}\n`);
  return EXIT_OK;
}

async function gradeSubmission(io: CliIO, course: Course, folder: string, lesson: Lesson): Promise<Verdict> {
  const candidates = [join(folder, lesson.id, lesson.exercise), join(folder, `${lesson.id}.yaml`)];
  const file = candidates.find((f) => isFile(io, f));
  if (file === undefined) return { grade: 'missing', detail: '' };
  try {
    const scenario = await loadGradable(file);
    const g = grade(scenario, requireExpect(scenario, file));
    const failed = g.results.filter((r) => !r.passed).map((r) => r.text);
    return g.passed ? { grade: 'pass', detail: '' } : { grade: 'fail', detail: `not met: ${failed.join('; ')}` };
  } catch (e) {
    // A submission past a work limit is that student's broken file, not the end of the class's grading.
    if (!(e instanceof UsageError) && !(e instanceof WorkLimitError)) throw e;
    return { grade: 'broken', detail: (e.message.split('\n')[0] ?? '').replace(/^error: /, '') };
  }
}

function table(rows: readonly { student: string; verdicts: readonly Verdict[] }[], lessons: readonly Lesson[], cols: readonly number[]): string {
  const head = ['student', ...lessons.map((l) => l.id)];
  const body = rows.map((r) => [r.student, ...cols.map((c) => r.verdicts[c]?.grade ?? 'missing')]);
  const widths = head.map((h, i) => maxOf(body.map((b) => (b[i] ?? '').length), h.length));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const details = rows.flatMap((r) => cols.flatMap((c) => {
    const v = r.verdicts[c];
    return v !== undefined && v.detail !== '' ? [`  ${r.student} / ${lessons[cols.indexOf(c)]?.id ?? ''}: ${v.detail}`] : [];
  }));
  return [line(head), ...body.map(line), ...(details.length > 0 ? ['', ...details] : [])].join('\n') + '\n';
}

/** One row per student and lesson: student,lesson,grade,detail (RFC 4180 quoting). */
function toCsv(rows: readonly { student: string; verdicts: readonly Verdict[] }[], lessons: readonly Lesson[], cols: readonly number[]): string {
  const q = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['student,lesson,grade,detail'];
  for (const r of rows) cols.forEach((c, i) => {
    const v = r.verdicts[c];
    lines.push([r.student, lessons[i]?.id ?? '', v?.grade ?? 'missing', v?.detail ?? ''].map(q).join(','));
  });
  return lines.join('\n') + '\n';
}

function isFile(io: CliIO, p: string): boolean {
  try {
    io.readFile(p);
    return true;
  } catch {
    return false;
  }
}

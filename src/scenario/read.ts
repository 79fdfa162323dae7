/**
 * Reading scenario files from disk: the only file of the loader that touches node:fs.
 * A directory loads every *.yaml / *.yml file in it (not recursively), sorted by name, as one
 * scenario.
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadError } from './errors.js';
import type { LoadResult } from './load.js';
import { loadScenarioSources } from './load.js';
import type { Source } from './yaml-doc.js';

/** Scenario files are a few KB; parsing much more would only exhaust memory (a stray dump or log). */
export const MAX_FILE_BYTES = 32 * 2 ** 20;

/**
 * Loads a file, or a directory of *.yaml/*.yml files (sorted by name). I/O problems (missing
 * path, unreadable file, empty directory) come back as load errors, never as exceptions.
 *
 * Example: loadScenarioPath('scenarios/tool-call.yaml') → { ok: true, scenario, notes }.
 */
export function loadScenarioPath(path: string): LoadResult {
  const read = readScenarioSources(path);
  return 'sources' in read ? loadScenarioSources(read.sources) : read;
}

/**
 * The texts loadScenarioPath loads (a sweep edits them for --vary before loading), or the load
 * errors of a path that cannot be read.
 * Example: readScenarioSources('scenarios/x.yaml') → {sources: [{file: 'scenarios/x.yaml', text: '…'}]}.
 */
export function readScenarioSources(path: string): { sources: Source[] } | { ok: false; errors: LoadError[] } {
  const fail = (message: string, suggestion?: string): { ok: false; errors: LoadError[] } => ({
    ok: false,
    errors: [{ file: path, line: 1, column: 1, path: '', message, ...(suggestion === undefined ? {} : { suggestion }) }],
  });
  let files: string[];
  try {
    const st = statSync(path);
    if (!st.isDirectory() && !st.isFile()) return fail('not a regular file or a directory (a scenario is a .yaml file)');
    if (st.isDirectory()) {
      files = readdirSync(path)
        .filter((f) => /\.ya?ml$/i.test(f))
        .sort()
        .map((f) => join(path, f));
      if (files.length === 0) return fail('no *.yaml or *.yml files in this directory');
    } else files = [path];
  } catch (e) {
    return fail(`cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : String((e as Error).message)}`);
  }
  const sources: Source[] = [];
  for (const file of files) {
    const read = readScenarioFile(file);
    if (typeof read !== 'string') return { ok: false, errors: [{ file, line: 1, column: 1, path: '', ...read }] };
    sources.push({ file, text: read });
  }
  return { sources };
}

const mb = (b: number): string => `${Math.round(b / 2 ** 20)} MB`;

/**
 * One scenario file's text, or why not. Every file is stat'ed before it is opened: a FIFO named
 * `b.yaml` would block the open forever and a link to /dev/zero would be read until memory runs
 * out, so anything but a regular file is refused. The read itself stops one byte past
 * MAX_FILE_BYTES, so a file that grows after the stat cannot get past the cap either.
 *
 * Example: readScenarioFile('/dev/zero') → { message: 'not a regular file (a character device)', suggestion: … }.
 */
export function readScenarioFile(file: string): string | { message: string; suggestion?: string } {
  let fd = -1;
  try {
    const st = statSync(file);
    if (!st.isFile()) {
      const kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a named pipe (FIFO)' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a file';
      return { message: `not a regular file: ${kind}`, suggestion: 'a scenario is read from ordinary .yaml files; move or rename this one' };
    }
    if (st.size > MAX_FILE_BYTES) return { message: `the file is ${mb(st.size)}, above the ${mb(MAX_FILE_BYTES)} a scenario file may have` };
    fd = openSync(file, 'r');
    // In chunks, not by the stat's size: a file may grow after the stat (or, in /proc, report 0).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      total += got;
      if (total > MAX_FILE_BYTES) return { message: `the file is above the ${mb(MAX_FILE_BYTES)} a scenario file may have` };
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (e) {
    return { message: `cannot read: ${String((e as Error).message)}` };
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

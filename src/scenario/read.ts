/**
 * Reading scenario files from disk: the only file of the loader that touches node:fs.
 * A directory loads every *.yaml / *.yml file in it (not recursively), sorted by name, as one
 * scenario.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
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
    try {
      const size = statSync(file).size;
      if (size > MAX_FILE_BYTES) {
        const mb = (b: number): string => `${Math.round(b / 2 ** 20)} MB`;
        return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: `the file is ${mb(size)}, above the ${mb(MAX_FILE_BYTES)} a scenario file may have` }] };
      }
      sources.push({ file, text: readFileSync(file, 'utf8') });
    } catch (e) {
      return { ok: false, errors: [{ file, line: 1, column: 1, path: '', message: `cannot read: ${String((e as Error).message)}` }] };
    }
  }
  return { sources };
}

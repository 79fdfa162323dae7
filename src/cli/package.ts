/**
 * The installed package itself: its root folder, its version, and the built-in scenarios in its
 * scenarios/ folder, which a user names from any directory (`simulate run canary-happy-path`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closest } from './args.js';
import { UsageError } from './io.js';

/** The package's own folder, from dist/cli/package.js (or src/cli/package.ts under the tests). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What `simulate` alone runs: a built-in scenario's name (so its replay line reads `simulate compare flagship`). */
export const DEFAULT_BUILTIN = 'flagship';

export function packageVersion(root = PACKAGE_ROOT): string {
  return (JSON.parse(readFileSync(root + 'package.json', 'utf8')) as { version: string }).version;
}

/** The built-in scenario names, without `.yaml`, sorted. */
export function builtinNames(root = PACKAGE_ROOT): string[] {
  return readdirSync(root + 'scenarios').filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

/**
 * Which file a scenario argument means: the path itself when it exists (a real file always wins),
 * else the package's built-in of that name — only for a bare name, with or without `.yaml`.
 * Example (root '/pkg/'): 'canary-happy-path' → '/pkg/scenarios/canary-happy-path.yaml' when no
 * such file is here; 'mine.yaml' (exists) → 'mine.yaml'; 'sub/x.yaml' and unknown names → unchanged.
 */
export function resolveScenarioArg(arg: string, root: string, exists: (p: string) => boolean): string {
  if (exists(arg) || arg.includes('/') || arg.includes('\\')) return arg;
  const builtin = `${root}scenarios/${arg.replace(/\.yaml$/, '')}.yaml`;
  return exists(builtin) ? builtin : arg;
}

/**
 * resolveScenarioArg for a command: a bare name that is neither a file here nor a built-in is an
 * error naming the closest built-in (a path with a folder is left to the loader's own message).
 */
export function scenarioFile(arg: string): string {
  const path = resolveScenarioArg(arg, PACKAGE_ROOT, existsSync);
  if (path !== arg || existsSync(arg) || arg.includes('/') || arg.includes('\\')) return path;
  const near = closest(arg.replace(/\.ya?ml$/, ''), builtinNames());
  const hint = near === undefined ? 'simulate list shows the built-in ones' : `did you mean "${near}"? simulate list shows them`;
  throw new UsageError(`${arg}: no such file, nor a built-in scenario (${hint})`);
}

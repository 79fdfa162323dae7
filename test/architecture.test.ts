/**
 * The core stays pure and deterministic: no I/O, no wall clock, no global randomness, no UI.
 * Scans the source of every core folder (comments stripped) for forbidden imports and globals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const CORE = ['engine', 'world', 'metrics', 'promql', 'analysis', 'lint', 'controller', 'run', 'model', 'go', 'sweep'];

const FORBIDDEN_IMPORTS = [/^node:/, /^(fs|path|os|child_process|worker_threads|url|util|process)$/, /^react/, /^ink/];
const FORBIDDEN_GLOBALS = [
  /\bDate\b/, /\bMath\.random\b/, /\bperformance\b/, /\bsetTimeout\b/, /\bsetInterval\b/,
  /\bsetImmediate\b/, /\bprocess\./, /\bconsole\./, /\beval\s*\(/, /\bnew Function\b/, /\brequire\s*\(/,
];

function files(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** Drops comments and string contents so prose ("a Date", "console.log") cannot trip the scan. */
export function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/`(?:\\.|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""');
}

const coreFiles = CORE.flatMap((d) => {
  try {
    return files(join(SRC, d));
  } catch {
    return [];
  }
});

describe('architecture: the core is pure', () => {
  it('has core files to check', () => {
    expect(coreFiles.length).toBeGreaterThan(10);
  });

  it.each(coreFiles.map((f) => [relative(SRC, f), f]))('%s imports nothing forbidden and uses no clock, randomness or I/O', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
    for (const spec of imports) {
      for (const bad of FORBIDDEN_IMPORTS) expect(spec, `${file} imports ${spec}`).not.toMatch(bad);
    }
    const code = codeOnly(text);
    for (const bad of FORBIDDEN_GLOBALS) expect(code, `${file} uses ${bad}`).not.toMatch(bad);
  });

  it('the scan itself catches what it forbids', () => {
    expect(codeOnly('const x = Date.now(); // Date')).toMatch(/\bDate\b/);
    expect(codeOnly('// Math.random() in a comment')).not.toMatch(/Math\.random/);
    expect(codeOnly("const s = 'console.log';")).not.toMatch(/console\./);
  });
});

/**
 * Import direction: cli → ui → report / run → lint (the load-time warnings, which read templates
 * as the analysis does) → analysis → the domain (controller, world, promql, scenario) → metrics →
 * model / engine / go (Go's strconv and friends, used by metrics and PromQL).
 * A folder imports only folders of a lower layer (peers such as report and run not each other);
 * the edge (cli, ui, report) never reaches into world/.
 */
const LAYER: Record<string, number> = {
  go: 0, model: 0, engine: 0,
  metrics: 1,
  promql: 2, scenario: 2, controller: 2, world: 2,
  analysis: 3,
  lint: 4,
  run: 5, report: 5,
  ui: 6, sweep: 6,
  cli: 7,
};
const EDGE = ['cli', 'ui', 'report'];

/** The src/ folder a file is in. Example: src/ui/state/reduce.ts → 'ui'. */
const folderOf = (file: string): string => relative(SRC, file).split(/[\\/]/)[0] as string;

/** Every relative import of every source file as [from folder, to folder, file, specifier]. */
function importEdges(): Edge[] {
  return files(SRC).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)].map((m) => m[1] as string);
    return specs.map((spec): Edge => [folderOf(file), folderOf(resolve(dirname(file), spec)), relative(SRC, file), spec]);
  });
}

type Edge = [string, string, string, string];

/** Imports into the same or a higher layer, as readable lines. */
const upward = (edges: readonly Edge[]): string[] =>
  edges.filter(([from, to]) => from !== to && (LAYER[to] as number) >= (LAYER[from] as number)).map(([from, to, file, spec]) => `${file} (${from}) imports ${spec} (${to})`);
/** Imports from the edge into world/, as readable lines. */
const intoWorld = (edges: readonly Edge[]): string[] =>
  edges.filter(([from, to]) => EDGE.includes(from) && to === 'world').map(([, , file, spec]) => `${file} imports ${spec}`);

describe('architecture: imports point down the layers', () => {
  const edges = importEdges();
  const folders = [...new Set(files(SRC).map(folderOf))].filter((f) => !/\.tsx?$/.test(f));

  it('every folder of src/ has a layer', () => {
    expect(folders.filter((f) => LAYER[f] === undefined)).toEqual([]);
    expect(edges.length).toBeGreaterThan(300);
  });

  it('nothing imports a folder above (or beside) its own layer', () => {
    expect(upward(edges)).toEqual([]);
  });

  it('the edge (cli, ui, report) never reaches into world/', () => {
    expect(intoWorld(edges)).toEqual([]);
  });

  it('the checks flag an upward, a sideways and an edge-into-world import, and pass a downward one', () => {
    const made: Edge[] = [
      ['model', 'ui', 'model/x.ts', '../ui/y.js'],
      ['report', 'run', 'report/x.ts', '../run/y.js'],
      ['ui', 'world', 'ui/x.ts', '../world/y.js'],
      ['run', 'world', 'run/x.ts', '../world/y.js'],
      ['lint', 'run', 'lint/x.ts', '../run/y.js'],
      ['run', 'lint', 'run/x.ts', '../lint/y.js'],
    ];
    expect(upward(made)).toEqual([
      'model/x.ts (model) imports ../ui/y.js (ui)', 'report/x.ts (report) imports ../run/y.js (run)', 'lint/x.ts (lint) imports ../run/y.js (run)',
    ]);
    expect(intoWorld(made)).toEqual(['ui/x.ts imports ../world/y.js']);
    expect(folderOf(join(SRC, 'ui', 'state', 'reduce.ts'))).toBe('ui');
  });
});

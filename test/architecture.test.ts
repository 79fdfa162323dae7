/**
 * The core stays pure and deterministic: no I/O, no wall clock, no global randomness, no UI.
 * Scans the source of every core folder (comments stripped) for forbidden imports and globals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const CORE = ['engine', 'world', 'metrics', 'promql', 'analysis', 'controller', 'run', 'model'];

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

/**
 * src/go belongs to the pure core (test/architecture.test.ts does not list it yet): no imports beyond
 * its own files, no clock, randomness or I/O.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../src/go/', import.meta.url));
/** Comments and string contents dropped, so prose cannot trip the scan (as test/architecture.test.ts does). */
const codeOnly = (text: string): string =>
  text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1').replace(/'(?:\\.|[^'\\\n])*'/g, "''");
const FORBIDDEN = [/\bDate\b/, /\bMath\.random\b/, /\bperformance\b/, /\bprocess\./, /\bconsole\./, /\beval\s*\(/, /\bnew Function\b/, /\brequire\s*\(/];

describe('src/go is pure', () => {
  it.each(readdirSync(DIR).filter((f) => f.endsWith('.ts')))('%s imports only ./ files and uses no clock, randomness or I/O', (f) => {
    const text = readFileSync(DIR + f, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) expect(m[1]).toMatch(/^\.\/[\w-]+\.js$/);
    const code = codeOnly(text);
    for (const bad of FORBIDDEN) expect(code).not.toMatch(bad);
  });
});

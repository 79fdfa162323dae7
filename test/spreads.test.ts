/**
 * Spreading an array into a call passes every element as an argument: past ~125 000 of them V8
 * overflows the stack (a query over many series, a long traffic profile). So src never spreads into
 * Math.max / Math.min (model/numbers.ts has maxOf / minOf), nor uses .apply for it; spreads into
 * push / unshift / String.fromCharCode / fromCodePoint are allowed only where the array is bounded
 * by something small, listed below with the reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** file → why its push(...) spreads are bounded. */
const BOUNDED_PUSH: Record<string, string> = {
  'scenario/load.ts': "one note per side workload of the file",
  'cli/commands/analyze-format.ts': 'the notes after an analysis (at most a few)',
  'analysis/run/reconcile.ts': "one reconcile step's events",
  'controller/stage.ts': "one reconcile's effects",
};

/** Comments and string contents dropped, so prose cannot trip the scan (as architecture.test.ts does). */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/`(?:\\.|[^`\\])*`/g, '``')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""');
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

/**
 * The calls of `callee` whose arguments spread something, as the argument text.
 * Example: spreadCalls('Math.max(0, ...xs.map(f))', 'Math.max') → ['0, ...xs.map(f)'].
 */
export function spreadCalls(code: string, callee: string): string[] {
  const out: string[] = [];
  for (let at = code.indexOf(callee + '('); at >= 0; at = code.indexOf(callee + '(', at + 1)) {
    let depth = 0;
    let end = at + callee.length;
    for (; end < code.length; end++) {
      if (code[end] === '(') depth++;
      else if (code[end] === ')' && --depth === 0) break;
    }
    const args = code.slice(at + callee.length + 1, end);
    if (topLevelArgs(args).some((x) => x.trimStart().startsWith('...'))) out.push(args);
  }
  return out;
}

/** An argument list split at its top-level commas. Example: topLevelArgs('a, [b, ...c], ...d') → ['a', ' [b, ...c]', ' ...d']. */
function topLevelArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(args.slice(from, i));
      from = i + 1;
    }
  }
  out.push(args.slice(from));
  return out;
}

const sources = files(SRC).map((p) => ({ file: relative(SRC, p).replaceAll('\\', '/'), code: codeOnly(readFileSync(p, 'utf8')) }));

describe('no unbounded spreads into calls', () => {
  it('the scan finds the spreads it looks for (and only those)', () => {
    expect(spreadCalls('const m = Math.max(...rows.map((r) => r.width), 0);', 'Math.max')).toEqual(['...rows.map((r) => r.width), 0']);
    expect(spreadCalls('Math.min(a, b) + Math.min(1, ...xs)', 'Math.min')).toEqual(['1, ...xs']);
    expect(spreadCalls('Math.max(a.length, [...b].length)', 'Math.max')).toEqual([]);
    expect(spreadCalls('out.push(...more)', '.push')).toEqual(['...more']);
    expect(spreadCalls('out.push({ ...a, b }, [x, ...y])', '.push')).toEqual([]);
  });

  it('src never spreads into Math.max or Math.min, nor calls them through apply', () => {
    const found = sources.flatMap(({ file, code }) => [
      ...spreadCalls(code, 'Math.max').map((a) => `${file}: Math.max(${a})`),
      ...spreadCalls(code, 'Math.min').map((a) => `${file}: Math.min(${a})`),
      ...(/Math\.(max|min)\.apply\b/.test(code) ? [`${file}: Math.max/min.apply`] : []),
    ]);
    expect(found).toEqual([]);
  });

  it('spreads into push, unshift, String.fromCharCode and String.fromCodePoint only where the array is small', () => {
    const found = sources.flatMap(({ file, code }) =>
      ['.push', '.unshift', 'String.fromCharCode', 'String.fromCodePoint']
        .flatMap((callee) => spreadCalls(code, callee).map((a) => `${file}: ${callee}(${a})`))
        .filter((hit) => !(hit.includes('.push(') && Object.hasOwn(BOUNDED_PUSH, file))));
    expect(found).toEqual([]);
  });
});

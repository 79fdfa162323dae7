/**
 * Bounded work in conditions (issue 14 item 3): string builtins are linear in their input, and
 * nothing a condition builds may exceed expr-lang's memory budget of 1 M (a repeat of a repeat).
 */
import { describe, expect, it } from 'vitest';
import { compileCondition, formatValue, goTypeName, resultTypeOf, runProgram, type ExprValue } from '../../src/analysis/expr/index.js';

function run(condition: string, result: ExprValue = null): string {
  const compiled = compileCondition(condition, resultTypeOf(result));
  if (!compiled.ok) return `compile: ${compiled.error}`;
  const ran = runProgram(compiled.program, result);
  return ran.ok ? `${goTypeName(ran.value)} ${formatValue(ran.value)}` : `run: ${ran.error}`;
}

describe('expr builtins: bounded work', () => {
  it('split and splitAfter of a 1 M-character string walk it once (an empty separator too)', () => {
    expect(run('len(split(repeat("a,", 500000), ","))')).toBe('int 500001');
    expect(run('len(splitAfter(repeat("ab", 500000), "b"))')).toBe('int 500001');
    expect(run('len(split(repeat("a", 1000000), ""))')).toBe('int 1000000');
    expect(run('split("a,b,c", ",", 2)')).toBe('[]string [a b,c]');
    expect(run('split("abc", "", 2)')).toBe('[]string [a bc]');
  });
  it('repeat: at most 1 M characters built, however it is nested', () => {
    expect(run('len(repeat("ab", 500000))')).toBe('int 1000000');
    expect(run('len(repeat("ab", 500001))')).toMatch(/^run: memory budget exceeded/);
    expect(run('len(repeat(repeat("a", 1000000), 1000))')).toMatch(/^run: memory budget exceeded/);
  });
});

/**
 * Go's regexp (src/go/regexp.ts, re2js): RE2 syntax accepted and refused with Go's words, each pattern
 * compiled once, linear-time matching. Two properties: random patterns from a small grammar match the
 * same probe values as a live Prometheus 2.42 (Go's own RE2; skipped when `prometheus` is not on PATH),
 * and, always, the same strings as JavaScript's RegExp on the grammar where the two agree by definition.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { angleGroupAt, compileGoRegexp } from '../../src/go/index.js';
import { evaluateInstant } from '../../src/promql/index.js';
import { compileAnchored } from '../../src/promql/regex.js';
import { T0, available, startPrometheus } from '../promql/prom-harness.js';
import type { LivePrometheus } from '../promql/prom-harness.js';

const re = (p: string) => {
  const c = compileGoRegexp(p);
  if (!c.ok) throw new Error(c.error);
  return c.re;
};

describe('RE2 syntax, as Go accepts and refuses it', () => {
  it.each([
    ['(?i)INTERNAL', 'x-internal-y', true],
    ['(?i)INTERNAL', 'extern', false],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['(?U)a+', 'aaa', true],
    ['\\Aab\\z', 'ab', true],
    ['\\Aab\\z', 'ab\n', false],
    ['[[:alpha:]]+', '1x', true],
    ['\\pL', 'é', true],
    ['\\Qa.b\\E', 'aXb', false],
    ['(?P<n>a)b', 'ab', true],
  ])('%s on %j ⇒ %s (unanchored, as MatchString)', (pattern, input, want) => {
    expect(re(pattern).test(input)).toBe(want);
  });

  it.each([
    ['(?=a)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['a(?!b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?!`'],
    ['(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
    ['5(..', 'error parsing regexp: missing closing ): `5(..`'],
    ['a**', 'error parsing regexp: invalid nested repetition operator: `**`'],
    ['[z-a]', 'error parsing regexp: invalid character class range: `z-a`'],
    ['a{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
    ['a\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
  ])('refuses %s: %s', (pattern, error) => {
    expect(compileGoRegexp(pattern)).toEqual({ ok: false, error });
  });

  it('Go 1.19 (Prometheus 2.42) refuses (?<name>…), newer Go (Argo, expr) accepts it', () => {
    expect(compileGoRegexp('(?<n>a)', { go119: true })).toEqual({ ok: false, error: 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`' });
    expect(re('(?<n>a)').exec('a')?.groups).toEqual(Object.assign(Object.create(null), { n: 'a' }));
    expect([angleGroupAt('x(?<n>a)'), angleGroupAt('[(?<]'), angleGroupAt('\\(?<'), angleGroupAt('\\Q(?<\\E'), angleGroupAt('(?P<n>a)')]).toEqual([1, -1, -1, -1, -1]);
  });

  it('submatches as FindStringSubmatch, shaped like RegExp#exec', () => {
    const m = re('^(?:agent-[0-9a-f]+-(.*)(x)?)$').exec('agent-7d9f8-abc12');
    expect([...(m ?? [])]).toEqual(['agent-7d9f8-abc12', 'abc12', undefined]);
    expect(re('b').exec('abc')?.index).toBe(1);
    expect(re('z').exec('abc')).toBeNull();
  });

  it('compiles each pattern once: the same object for the same pattern and options', () => {
    expect(compileGoRegexp('x+y')).toBe(compileGoRegexp('x+y'));
    expect(compileGoRegexp('x+y', { go119: true })).not.toBe(compileGoRegexp('x+y'));
    expect(compileAnchored('5..')).toBe(compileAnchored('5..'));
  });

  it('matches hostile patterns in linear time: exponential for a backtracking engine, an answer here', () => {
    const long = `${'a'.repeat(5000)}!`;
    expect(re('^(a+)+$').test(long)).toBe(false);
    expect(re('(a|aa)*b').test(long)).toBe(false);
    expect(re('(a+)+!').test(long)).toBe(true);
    const anchored = compileAnchored('(a+)+b');
    expect(anchored.ok && [anchored.re.test('a'.repeat(30)), anchored.re.test(`${'a'.repeat(30)}b`)]).toEqual([false, true]);
  });
});

/** Patterns from a small RE2 grammar (literals, classes, groups, repetition, flags), sometimes invalid. */
const atom = fc.constantFrom('a', 'b', 'A', '5', '.', '\\.', 'é', '-', '\\n', '[a-c]', '[^a]', '\\d', '\\w', '\\s', '[[:alpha:]]', '\\pL', 'x', '\\]', '\\{');
const pattern: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof({ depthSize: 'small' },
    atom,
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => a + b),
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => `${a}|${b}`),
    fc.tuple(tie('p'), fc.constantFrom('*', '+', '?', '{1,2}', '{2}', '*?', '+?')).map(([a, op]) => `(?:${a})${op}`),
    tie('p').map((a) => `(${a})`),
    tie('p').map((a) => `(?i:${a})`),
    tie('p').map((a) => `(?i)${a}`),
    tie('p').map((a) => `(?s)${a}`),
    fc.constantFrom('(?=a)', '(a)\\1', '(?<n>a)', 'a**', '[z-a]', '(', 'x{1001}'),
  ),
})).p;

describe('random patterns match what Go RE2 matches', () => {
  let prom: LivePrometheus | null = null;
  afterAll(() => prom?.stop());

  it.skipIf(!available)('the same re_probe values (or the same error) as a live Prometheus 2.42, =~ and !~', async () => {
    prom = await startPrometheus();
    const failures: string[] = [];
    const patterns = fc.sample(pattern, { numRuns: 300, seed: 14 });
    let [matched, errors] = [0, 0];
    for (const p of patterns) {
      for (const op of ['=~', '!~']) {
        const q = `re_probe{v${op}${JSON.stringify(p)}}`;
        const res = await prom.query(q, T0 + 600_000);
        const ours = evaluateInstant(prom.reloaded, q, T0 + 600_000);
        const want = res.status === 'success' ? JSON.stringify((res.data.result as Array<{ metric: { i: string } }>).map((s) => s.metric.i).sort()) : res.error;
        const got = ours.ok ? JSON.stringify((ours.data.result as Array<{ metric: Record<string, string> }>).map((s) => s.metric.i).sort()) : ours.error;
        if (res.status !== 'success') errors++;
        else if (op === '=~' && want !== '[]') matched++;
        if (want !== got) failures.push(`${q}: prometheus ${want}, ours ${got}`);
      }
    }
    console.log(`re2: ${2 * patterns.length - failures.length}/${2 * patterns.length} agree with Prometheus 2.42 (${matched} patterns matched something, ${errors} errors)`);
    expect(failures.slice(0, 10).join('\n'), `${failures.length} differ`).toBe('');
    expect(matched).toBeGreaterThan(50);
  }, 120_000);

  // Where both are defined the same (no flags, no POSIX classes, ASCII): re2js and RegExp answer alike.
  it('the same strings as JavaScript RegExp on the grammar both define alike, anchored and not', () => {
    const simpleAtom = fc.constantFrom('a', 'b', '.', '[a-c]', '[^a]', '\\d', 'x', '-');
    const simple: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
      p: fc.oneof({ depthSize: 'small' },
        simpleAtom,
        fc.tuple(tie('p'), tie('p')).map(([a, b]) => a + b),
        fc.tuple(tie('p'), tie('p')).map(([a, b]) => `${a}|${b}`),
        fc.tuple(tie('p'), fc.constantFrom('*', '+', '?', '{1,2}')).map(([a, op]) => `(?:${a})${op}`),
        tie('p').map((a) => `(${a})`),
      ),
    })).p;
    fc.assert(fc.property(simple, fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x', '1', '-', '\n'), maxLength: 8 }), (p, s) => {
      expect(re(p).test(s)).toBe(new RegExp(p).test(s));
      const anchored = compileAnchored(p);
      expect(anchored.ok && anchored.re.test(s)).toBe(new RegExp(`^(?:${p})$`).test(s));
    }), { numRuns: 2000, seed: 14 });
  });
});

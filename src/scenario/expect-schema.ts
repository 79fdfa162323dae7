/**
 * The schema of a Scenario's `expect:` block (model/expect.ts): Summary fields with the value they
 * must have, numbers as comparisons written the way a person reads them (`"<= 1%"`, `"< 10m"`).
 */
import { EXPECT_FIELDS, type Bound, type BoundOp } from '../model/expect.js';
import { parseGoDuration } from '../model/time.js';
import { bool, bad, describe, enumOf, int, ok, str } from './scalars.js';
import { arr, dflt, obj, opt, refine, req, scalar, type Parsed, type ScalarSchema, type Schema } from './schema.js';

const OPS: readonly BoundOp[] = ['<=', '>=', '==', '<', '>'];
const OUTCOMES = ['promoted', 'aborted', 'incomplete'] as const;

/**
 * A comparison with a value of one kind; a bare value means `==`.
 * Example: bound('percent').parse('<= 1%', …) → {op: '<=', value: 0.01, text: '<= 1%'};
 * bound('duration').parse('< 10m', …) → {op: '<', value: 600000, text: '< 10m'}; bound('count').parse(0, …) → {op: '==', value: 0, text: '== 0'}.
 */
export function bound(kind: 'percent' | 'duration' | 'count', description: string): ScalarSchema<Bound> {
  const example = { percent: '"<= 1%"', duration: '"<= 10m"', count: '"<= 100"' }[kind];
  return scalar<Bound>(
    (v) => {
      const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
      if (text === undefined) return bad(`expected a comparison such as ${example}, got ${describe(v)}`);
      const op = OPS.find((o) => text.startsWith(o));
      const rest = (op === undefined ? text : text.slice(op.length)).trim();
      const value = parseValue(kind, rest);
      if (!value.ok) return bad(`"${text}": ${value.message}`, `write a comparison such as ${example}`);
      return ok({ op: op ?? '==', value: value.value, text: `${op ?? '=='} ${rest}` });
    },
    { type: ['string', 'number'], pattern: `^(<=|>=|==|<|>)?\\s*\\S+$` },
    { description, examples: [JSON.parse(example) as string] },
  );
}

function parseValue(kind: 'percent' | 'duration' | 'count', s: string): Parsed<number> {
  if (kind === 'duration') {
    const ms = parseGoDuration(s);
    return ms === undefined || ms < 0 ? bad(`"${s}" is not a duration`) : ok(ms);
  }
  if (kind === 'percent') {
    const m = /^(\d+(\.\d*)?|\.\d+)\s*%$/.exec(s);
    if (m !== null) return ok(Number(m[1]) / 100);
    const x = Number(s);
    return s !== '' && Number.isFinite(x) && x >= 0 && x <= 1 ? ok(x) : bad(`"${s}" is not a percentage such as 1% or a fraction such as 0.01`);
  }
  return /^\d+$/.test(s) ? ok(Number(s)) : bad(`"${s}" is not a whole number`);
}

/** The Summary fields an expectation may name, as written: shared by `expect:` and `expect.whenRegressed`. */
const checks = {
  outcome: opt(enumOf(OUTCOMES), { description: 'The rollout ends promoted, aborted or incomplete.' }),
  caught: opt(bool({ description: 'Aborted while a regression was in effect, where the healthy twin went on.' })),
  falseRollback: opt(bool({ description: 'Aborted and not caught.' })),
  regressionInEffect: opt(bool({ description: 'A regression touched the release before the outcome.' })),
  harmedShare: opt(bound('percent', 'Share of completed requests the release harmed.')),
  harmedRequests: opt(bound('count', 'Requests the release harmed.')),
  detectedAfter: opt(bound('duration', 'From the update start to the abort that caught the regression (not caught fails).')),
  abortedAfter: opt(bound('duration', 'From the update start to the abort (not aborted fails).')),
  promotedAfter: opt(bound('duration', 'From the update start to the promotion (not promoted fails).')),
};

const namesNothing = (e: object): boolean => !Object.keys(EXPECT_FIELDS).some((k) => (e as Record<string, unknown>)[k] !== undefined);

/**
 * The `expect:` schema, given the schema of a regression (scenario-schema.ts's, passed in rather
 * than imported: that module imports this one). `whenRegressed` grades the same seeds once more
 * with the release's regressions replaced by its own, so an expectation of a healthy release
 * ("promoted, no false rollback") cannot be met by deleting the analysis that should also catch a
 * bad one.
 * Example: {outcome: promoted, whenRegressed: {regressions: [{metric: errorRate, to: 20%}], caught: true}}.
 */
export function expectSchema<R>(regression: Schema<R>) {
  const whenRegressed = refine(
    obj(
      {
        regressions: req(arr(regression, { minItems: 1 }), { description: 'The regressions the release has in this grading, in place of spec.release.regressions.' }),
        ...checks,
      },
      { description: 'The same seeds graded again with these regressions injected into the release: e.g. that a guard added for a healthy release still catches a bad one.' },
    ),
    (e, report) => {
      if (namesNothing(e)) report('', 'whenRegressed: names nothing to check', `add one of ${Object.keys(EXPECT_FIELDS).join(', ')} (e.g. caught: true)`);
    },
  );
  return refine(
    obj(
      {
        seeds: dflt(int({ min: 1, max: 100 }), 1, { description: 'How many seeds to grade: spec.seed and the ones after it (at most 100).' }),
        atLeast: opt(int({ min: 1, max: 100 }), { description: 'In how many of those seeds every expectation must hold (default: all of them).' }),
        rollout: opt(str({ nonEmpty: true }), { description: 'Whose Summary is graded (default: the Rollout `run` picks).' }),
        ...checks,
        whenRegressed: opt(whenRegressed),
      },
      { description: 'What the run must show, graded by `simulate check` and `simulate run --expect` (exit 3 when not met).' },
    ),
    (e, report) => {
      if (e.atLeast !== undefined && e.atLeast > e.seeds) report('atLeast', `atLeast ${e.atLeast} is more than the ${e.seeds} seeds graded`, `raise seeds to at least ${e.atLeast}, or lower atLeast`);
      if (namesNothing(e) && e.whenRegressed === undefined) {
        report('', 'expect: names nothing to check', `add one of ${Object.keys(EXPECT_FIELDS).join(', ')}`);
      }
    },
  );
}

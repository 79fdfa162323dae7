import { describe, expect, it } from 'vitest';
import { duration, goDuration, pauseDuration } from '../../src/scenario/durations.js';
import { bool, describe as describeValue, enumOf, intOrPercent, intOrString, percent } from '../../src/scenario/scalars.js';
import type { ScalarSchema } from '../../src/scenario/schema.js';

const parse = <T>(s: ScalarSchema<T>, v: unknown) => s.parse(v, String(v));
const value = <T>(s: ScalarSchema<T>, v: unknown): T => {
  const r = parse(s, v);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('Scenario durations (Go forms, milliseconds)', () => {
  it('parses Go durations', () => {
    expect(value(duration(), '30s')).toBe(30_000);
    expect(value(duration(), '1h30m')).toBe(5_400_000);
    expect(value(duration(), '250ms')).toBe(250);
    expect(value(duration(), '1.5s')).toBe(1500);
    expect(value(duration(), 0)).toBe(0);
    expect(value(duration(), '0')).toBe(0);
  });
  it('explains what is wrong', () => {
    expect(parse(duration(), 30)).toEqual({ ok: false, message: 'a duration needs a unit, got the number 30', suggestion: 'add a unit: "30s" or "30ms"' });
    expect(parse(duration(), '1d')).toEqual({ ok: false, message: '"1d" is not a duration', suggestion: 'Go durations have no day unit: write 24h' });
    expect(parse(duration(), '-1s')).toEqual({ ok: false, message: 'a duration must not be negative, got "-1s"' });
    expect(parse(duration({ positive: true }), '0s')).toEqual({ ok: false, message: 'must be greater than 0, got "0s"' });
    expect(parse(duration({ minMs: 1000 }), '500ms')).toEqual({ ok: false, message: 'must be at least 1s, got "500ms"' });
    expect(parse(duration(), true)).toEqual({ ok: false, message: 'expected a duration such as "30s", got the boolean true' });
  });
});

describe("Argo's metric durations (interval, initialDelay)", () => {
  it('needs a unit: a bare number is invalid in Argo', () => {
    expect(value(goDuration(), '5m')).toBe(300_000);
    expect(value(goDuration(), '0')).toBe(0);
    expect(parse(goDuration(), '30')).toEqual({ ok: false, message: '"30" is not a Go duration (Argo requires a unit here)', suggestion: 'add a unit: "30s" or "30ms"' });
    expect(parse(goDuration(), 30)).toEqual({ ok: false, message: '"30" is not a Go duration (Argo requires a unit here)', suggestion: 'add a unit: "30s" or "30ms"' });
  });
});

describe("Argo's pause.duration (§1.5)", () => {
  it('takes integer seconds, digit strings and Go durations, truncated to whole seconds', () => {
    expect(value(pauseDuration(), 30)).toBe(30_000);
    expect(value(pauseDuration(), '30')).toBe(30_000);
    expect(value(pauseDuration(), '1h')).toBe(3_600_000);
    expect(value(pauseDuration(), '1h30m')).toBe(5_400_000);
    expect(parse(pauseDuration(), '1500ms')).toEqual({ ok: true, value: 1000, note: '"1500ms" is truncated to 1s, as Argo does' });
    expect(parse(pauseDuration(), '500ms')).toEqual({ ok: true, value: 0, note: '"500ms" is truncated to 0s, as Argo does' });
    expect(value(pauseDuration(), 0)).toBe(0);
  });
  it('refuses negative or unparseable values with Argo\'s message', () => {
    const hint = 'write seconds (30) or a Go duration ("30s", "5m", "1h")';
    expect(parse(pauseDuration(), '1d')).toEqual({ ok: false, message: 'Duration needs to be greater than 0 (not a duration: the string "1d")', suggestion: hint });
    expect(parse(pauseDuration(), -5)).toEqual({ ok: false, message: 'Duration needs to be greater than 0 (negative: the number -5)', suggestion: hint });
    expect(parse(pauseDuration(), '-10s')).toEqual({ ok: false, message: 'Duration needs to be greater than 0 (negative: the string "-10s")', suggestion: hint });
    expect(parse(pauseDuration(), 1.5)).toEqual({ ok: false, message: 'Duration needs to be greater than 0 (not whole seconds: the number 1.5)', suggestion: hint });
  });
});

describe('percentages', () => {
  it('accept 6% or 0.06', () => {
    expect(value(percent(), '6%')).toBe(0.06);
    expect(value(percent(), 0.06)).toBe(0.06);
    expect(value(percent(), '0.5%')).toBe(0.005);
    expect(value(percent(), '100%')).toBe(1);
    expect(value(percent({ signed: true }), '-15%')).toBe(-0.15);
  });
  it('refuse values outside [0, 1] and suggest the percent form', () => {
    expect(parse(percent(), 6)).toEqual({ ok: false, message: '6 is outside [0%, 100%]', suggestion: 'did you mean "6%"?' });
    expect(parse(percent(), '120%')).toEqual({ ok: false, message: '"120%" is outside [0%, 100%]' });
    expect(parse(percent(), '-1%')).toEqual({ ok: false, message: '"-1%" is outside [0%, 100%]' });
    expect(parse(percent(), 'six')).toEqual({ ok: false, message: 'expected a percentage such as "6%" or a fraction such as 0.06, got the string "six"' });
  });
});

describe('int-or-string', () => {
  it("maxSurge/maxUnavailable: Argo reads any string as a percentage; Kubernetes needs the %", () => {
    expect(value(intOrPercent(), 1)).toBe(1);
    expect(value(intOrPercent(), '25%')).toBe('25%');
    expect(value(intOrPercent(), '25')).toBe('25%');
    expect(parse(intOrPercent({ k8sStyle: true }), '25')).toEqual({ ok: false, message: '"25" is not a pod count or a percentage', suggestion: 'write "25%" or the integer 25' });
    expect(parse(intOrPercent(), -1)).toEqual({ ok: false, message: 'expected a non-negative integer or a percentage, got the number -1' });
  });
  it('counters accept "3" and refuse argument placeholders', () => {
    expect(value(intOrString(), '3')).toBe(3);
    expect(value(intOrString({ min: -1 }), -1)).toBe(-1);
    expect(parse(intOrString({ min: -1 }), -2)).toEqual({ ok: false, message: 'must be at least -1, got -2' });
    expect(parse(intOrString(), '{{args.count}}')).toEqual({ ok: false, message: 'argument placeholders in counters ("{{args.count}}") are not simulated', suggestion: 'write the number itself' });
  });
});

describe('booleans', () => {
  it('explain YAML 1.1 spellings', () => {
    expect(parse(bool(), 'no')).toEqual({ ok: false, message: 'expected true or false, got the string "no"', suggestion: 'write true or false (YAML 1.2 reads no as a string)' });
    expect(value(bool(), false)).toBe(false);
  });
});

describe('enums and value descriptions', () => {
  it('suggests the close value', () => {
    expect(parse(enumOf(['promote', 'abort']), 'promte')).toEqual({ ok: false, message: 'expected one of "promote", "abort", got the string "promte"', suggestion: 'did you mean "promote"?' });
  });
  it('names values by type', () => {
    expect(describeValue('5')).toBe('the string "5"');
    expect(describeValue(5)).toBe('the number 5');
    expect(describeValue(null)).toBe('nothing');
  });
});

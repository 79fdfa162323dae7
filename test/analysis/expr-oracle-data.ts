/**
 * Loads the expr oracle (real outputs of expr-lang/expr v1.17.8 in Argo's `EvalCondition` env)
 * from ../shared/oracles/expr and converts its JSON encoding (NaN/±Inf as strings, Go types named
 * separately) to and from ExprValues. A missing oracle folder is an error, never a skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GoInt, GoSlice, float64Vector, fromJson, goInt } from '../../src/analysis/expr/index.js';
import type { ExprValue } from '../../src/analysis/expr/index.js';
import { ORACLES } from '../helpers/oracles.js';

/** The vendored copy of the expr oracle (test/oracles/README.md says where it comes from). */
export const ORACLE_DIR = path.join(ORACLES, 'expr');

export interface OracleCase {
  readonly id: string;
  readonly group: string;
  readonly condition: string;
  readonly resultType: string;
  readonly resultGoType: string;
  readonly result: unknown;
  readonly value?: unknown;
  readonly valueType?: string;
  readonly valueGoType?: string;
  readonly error?: string;
  readonly errorStage?: 'compile' | 'run';
  readonly argo: { readonly ok?: boolean; readonly error?: string };
}

export interface OraclePhase {
  readonly id: string;
  readonly group: string;
  readonly successCondition: string;
  readonly failureCondition: string;
  readonly resultType: string;
  readonly result: unknown;
  readonly phase: string;
  readonly message?: string;
}

export function loadJsonl<T>(file: string): T[] {
  const full = path.join(ORACLE_DIR, file);
  if (!existsSync(full)) {
    throw new Error(`expr oracle file not found at ${full}: the condition language cannot be verified without it`);
  }
  return readFileSync(full, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** An oracle float: a JSON number, or "NaN" / "+Inf" / "-Inf". */
export function decodeFloat(v: unknown): number {
  if (v === 'NaN') return NaN;
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  if (typeof v !== 'number') throw new Error(`not an oracle float: ${JSON.stringify(v)}`);
  return v;
}

/** Builds the Go value Argo would pass as `result`, from the oracle's `resultType` + `result`. */
export function decodeResult(resultType: string, result: unknown): ExprValue {
  switch (resultType) {
    case 'float64':
      return decodeFloat(result);
    case '[]float64':
      return float64Vector((result as unknown[]).map(decodeFloat));
    case 'int':
      return goInt(result as number);
    case 'int64':
      return goInt(result as number, 'int64');
    case 'string':
    case 'bool':
      return result as string | boolean;
    case 'nil':
      return null;
    case 'json':
      return fromJson(result);
    default:
      throw new Error(`unknown oracle resultType ${resultType}`);
  }
}

/** Encodes a value the way the oracle writes `value` (floats as numbers or NaN/±Inf strings). */
export function encodeValue(v: ExprValue): unknown {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return '+Inf';
    if (v === -Infinity) return '-Inf';
    return v;
  }
  if (v instanceof GoInt) return Number(v.value);
  if (v instanceof GoSlice) return v.items.map(encodeValue);
  if (Array.isArray(v)) return (v as readonly ExprValue[]).map(encodeValue);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encodeValue(x as ExprValue)]));
  }
  return v;
}

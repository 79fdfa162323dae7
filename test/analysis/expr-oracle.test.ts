/**
 * Every line of the expr oracle must be reproduced exactly: the value and its Go type, or the
 * error text and the stage (compile vs run), plus what Argo's `EvalCondition` makes of it.
 */
import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  evalCondition,
  goTypeName,
  resultTypeOf,
  runProgram,
} from '../../src/analysis/expr/index.js';
import { decodeResult, encodeValue, loadJsonl } from './expr-oracle-data.js';
import type { OracleCase } from './expr-oracle-data.js';

const cases = loadJsonl<OracleCase>('cases.jsonl');

describe('expr oracle: cases.jsonl', () => {
  it('has all 249 cases', () => {
    expect(cases).toHaveLength(249);
  });

  it.each(cases.map((c) => [`${c.id} ${c.condition} | ${c.resultType} ${JSON.stringify(c.result)}`, c] as const))(
    '%s',
    (_name, c) => {
      const result = decodeResult(c.resultType, c.result);
      expect(goTypeName(result)).toBe(c.resultGoType);

      const compiled = compileCondition(c.condition, resultTypeOf(result));
      if (c.errorStage === 'compile') {
        expect(compiled).toEqual({ ok: false, error: c.error });
      } else {
        if (!compiled.ok) throw new Error(`unexpected compile error: ${compiled.error}`);
        const ran = runProgram(compiled.program, result);
        if (c.errorStage === 'run') {
          expect(ran).toEqual({ ok: false, error: c.error });
        } else {
          if (!ran.ok) throw new Error(`unexpected run error: ${ran.error}`);
          expect(encodeValue(ran.value)).toEqual(c.value);
          expect(goTypeName(ran.value)).toBe(c.valueGoType);
        }
      }

      const argo = c.argo.error !== undefined ? { error: c.argo.error } : { ok: c.argo.ok };
      expect(evalCondition(c.condition, result)).toEqual(argo);
    },
  );
});

/**
 * Errors of parsing and evaluation. A ParseError carries the query offset where Prometheus would report
 * it; an EvalError is a run-time ("execution") error such as many-to-many matching.
 */
import { utf8Length } from '../go/index.js';

export class ParseError {
  constructor(
    readonly pos: number,
    readonly msg: string,
    /**
     * A syntax error (not a semantic one): 'lexical', or where unexpectedAt found it and the context it
     * was given, so an operand parsed apart (parse.ts) can describe it again with the whole query's
     * tokens (`unexpected <op:+> in aggregation`, not `unexpected end of input`).
     */
    readonly syntax?: { readonly at: number; readonly fallback: string } | 'lexical',
  ) {}
}

export class EvalError {
  constructor(readonly msg: string) {}
}

/** Prometheus' ParseErr.Error(): `line:col: parse error: msg` (col counted from the last newline). */
export function formatParseError(query: string, e: ParseError): string {
  const before = query.slice(0, e.pos);
  const line = before.split('\n').length;
  const lastNl = before.lastIndexOf('\n');
  return `${line}:${utf8Length(before.slice(lastNl + 1)) + 1}: parse error: ${e.msg}`;
}

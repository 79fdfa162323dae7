/**
 * Errors of parsing and evaluation. A ParseError carries the query offset where Prometheus would report
 * it; an EvalError is a run-time ("execution") error such as many-to-many matching.
 */
export class ParseError {
  constructor(
    readonly pos: number,
    readonly msg: string,
  ) {}
}

export class EvalError {
  constructor(readonly msg: string) {}
}

/** Byte length of `s` in UTF-8 (Prometheus positions are byte offsets). `utf8Length('é')` ⇒ 2. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Prometheus' ParseErr.Error(): `line:col: parse error: msg` (col counted from the last newline). */
export function formatParseError(query: string, e: ParseError): string {
  const before = query.slice(0, e.pos);
  const line = before.split('\n').length;
  const lastNl = before.lastIndexOf('\n');
  return `${line}:${utf8Length(before.slice(lastNl + 1)) + 1}: parse error: ${e.msg}`;
}

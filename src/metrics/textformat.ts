/**
 * Shared pieces of the Prometheus text formats: float output, label-block parsing and escaping (floats
 * are read with src/go's `parseGoFloatLenient`).
 */
import { goFloatSpecial } from '../go/format-float.js'; // not the index: on the start-up path
import type { Labels } from './labels.js';
import { emptyLabels, normalizeLabels } from './labels.js';

/**
 * Formats a float for the text formats so Go's ParseFloat reads it back exactly: Go's spelling of NaN
 * and the infinities, `-0` for negative zero, else JavaScript's shortest form (not Go's 'g' layout:
 * 123456789 stays '123456789' and 1e-7 is '1e-7', where Go would print '1.23456789e+08' and '1e-07').
 *  `formatTextFloat(Infinity)` ⇒ '+Inf', `formatTextFloat(0.1)` ⇒ '0.1'. */
export function formatTextFloat(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return goFloatSpecial(v) ?? String(v);
}

/** Escapes a label value for the text formats: backslash, double quote and newline. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export interface ParsedSeriesLine {
  readonly labels: Labels;
  /** Index just past the closing brace (or the name when there is no brace). */
  readonly end: number;
}

/**
 * Parses `name{a="1",b="2"}` or `{__name__="x", a="1"}` at the start of `line`.
 * Returns an error string on malformed input.
 * `parseSeriesPrefix('up{job="a"} 1')` ⇒ `{labels: {__name__: 'up', job: 'a'}, end: 11}`.
 */
export function parseSeriesPrefix(line: string): ParsedSeriesLine | string {
  let i = 0;
  const pairs = emptyLabels();
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (nameMatch) {
    pairs['__name__'] = nameMatch[0];
    i = nameMatch[0].length;
  }
  if (line[i] !== '{') {
    if (!nameMatch) return 'expected a metric name or "{"';
    return { labels: normalizeLabels(pairs), end: i };
  }
  i++;
  for (;;) {
    while (line[i] === ' ') i++;
    if (line[i] === '}') {
      i++;
      break;
    }
    const ln = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i));
    if (!ln) return `invalid label name at column ${i + 1}`;
    const name = ln[0];
    i += name.length;
    if (line[i] !== '=' || line[i + 1] !== '"') return `expected '="' after label ${name}`;
    i += 2;
    let value = '';
    for (;;) {
      const c = line[i];
      if (c === undefined) return `unterminated label value for ${name}`;
      if (c === '"') break;
      if (c === '\\') {
        const e = line[i + 1];
        if (e === 'n') value += '\n';
        else if (e === '\\' || e === '"') value += e;
        else return `invalid escape \\${e ?? ''} in label value`;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++;
    if (name in pairs) return `duplicate label ${name}`;
    pairs[name] = value;
    while (line[i] === ' ') i++;
    if (line[i] === ',') i++;
    else if (line[i] !== '}') return `expected "," or "}" at column ${i + 1}`;
  }
  if (!pairs['__name__']) return 'series without a metric name';
  return { labels: normalizeLabels(pairs), end: i };
}

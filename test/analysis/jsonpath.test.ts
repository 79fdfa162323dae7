/**
 * The k8s.io/client-go/util/jsonpath subset the web provider reads responses with
 * (client-go util/jsonpath/jsonpath.go: evalField "%s is not found", evalArray bounds errors,
 * evalFilter; Argo takes the first value found: webmetric.go:155-163).
 */
import { describe, expect, it } from 'vitest';
import { findFirst, parseJsonPath } from '../../src/analysis/jsonpath.js';

const find = (path: string, data: unknown) => {
  const p = parseJsonPath(path);
  if (!p.ok) return p;
  return findFirst(p.template, data);
};

const DOC = { data: { ok: true, items: [{ name: 'a', v: 1 }, { name: 'b', v: 2.5 }, { name: 'c', v: null }] }, message: 'It worked!' };

describe('jsonPath as Argo\'s web provider reads it', () => {
  it('fields, $ and bracketed names', () => {
    expect(find('{$.data.ok}', DOC)).toEqual({ ok: true, value: true });
    expect(find('{.message}', DOC)).toEqual({ ok: true, value: 'It worked!' });
    expect(find("{$['data']['ok']}", DOC)).toEqual({ ok: true, value: true });
    expect(find('{$}', { a: 1 })).toEqual({ ok: true, value: { a: 1 } });
  });

  it('indexes, negative indexes, slices, wildcards: the first value found', () => {
    expect(find('{$.data.items[1].v}', DOC)).toEqual({ ok: true, value: 2.5 });
    expect(find('{$.data.items[-1].name}', DOC)).toEqual({ ok: true, value: 'c' });
    expect(find('{$.data.items[1:].name}', DOC)).toEqual({ ok: true, value: 'b' });
    expect(find('{$.data.items[*].name}', DOC)).toEqual({ ok: true, value: 'a' });
  });

  it('filters compare a JSON number (float64) with a float literal; an int literal is a type error, as in Go templates', () => {
    expect(find('{$.data.items[?(@.name=="b")].v}', DOC)).toEqual({ ok: true, value: 2.5 });
    const two = { items: [{ name: 'a', v: 1 }, { name: 'b', v: 2.5 }] };
    expect(find('{$.items[?(@.v>2.0)].name}', two)).toEqual({ ok: true, value: 'b' });
    expect(find('{$.items[?(@.v>2)].name}', two)).toEqual({ ok: false, error: 'incompatible types for comparison' });
    // A null field is a nil value to Go's comparison: an error, not a skipped item.
    expect(find('{$.data.items[?(@.v>2.0)].name}', DOC)).toEqual({ ok: false, error: 'invalid type for comparison' });
  });

  it('client-go\'s errors: a missing key, a non-array indexed, an index out of bounds; a null value is a value', () => {
    expect(find('{$.data.nope}', DOC)).toEqual({ ok: false, error: 'nope is not found' });
    expect(find('{$.message[0]}', DOC)).toEqual({ ok: false, error: 'string is not array or slice' });
    expect(find('{$.data.items[5]}', DOC)).toEqual({ ok: false, error: 'array index out of bounds: index 5, length 3' });
    expect(find('{$.data.items[2].v}', DOC)).toEqual({ ok: true, value: null });
    expect(find('{$.data.items[2].v.x}', DOC)).toEqual({ ok: false, error: 'x is not found' });
  });

  it('what is not implemented is refused by name', () => {
    expect(parseJsonPath('{..ok}')).toMatchObject({ ok: false, error: expect.stringContaining('recursive descent (..) is not supported') });
    expect(parseJsonPath('{$.a[0,1]}')).toMatchObject({ ok: false, error: expect.stringContaining('unions ([a,b]) are not supported') });
    expect(parseJsonPath('{range .items[*]}{.name}{end}')).toMatchObject({ ok: false });
  });
});

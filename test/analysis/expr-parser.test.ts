/**
 * Lexer and parser of the condition language: tokens as expr prints them, tree shapes
 * (precedence, associativity, chained comparisons, `not in`, pipes, predicates, postfix chains)
 * and expr's first-error messages.
 */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../src/analysis/expr/ast.js';
import { SyntaxError, tokenString, tokenize } from '../../src/analysis/expr/lexer.js';
import { parse } from '../../src/analysis/expr/parser.js';

/** A compact S-expression of a tree, e.g. `(+ 1 (* 2 3))`. */
function sexp(n: Node): string {
  switch (n.k) {
    case 'nil':
      return 'nil';
    case 'ident':
      return n.name;
    case 'int':
      return `${n.value}`;
    case 'float':
      return `${n.value}f`;
    case 'bool':
      return `${n.value}`;
    case 'string':
      return JSON.stringify(n.value);
    case 'const':
      return 'const';
    case 'unary':
      return `(${n.op} ${sexp(n.node)})`;
    case 'binary':
      return `(${n.op} ${sexp(n.left)} ${sexp(n.right)})`;
    case 'chain':
      return `(chain ${sexp(n.node)})`;
    case 'member':
      return `(${n.optional ? '?.' : '.'} ${sexp(n.node)} ${sexp(n.prop)})`;
    case 'slice':
      return `(slice ${sexp(n.node)} ${n.from ? sexp(n.from) : '_'} ${n.to ? sexp(n.to) : '_'})`;
    case 'call':
      return `(call ${[n.callee, ...n.args].map(sexp).join(' ')})`;
    case 'builtin':
      return `(${n.name}${n.args.map((a) => ` ${sexp(a)}`).join('')})`;
    case 'predicate':
      return `{${sexp(n.node)}}`;
    case 'pointer':
      return `#${n.name}`;
    case 'let':
      return `(let ${n.name} ${sexp(n.value)} ${sexp(n.expr)})`;
    case 'seq':
      return `(; ${n.nodes.map(sexp).join(' ')})`;
    case 'cond':
      return `(? ${sexp(n.cond)} ${sexp(n.a)} ${sexp(n.b)})`;
    case 'array':
      return `[${n.nodes.map(sexp).join(' ')}]`;
    case 'map':
      return `{${n.pairs.map((p) => `${sexp(p.key)}:${sexp(p.value)}`).join(' ')}}`;
  }
}

function parseError(source: string): string {
  try {
    parse(source);
  } catch (e) {
    if (e instanceof SyntaxError) return e.message;
    throw e;
  }
  throw new Error(`expected a syntax error for ${source}`);
}

describe('lexer', () => {
  it.each([
    ['result[0] < 0.01', 'Identifier("result") Bracket("[") Number("0") Bracket("]") Operator("<") Number("0.01") EOF'],
    ['a<<1', 'Identifier("a") Operator("<") Operator("<") Number("1") EOF'],
    ['1..3', 'Number("1") Operator("..") Number("3") EOF'],
    ['.5 + 1_000', 'Number(".5") Operator("+") Number("1_000") EOF'],
    ['x not in y', 'Identifier("x") Operator("not") Operator("in") Identifier("y") EOF'],
    ['not x', 'Operator("not") Identifier("x") EOF'],
    ['a ?? b?.c', 'Identifier("a") Operator("??") Identifier("b") Operator("?.") Identifier("c") EOF'],
    ['#index // comment', 'Operator("#") Identifier("index") EOF'],
    ['"a\\"b" `c\\d` \'e\'', 'String("a\\"b") String("c\\\\d") String("e") EOF'],
    ['x == y && z != w || !v', 'Identifier("x") Operator("==") Identifier("y") Operator("&&") Identifier("z") Operator("!=") Identifier("w") Operator("||") Operator("!") Identifier("v") EOF'],
    ['let $x = 1', 'Operator("let") Identifier("$x") Operator("=") Number("1") EOF'],
    ['a /* c */ ** b', 'Identifier("a") Operator("**") Identifier("b") EOF'],
  ])('%s', (source, tokens) => {
    expect(tokenize(source).map(tokenString).join(' ')).toBe(tokens);
  });

  it('decodes escapes in quoted strings but not in raw strings', () => {
    expect(tokenize('"\\u00e9\\x41\\101\\n"')[0]?.value).toBe('éAA\n');
    expect(tokenize('`\\n`')[0]?.value).toBe('\\n');
  });
});

describe('parser: tree shapes', () => {
  it.each([
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['2 ** 3 ** 2', '(** 2 (** 3 2))'],
    ['-2 ** 2', '(- (** 2 2))'],
    ['not a and b', '(and (not a) b)'],
    ['a || b && c', '(|| a (&& b c))'],
    ['a < b < c', '(&& (< a b) (< b c))'],
    ['a not in b', '(not (in a b))'],
    ['x in 1..3', '(in x (.. 1 3))'],
    ['a ?? b ?? c', '(?? (?? a b) c)'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['a ?: b', '(? a a b)'],
    ['result[0]', '(. result 0)'],
    ['result[-1]', '(. result (- 1))'],
    ['result[1:]', '(slice result 1 _)'],
    ['result[:2]', '(slice result _ 2)'],
    ['result?.a.b', '(chain (. (?. result "a") "b"))'],
    ['result?.[0]', '(chain (?. result 0))'],
    ['result.a.b()', '(call (. (. result "a") "b"))'],
    ['all(result, {# > 1})', '(all result {(> # 1)})'],
    ['all(result, # > 1)', '(all result {(> # 1)})'],
    ['filter(r, .x > 0)', '(filter r {(> (. # "x") 0)})'],
    ['count(result)', '(count result)'],
    ['reduce(r, #acc + #, 0)', '(reduce r {(+ #acc #)} 0)'],
    ['result | all(# < 1)', '(all result {(< # 1)})'],
    ['result | isNaN()', '(call isNaN result)'],
    ['len(result) == 0 || result[0] < 0.01', '(|| (== (len result) 0) (< (. result 0) 0.01f))'],
    ['let r = result[0]; r < 0.01', '(let r (. result 0) (< r 0.01f))'],
    ['if a { 1 } else { 2 }', '(? a 1 2)'],
    ['[1, 2,]', '[1 2]'],
    ['{a: 1, "b": 2, (c): 3}', '{"a":1 "b":2 c:3}'],
    ['a; b', '(; a b)'],
    ['0x1F + 0b11 + 0o7 + 1e3', '(+ (+ (+ 31 3) 7) 1000f)'],
    ['result.in', '(. result "in")'],
  ])('%s', (source, tree) => {
    expect(sexp(parse(source))).toBe(tree);
  });
});

describe('parser: errors (expr messages)', () => {
  it.each([
    ['', 'unexpected token EOF'],
    ['result <', 'unexpected token EOF'],
    ['result < 0.01 &&', 'unexpected token EOF'],
    ['result[0] << 1', 'unexpected token Operator("<")'],
    ['result = 0.01', 'unexpected token Operator("=")'],
    ['a not b', 'unexpected token Identifier("b")'],
    ['(1', 'unexpected token EOF'],
    ['result.', 'expected name'],
    ['all(result)', 'expected at least 2 arguments'],
    ['all(result, # > 1; true)', 'wrap predicate with brackets { and }'],
    ['a ?? b + 1', 'Operator (+) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.'],
    ['#', 'unexpected token Operator("#")'],
    ['@', "unrecognized character: U+0040 '@'"],
    ['"abc', 'literal not terminated'],
    ['"\\q"', 'invalid char escape'],
    ['1a', 'bad number syntax: "1a"'],
    ['0x', 'invalid hex literal: strconv.ParseInt: parsing "0x": invalid syntax'],
    ['99999999999999999999', 'invalid integer literal: strconv.ParseInt: parsing "99999999999999999999": value out of range'],
    ['1e999', 'invalid float literal: strconv.ParseFloat: parsing "1e999": value out of range'],
    ['/* open', 'unclosed comment'],
    ['{1 2}', 'unexpected token Number("2")'],
    ['{[1]: 2}', 'a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token Bracket("["))'],
  ])('%s', (source, message) => {
    expect(parseError(source)).toBe(message);
  });

  it('refuses trees beyond expr’s node budget', () => {
    expect(parseError(Array(10_001).fill('x').join(';'))).toBe('compilation failed: expression exceeds maximum allowed nodes');
  });
});

/**
 * The parser's calls, predicates, array and map literals, and postfix chains (`.name`, `?.name`,
 * `[i]`, `[a:b]`, method calls), as in expr's `parser.go`.
 */
import { BUILTIN_NAMES, PREDICATE_ARGS } from './ast.js';
import type { CallNode, MemberNode, Node, PairNode } from './ast.js';
import { tokenString } from './lexer.js';
import type { Token } from './lexer.js';
import type { Parser } from './parser.js';

/** A call: predicate built-ins take `{...}` predicates, other built-ins and functions plain args. */
export function parseCall(p: Parser, token: Token, args: Node[]): Node {
  const name = token.value;
  const shapes = Object.hasOwn(PREDICATE_ARGS, name) ? PREDICATE_ARGS[name] : undefined;
  if (shapes !== undefined) {
    p.expect('Bracket', '(');
    const rest = shapes.slice(args.length);
    for (const [i, shape] of rest.entries()) {
      if (p.is('Bracket', ')')) {
        if (shape.endsWith('?')) break;
        p.fail(`expected at least ${rest.length} arguments`);
      }
      if (i > 0) p.expect('Operator', ',');
      args.push(shape.startsWith('pred') ? parsePredicate(p) : p.parseExpression(0));
    }
    if (p.is('Operator', ',')) p.next();
    p.expect('Bracket', ')');
    return p.node({ k: 'builtin', name, args });
  }
  if (BUILTIN_NAMES.has(name)) return p.node({ k: 'builtin', name, args: parseArguments(p, args) });
  const callee = p.node({ k: 'ident', name });
  return p.node({ k: 'call', callee, args: parseArguments(p, args) });
}

export function parseArguments(p: Parser, args: Node[]): Node[] {
  const offset = args.length;
  p.expect('Bracket', '(');
  while (!p.is('Bracket', ')')) {
    if (args.length > offset) p.expect('Operator', ',');
    if (p.is('Bracket', ')')) break;
    args.push(p.parseExpression(0));
  }
  p.expect('Bracket', ')');
  return args;
}

export function parsePredicate(p: Parser): Node {
  const brackets = p.is('Bracket', '{');
  if (brackets) p.next();
  p.depth++;
  let node: Node;
  if (brackets) {
    node = p.parseSequence();
  } else {
    node = p.parseExpression(0);
    if (p.is('Operator', ';')) p.fail('wrap predicate with brackets { and }');
  }
  p.depth--;
  if (brackets) p.expect('Bracket', '}');
  return p.node({ k: 'predicate', node });
}

export function parseArray(p: Parser): Node {
  const nodes: Node[] = [];
  p.expect('Bracket', '[');
  while (!p.is('Bracket', ']')) {
    if (nodes.length > 0) {
      p.expect('Operator', ',');
      if (p.is('Bracket', ']')) break;
    }
    nodes.push(p.parseExpression(0));
  }
  p.expect('Bracket', ']');
  return p.node({ k: 'array', nodes });
}

export function parseMap(p: Parser): Node {
  p.expect('Bracket', '{');
  const pairs: PairNode[] = [];
  while (!p.is('Bracket', '}')) {
    if (pairs.length > 0) {
      p.expect('Operator', ',');
      if (p.is('Bracket', '}')) break;
      if (p.is('Operator', ',')) p.unexpected();
    }
    let key: Node;
    if (p.is('Number') || p.is('String') || p.is('Identifier')) {
      key = p.node({ k: 'string', value: p.current.value });
      p.next();
    } else if (p.is('Bracket', '(')) {
      key = p.parseExpression(0);
    } else {
      p.fail(
        `a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${tokenString(p.current)})`,
      );
    }
    p.expect('Operator', ':');
    pairs.push({ key, value: p.parseExpression(0) });
  }
  p.expect('Bracket', '}');
  return p.node({ k: 'map', pairs });
}

export function parsePostfix(p: Parser, start: Node): Node {
  let node = start;
  for (;;) {
    const token = p.current;
    if (token.kind !== 'Operator' && token.kind !== 'Bracket') return node;
    let optional = token.value === '?.';
    let indexing = token.value === '[';
    if (token.value === '.' || optional) {
      p.next();
      if (optional && p.is('Bracket', '[')) indexing = true;
      else node = parseMemberName(p, node, optional);
    } else if (!indexing) {
      return node;
    }
    if (indexing) node = parseIndex(p, node, optional);
    optional = false;
  }
}

export function parseMemberName(p: Parser, base: Node, optional: boolean): Node {
  const property = p.current;
  p.next();
  const validOperatorName = property.kind === 'Operator' && /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u.test(property.value);
  if (property.kind !== 'Identifier' && !validOperatorName) p.fail('expected name');
  const prop = p.node({ k: 'string', value: property.value });
  const isChain = base.k === 'chain';
  const inner = base.k === 'chain' ? base.node : base;
  const member: MemberNode = p.node({ k: 'member', node: inner, prop, optional, method: false });
  let node: Node = member;
  if (p.is('Bracket', '(')) {
    member.method = true;
    const call: CallNode = p.node({ k: 'call', callee: member, args: parseArguments(p, []) });
    node = call;
  }
  return isChain || optional ? p.node({ k: 'chain', node }) : node;
}

export function parseIndex(p: Parser, base: Node, optional: boolean): Node {
  p.next();
  if (p.is('Operator', ':')) {
    p.next();
    const to = p.is('Bracket', ']') ? undefined : p.parseExpression(0);
    p.expect('Bracket', ']');
    return p.node({ k: 'slice', node: base, from: undefined, to });
  }
  const from = p.parseExpression(0);
  if (p.is('Operator', ':')) {
    p.next();
    const to = p.is('Bracket', ']') ? undefined : p.parseExpression(0);
    p.expect('Bracket', ']');
    return p.node({ k: 'slice', node: base, from, to });
  }
  let node: Node = p.node({ k: 'member', node: base, prop: from, optional, method: false });
  if (optional) node = p.node({ k: 'chain', node });
  p.expect('Bracket', ']');
  return node;
}

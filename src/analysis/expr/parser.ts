/**
 * Recursive-descent parser of expr v1.17.8 (`parser/parser.go`), kept structurally identical so
 * precedence, chained comparisons (`a < b < c`), `not in`, pipes, `let`, `if`/`else`, ternaries,
 * predicates and the first-error messages come out the same.
 */
import { BUILTIN_NAMES, PREDICATE_ARGS } from './ast.js';
import type { CallNode, MemberNode, Node, PairNode } from './ast.js';
import { SyntaxError, tokenString, tokenize } from './lexer.js';
import type { Token, TokenKind } from './lexer.js';
import { parseGoFloat, parseGoInt } from './strconv.js';

interface Op {
  readonly prec: number;
  readonly right?: true;
}

const UNARY: Readonly<Record<string, Op>> = { not: { prec: 50 }, '!': { prec: 50 }, '-': { prec: 90 }, '+': { prec: 90 } };
const BINARY: Readonly<Record<string, Op>> = {
  '|': { prec: 0 }, or: { prec: 10 }, '||': { prec: 10 }, and: { prec: 15 }, '&&': { prec: 15 },
  '==': { prec: 20 }, '!=': { prec: 20 }, '<': { prec: 20 }, '>': { prec: 20 }, '>=': { prec: 20 }, '<=': { prec: 20 },
  in: { prec: 20 }, matches: { prec: 20 }, contains: { prec: 20 }, startsWith: { prec: 20 }, endsWith: { prec: 20 },
  '..': { prec: 25 }, '+': { prec: 30 }, '-': { prec: 30 }, '*': { prec: 60 }, '/': { prec: 60 }, '%': { prec: 60 },
  '**': { prec: 100, right: true }, '^': { prec: 100, right: true }, '??': { prec: 500 },
};
const NEGATABLE = new Set(['contains', 'matches', 'startsWith', 'endsWith', 'in']);
/** expr's default node budget; also keeps the recursive passes within the JS stack. */
const MAX_NODES = 10_000;

const binaryOp = (value: string): Op | undefined => (Object.hasOwn(BINARY, value) ? BINARY[value] : undefined);
const isComparison = (value: string): boolean => binaryOp(value)?.prec === 20;

/**
 * Parses a condition into a syntax tree. Throws {@link SyntaxError} carrying expr's message.
 *
 * @example parse('result[0] < 0.01') // { k: 'binary', op: '<', left: { k: 'member', ... }, right: { k: 'float', value: 0.01 } }
 * @example parse('result <')         // throws SyntaxError('unexpected token EOF')
 */
export function parse(source: string): Node {
  return new Parser(tokenize(source)).parseAll();
}

class Parser {
  private pos = 0;
  private depth = 0;
  private nodes = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private get current(): Token {
    return this.tokens[this.pos] ?? { kind: 'EOF', value: '' };
  }

  private is(kind: TokenKind, value?: string): boolean {
    const t = this.current;
    return t.kind === kind && (value === undefined || t.value === value);
  }

  private next(): void {
    if (this.pos < this.tokens.length - 1) this.pos++;
  }

  private fail(message: string): never {
    throw new SyntaxError(message);
  }

  private unexpected(token: Token = this.current): never {
    this.fail(`unexpected token ${tokenString(token)}`);
  }

  private expect(kind: TokenKind, value?: string): void {
    if (!this.is(kind, value)) this.unexpected();
    this.next();
  }

  private node<N extends Node>(n: N): N {
    if (++this.nodes > MAX_NODES) this.fail('compilation failed: expression exceeds maximum allowed nodes');
    return n;
  }

  parseAll(): Node {
    const node = this.parseSequence();
    if (!this.is('EOF')) this.unexpected();
    return node;
  }

  private parseSequence(): Node {
    const nodes = [this.parseExpression(0)];
    while (this.is('Operator', ';')) {
      this.next();
      if (this.is('EOF')) break;
      nodes.push(this.parseExpression(0));
    }
    return nodes.length === 1 ? (nodes[0] as Node) : this.node({ k: 'seq', nodes });
  }

  private parseExpression(precedence: number): Node {
    if (precedence === 0 && this.is('Operator', 'let')) return this.parseLet();
    if (precedence === 0 && this.is('Operator', 'if')) return this.parseIf();
    let left = this.parsePrimary();
    let prevOperator = '';
    let opToken = this.current;
    while (opToken.kind === 'Operator') {
      const negate = opToken.value === 'not';
      if (negate) {
        const backup = this.pos;
        this.next();
        if (!NEGATABLE.has(this.current.value)) this.unexpected();
        const suffix = binaryOp(this.current.value);
        if (suffix === undefined || suffix.prec < precedence) {
          this.pos = backup;
          break;
        }
        opToken = this.current;
      }
      const op = binaryOp(opToken.value);
      if (op === undefined || op.prec < precedence) break;
      this.next();
      if (opToken.value === '|') {
        const ident = this.current;
        this.expect('Identifier');
        left = this.parseCall(ident, [left]);
      } else {
        if (prevOperator === '??' && opToken.value !== '??') {
          this.fail(`Operator (${opToken.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`);
        }
        if (isComparison(opToken.value)) {
          left = this.parseComparison(left, opToken, op.prec);
        } else {
          const right = this.parseExpression(op.right === true ? op.prec : op.prec + 1);
          left = this.node({ k: 'binary', op: opToken.value, left, right });
        }
        if (negate) left = this.node({ k: 'unary', op: 'not', node: left });
      }
      prevOperator = opToken.value;
      opToken = this.current;
    }
    return precedence === 0 ? this.parseConditional(left) : left;
  }

  private parseLet(): Node {
    this.expect('Operator', 'let');
    const name = this.current.value;
    this.expect('Identifier');
    this.expect('Operator', '=');
    const value = this.parseExpression(0);
    this.expect('Operator', ';');
    const expr = this.parseSequence();
    return this.node({ k: 'let', name, value, expr });
  }

  private parseIf(): Node {
    this.next();
    const cond = this.parseExpression(0);
    this.expect('Bracket', '{');
    const a = this.parseSequence();
    this.expect('Bracket', '}');
    this.expect('Operator', 'else');
    let b: Node;
    if (this.is('Operator', 'if')) {
      b = this.parseIf();
    } else {
      this.expect('Bracket', '{');
      b = this.parseSequence();
      this.expect('Bracket', '}');
    }
    return this.node({ k: 'cond', cond, a, b });
  }

  private parseConditional(start: Node): Node {
    let node = start;
    while (this.is('Operator', '?')) {
      this.next();
      let a: Node;
      let b: Node;
      if (!this.is('Operator', ':')) {
        a = this.parseExpression(0);
        this.expect('Operator', ':');
        b = this.parseExpression(0);
      } else {
        this.next();
        a = node;
        b = this.parseExpression(0);
      }
      node = this.node({ k: 'cond', cond: node, a, b });
    }
    return node;
  }

  private parsePrimary(): Node {
    const token = this.current;
    const unary = token.kind === 'Operator' && Object.hasOwn(UNARY, token.value) ? UNARY[token.value] : undefined;
    if (unary !== undefined) {
      this.next();
      const operand = this.parseExpression(unary.prec);
      return this.parsePostfix(this.node({ k: 'unary', op: token.value, node: operand }));
    }
    if (this.is('Bracket', '(')) {
      this.next();
      const expr = this.parseSequence();
      this.expect('Bracket', ')');
      return this.parsePostfix(expr);
    }
    if (this.depth > 0 && (this.is('Operator', '#') || this.is('Operator', '.'))) {
      let name = '';
      if (this.is('Operator', '#')) {
        this.next();
        if (this.is('Identifier')) {
          name = this.current.value;
          this.next();
        }
      }
      return this.parsePostfix(this.node({ k: 'pointer', name }));
    }
    if (this.is('Operator', '::')) {
      this.next();
      const ident = this.current;
      this.expect('Identifier');
      return this.parsePostfix(this.parseCall(ident, []));
    }
    return this.parseSecondary();
  }

  private parseSecondary(): Node {
    const token = this.current;
    let node: Node;
    switch (token.kind) {
      case 'Identifier':
        this.next();
        if (token.value === 'true' || token.value === 'false') return this.node({ k: 'bool', value: token.value === 'true' });
        if (token.value === 'nil') return this.node({ k: 'nil' });
        node = this.is('Bracket', '(') ? this.parseCall(token, []) : this.node({ k: 'ident', name: token.value });
        break;
      case 'Number':
        this.next();
        return this.node(this.parseNumber(token.value));
      case 'String':
        this.next();
        node = this.node({ k: 'string', value: token.value });
        break;
      default:
        if (this.is('Bracket', '[')) node = this.parseArray();
        else if (this.is('Bracket', '{')) node = this.parseMap();
        else this.unexpected(token);
    }
    return this.parsePostfix(node);
  }

  private parseNumber(raw: string): Node {
    const value = raw.replaceAll('_', '');
    const lower = value.toLowerCase();
    const asInt = (kind: string, base: 0 | 10): Node => {
      const r = parseGoInt(value, base);
      if (typeof r === 'string') this.fail(`invalid ${kind} literal: ${r}`);
      return { k: 'int', value: r };
    };
    if (lower.startsWith('0x')) return asInt('hex', 0);
    if (/[.e]/.test(lower)) {
      const r = parseGoFloat(value);
      if (typeof r === 'string') this.fail(`invalid float literal: ${r}`);
      return { k: 'float', value: r };
    }
    if (lower.startsWith('0b')) return asInt('binary', 0);
    if (lower.startsWith('0o')) return asInt('octal', 0);
    return asInt('integer', 10);
  }

  /** A call: predicate built-ins take `{...}` predicates, other built-ins and functions plain args. */
  private parseCall(token: Token, args: Node[]): Node {
    const name = token.value;
    const shapes = Object.hasOwn(PREDICATE_ARGS, name) ? PREDICATE_ARGS[name] : undefined;
    if (shapes !== undefined) {
      this.expect('Bracket', '(');
      const rest = shapes.slice(args.length);
      for (const [i, shape] of rest.entries()) {
        if (this.is('Bracket', ')')) {
          if (shape.endsWith('?')) break;
          this.fail(`expected at least ${rest.length} arguments`);
        }
        if (i > 0) this.expect('Operator', ',');
        args.push(shape.startsWith('pred') ? this.parsePredicate() : this.parseExpression(0));
      }
      if (this.is('Operator', ',')) this.next();
      this.expect('Bracket', ')');
      return this.node({ k: 'builtin', name, args });
    }
    if (BUILTIN_NAMES.has(name)) return this.node({ k: 'builtin', name, args: this.parseArguments(args) });
    const callee = this.node({ k: 'ident', name });
    return this.node({ k: 'call', callee, args: this.parseArguments(args) });
  }

  private parseArguments(args: Node[]): Node[] {
    const offset = args.length;
    this.expect('Bracket', '(');
    while (!this.is('Bracket', ')')) {
      if (args.length > offset) this.expect('Operator', ',');
      if (this.is('Bracket', ')')) break;
      args.push(this.parseExpression(0));
    }
    this.expect('Bracket', ')');
    return args;
  }

  private parsePredicate(): Node {
    const brackets = this.is('Bracket', '{');
    if (brackets) this.next();
    this.depth++;
    let node: Node;
    if (brackets) {
      node = this.parseSequence();
    } else {
      node = this.parseExpression(0);
      if (this.is('Operator', ';')) this.fail('wrap predicate with brackets { and }');
    }
    this.depth--;
    if (brackets) this.expect('Bracket', '}');
    return this.node({ k: 'predicate', node });
  }

  private parseArray(): Node {
    const nodes: Node[] = [];
    this.expect('Bracket', '[');
    while (!this.is('Bracket', ']')) {
      if (nodes.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', ']')) break;
      }
      nodes.push(this.parseExpression(0));
    }
    this.expect('Bracket', ']');
    return this.node({ k: 'array', nodes });
  }

  private parseMap(): Node {
    this.expect('Bracket', '{');
    const pairs: PairNode[] = [];
    while (!this.is('Bracket', '}')) {
      if (pairs.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', '}')) break;
        if (this.is('Operator', ',')) this.unexpected();
      }
      let key: Node;
      if (this.is('Number') || this.is('String') || this.is('Identifier')) {
        key = this.node({ k: 'string', value: this.current.value });
        this.next();
      } else if (this.is('Bracket', '(')) {
        key = this.parseExpression(0);
      } else {
        this.fail(
          `a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${tokenString(this.current)})`,
        );
      }
      this.expect('Operator', ':');
      pairs.push({ key, value: this.parseExpression(0) });
    }
    this.expect('Bracket', '}');
    return this.node({ k: 'map', pairs });
  }

  private parsePostfix(start: Node): Node {
    let node = start;
    for (;;) {
      const token = this.current;
      if (token.kind !== 'Operator' && token.kind !== 'Bracket') return node;
      let optional = token.value === '?.';
      let indexing = token.value === '[';
      if (token.value === '.' || optional) {
        this.next();
        if (optional && this.is('Bracket', '[')) indexing = true;
        else node = this.parseMemberName(node, optional);
      } else if (!indexing) {
        return node;
      }
      if (indexing) node = this.parseIndex(node, optional);
      optional = false;
    }
  }

  private parseMemberName(base: Node, optional: boolean): Node {
    const property = this.current;
    this.next();
    const validOperatorName = property.kind === 'Operator' && /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u.test(property.value);
    if (property.kind !== 'Identifier' && !validOperatorName) this.fail('expected name');
    const prop = this.node({ k: 'string', value: property.value });
    const isChain = base.k === 'chain';
    const inner = base.k === 'chain' ? base.node : base;
    const member: MemberNode = this.node({ k: 'member', node: inner, prop, optional, method: false });
    let node: Node = member;
    if (this.is('Bracket', '(')) {
      member.method = true;
      const call: CallNode = this.node({ k: 'call', callee: member, args: this.parseArguments([]) });
      node = call;
    }
    return isChain || optional ? this.node({ k: 'chain', node }) : node;
  }

  private parseIndex(base: Node, optional: boolean): Node {
    this.next();
    if (this.is('Operator', ':')) {
      this.next();
      const to = this.is('Bracket', ']') ? undefined : this.parseExpression(0);
      this.expect('Bracket', ']');
      return this.node({ k: 'slice', node: base, from: undefined, to });
    }
    const from = this.parseExpression(0);
    if (this.is('Operator', ':')) {
      this.next();
      const to = this.is('Bracket', ']') ? undefined : this.parseExpression(0);
      this.expect('Bracket', ']');
      return this.node({ k: 'slice', node: base, from, to });
    }
    let node: Node = this.node({ k: 'member', node: base, prop: from, optional, method: false });
    if (optional) node = this.node({ k: 'chain', node });
    this.expect('Bracket', ']');
    return node;
  }

  private parseComparison(first: Node, firstToken: Token, precedence: number): Node {
    let left = first;
    let token = firstToken;
    let root: Node | undefined;
    for (;;) {
      const comparator = this.parseExpression(precedence + 1);
      const cmp: Node = this.node({ k: 'binary', op: token.value, left, right: comparator });
      root = root === undefined ? cmp : this.node({ k: 'binary', op: '&&', left: root, right: cmp });
      left = comparator;
      token = this.current;
      if (!(token.kind === 'Operator' && isComparison(token.value))) return root;
      this.next();
    }
  }
}

/**
 * Recursive-descent parser of expr v1.17.8 (`parser/parser.go`), kept structurally identical so
 * precedence, chained comparisons (`a < b < c`), `not in`, pipes, `let`, `if`/`else`, ternaries,
 * predicates and the first-error messages come out the same.
 */
import { parseGoFloat, parseGoInt } from '../../go/index.js';
import type { Node } from './ast.js';
import { tokenize } from './lexer.js';
import type { Token } from './lexer.js';
import { parseArray, parseCall, parseMap, parsePostfix } from './parser-calls.js';
import { TokenCursor } from './parser-cursor.js';

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

export class Parser extends TokenCursor {
  parseAll(): Node {
    const node = this.parseSequence();
    if (!this.is('EOF')) this.unexpected();
    return node;
  }

  parseSequence(): Node {
    const nodes = [this.parseExpression(0)];
    while (this.is('Operator', ';')) {
      this.next();
      if (this.is('EOF')) break;
      nodes.push(this.parseExpression(0));
    }
    return nodes.length === 1 ? (nodes[0] as Node) : this.node({ k: 'seq', nodes });
  }

  parseExpression(precedence: number): Node {
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
        left = parseCall(this, ident, [left]);
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
      return parsePostfix(this, this.node({ k: 'unary', op: token.value, node: operand }));
    }
    if (this.is('Bracket', '(')) {
      this.next();
      const expr = this.parseSequence();
      this.expect('Bracket', ')');
      return parsePostfix(this, expr);
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
      return parsePostfix(this, this.node({ k: 'pointer', name }));
    }
    if (this.is('Operator', '::')) {
      this.next();
      const ident = this.current;
      this.expect('Identifier');
      return parsePostfix(this, parseCall(this, ident, []));
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
        node = this.is('Bracket', '(') ? parseCall(this, token, []) : this.node({ k: 'ident', name: token.value });
        break;
      case 'Number':
        this.next();
        return this.node(this.parseNumber(token.value));
      case 'String':
        this.next();
        node = this.node({ k: 'string', value: token.value });
        break;
      default:
        if (this.is('Bracket', '[')) node = parseArray(this);
        else if (this.is('Bracket', '{')) node = parseMap(this);
        else this.unexpected(token);
    }
    return parsePostfix(this, node);
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

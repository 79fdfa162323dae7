/**
 * Type checker of expr v1.17.8 (`checker/checker.go`) for Argo's env: `result` typed by its Go
 * type, plus Argo's helper functions. Visits in Go's order and stops at the first error, which is
 * the one expr reports. Also performs the checker's one rewrite: an int literal passed where a
 * float64 parameter is expected becomes a float literal (`isNaN(1)` is legal).
 */
import { ENV_FUNCTIONS, isEnvName } from './argo-env.js';
import type { MemberNode, Node } from './ast.js';
import { BUILTIN_NAMES } from './ast.js';
import { checkBuiltin, checkArguments } from './check-builtins.js';
import { checkBinary } from './check-operators.js';
import * as N from './types.js';
import type { Nature, ResultTypeInfo } from './types.js';

/** The Go type of each literal node (a folded constant is always an array). */
const LITERAL_TYPES = { int: N.T_INT, float: N.T_FLOAT, bool: N.T_BOOL, string: N.T_STRING, const: N.T_ARRAY } as const;

/** A compile-time (type) error; the message is expr's. */
export class CheckError extends Error {}

interface PredicateScope {
  readonly collection: Nature;
  readonly vars: ReadonlyArray<readonly [string, Nature]>;
}

/**
 * Type-checks a parsed condition against the type of `result`; returns the nature of the whole
 * expression. Throws {@link CheckError}.
 *
 * @example check(parse('result < 0.01'), { k: 'slice', elem: { k: 'float64' } })
 * // throws CheckError('invalid operation: < (mismatched types []float64 and float64)')
 */
export function check(root: Node, resultType: ResultTypeInfo): Nature {
  return new Checker(resultType).visit(root);
}

export class Checker {
  private readonly predicates: PredicateScope[] = [];
  private readonly vars: Array<readonly [string, Nature]> = [];

  constructor(private readonly resultType: ResultTypeInfo) {}

  fail(message: string): never {
    throw new CheckError(message);
  }

  begin(collection: Nature, ...vars: Array<readonly [string, Nature]>): void {
    this.predicates.push({ collection, vars });
  }

  end(): void {
    this.predicates.pop();
  }

  visit(node: Node): Nature {
    const nt = this.nature(node);
    node.nt = nt;
    return nt;
  }

  private nature(node: Node): Nature {
    switch (node.k) {
      case 'nil':
        return N.NIL;
      case 'ident':
        return this.identifier(node.name);
      case 'int':
      case 'float':
      case 'bool':
      case 'string':
      case 'const':
        return N.of(LITERAL_TYPES[node.k]);
      case 'unary':
        return this.unary(node.op, this.visit(node.node));
      case 'binary':
        return checkBinary(this, node.op, node.left, node.right);
      case 'chain':
        return this.visit(node.node);
      case 'member':
        return this.member(node);
      case 'slice':
        return this.slice(node.node, node.from, node.to);
      case 'call':
        return this.call(node.callee, node.args);
      case 'builtin':
        return checkBuiltin(this, node);
      case 'predicate':
        return this.predicate(node.node);
      case 'pointer':
        return this.pointer(node.name);
      case 'let':
        return this.letNode(node.name, node.value, node.expr);
      case 'seq':
        return node.nodes.map((n) => this.visit(n)).at(-1) ?? N.UNKNOWN;
      case 'cond':
        return this.conditional(node.cond, node.a, node.b);
      case 'array':
        return this.array(node.nodes);
      case 'map':
        for (const pair of node.pairs) {
          this.visit(pair.key);
          this.visit(pair.value);
        }
        return N.of(N.T_MAP);
    }
  }

  private identifier(name: string): Nature {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v !== undefined && v[0] === name) return v[1];
    }
    if (name === '$env') return N.UNKNOWN;
    return this.ident(name, true, true);
  }

  /** An env name, else (when allowed) a built-in used as a value, else unknown / an error. */
  ident(name: string, strict: boolean, builtins: boolean): Nature {
    if (name === 'result') return this.resultType === null ? N.NIL : N.of(this.resultType);
    const envFn = Object.hasOwn(ENV_FUNCTIONS, name) ? ENV_FUNCTIONS[name] : undefined;
    if (envFn !== undefined) return N.of(envFn);
    if (builtins && BUILTIN_NAMES.has(name)) this.fail(`builtin ${name} can only be called (rollout-sim)`);
    if (strict) this.fail(`unknown name ${name}`);
    return N.UNKNOWN;
  }

  private unary(op: string, nt: Nature): Nature {
    if ((op === '!' || op === 'not') && (N.isBool(nt) || N.isUnknown(nt))) return N.of(N.T_BOOL);
    if (op === '+' || op === '-') {
      if (N.isNumber(nt)) return nt;
      if (N.isUnknown(nt)) return N.UNKNOWN;
    }
    return this.fail(`invalid operation: ${op} (mismatched type ${N.natureString(nt)})`);
  }

  private member(node: MemberNode): Nature {
    const name = node.prop.k === 'string' ? node.prop.value : undefined;
    if (node.node.k === 'ident' && node.node.name === '$env') {
      return name === undefined ? N.UNKNOWN : this.ident(name, !node.optional, false);
    }
    const base = this.visit(node.node);
    const prop = this.visit(node.prop);
    if (N.isUnknown(base)) return N.UNKNOWN;
    if (name !== undefined && base.nil === true) this.fail(`type nil has no field ${name}`);
    if (N.isMap(base)) {
      if (!N.assignable(prop, N.keyOf(base)) && !N.isUnknown(prop)) {
        this.fail(`cannot use ${N.natureString(prop)} to get an element from ${N.natureString(base)}`);
      }
      return N.elemOf(base);
    }
    if (N.isArray(base)) {
      if (!N.isInteger(prop) && !N.isUnknown(prop)) {
        this.fail(`array elements can only be selected using an integer (got ${N.natureString(prop)})`);
      }
      return N.elemOf(base);
    }
    if (name !== undefined) this.fail(`type ${N.natureString(base)} has no ${node.method ? 'method' : 'field'} ${name}`);
    return this.fail(`type ${N.natureString(base)}[${N.natureString(prop)}] is undefined`);
  }

  private slice(baseNode: Node, from: Node | undefined, to: Node | undefined): Nature {
    const nt = this.visit(baseNode);
    if (N.isUnknown(nt)) return N.UNKNOWN;
    if (!N.isString(nt) && !N.isArray(nt)) this.fail(`cannot slice ${N.natureString(nt)}`);
    for (const bound of [from, to]) {
      if (bound === undefined) continue;
      const b = this.visit(bound);
      if (!N.isInteger(b) && !N.isUnknown(b)) this.fail(`non-integer slice index ${N.natureString(b)}`);
    }
    return nt;
  }

  private call(callee: Node, args: Node[]): Nature {
    const nt = this.visit(callee);
    if (N.isUnknown(nt)) return N.UNKNOWN;
    let name = 'function';
    if (callee.k === 'ident') name = callee.name;
    if (callee.k === 'member' && callee.prop.k === 'string') name = callee.prop.value;
    if (nt.nil === true) this.fail(`${name} is nil; cannot call nil as function`);
    if (nt.type?.k === 'func') {
      const r = checkArguments(this, name, nt.type, args);
      if ('error' in r) this.fail(r.error);
      return r.out;
    }
    return this.fail(`${N.natureString(nt)} is not callable`);
  }

  private predicate(body: Node): Nature {
    const nt = this.visit(body);
    const out = N.isUnknown(nt) ? N.T_ANY : nt.nil === true ? null : (nt.type ?? N.T_ANY);
    return { type: N.fn([N.T_ANY], out), ref: nt };
  }

  private pointer(name: string): Nature {
    const scope = this.predicates.at(-1);
    if (scope === undefined) return this.fail('cannot use pointer accessor outside predicate');
    if (name === '') {
      if (N.isUnknown(scope.collection)) return N.UNKNOWN;
      if (N.isArray(scope.collection)) return N.elemOf(scope.collection);
      return this.fail(`cannot use ${N.natureString(scope.collection)} as array`);
    }
    const v = scope.vars.find(([n]) => n === name);
    return v !== undefined ? v[1] : this.fail(`unknown pointer #${name}`);
  }

  private letNode(name: string, value: Node, expr: Node): Nature {
    if (isEnvName(name)) this.fail(`cannot redeclare ${name}`);
    if (BUILTIN_NAMES.has(name)) this.fail(`cannot redeclare builtin ${name}`);
    if (this.vars.some(([n]) => n === name)) this.fail(`cannot redeclare variable ${name}`);
    this.vars.push([name, this.visit(value)]);
    const nt = this.visit(expr);
    this.vars.pop();
    return nt;
  }

  private conditional(condNode: Node, aNode: Node, bNode: Node): Nature {
    const c = this.visit(condNode);
    if (!N.isBool(c) && !N.isUnknown(c)) this.fail(`non-bool expression (type ${N.natureString(c)}) used as condition`);
    const a = this.visit(aNode);
    const b = this.visit(bNode);
    if (a.nil === true && b.nil !== true) return b;
    if (a.nil !== true && b.nil === true) return a;
    if (a.nil === true && b.nil === true) return N.NIL;
    if (!N.assignable(a, b)) return N.UNKNOWN;
    if (N.isArray(a) && N.isArray(b)) {
      const [ea, eb] = [N.elemOf(a), N.elemOf(b)];
      if (!N.assignable(ea, eb) || !N.assignable(eb, ea)) return N.of(N.T_ARRAY);
    }
    return a;
  }

  private array(nodes: readonly Node[]): Nature {
    let prev: Nature = N.UNKNOWN;
    let same = true;
    nodes.forEach((n, i) => {
      const curr = this.visit(n);
      if (i > 0 && N.kindOf(curr) !== N.kindOf(prev)) same = false;
      prev = curr;
    });
    return same ? N.arrayOf(prev) : N.of(N.T_ARRAY);
  }
}

/**
 * Tree-walking evaluator with the behaviour of expr's compiled program on its VM: evaluation
 * order, short-circuits (`&&`, `||`, `??`, `?.`), Go panics as {@link ExprPanic}, and expr's
 * memory budget (1e6 elements) so that `1..1e12`-style conditions fail instead of hanging.
 */
import { envFunction } from './argo-env.js';
import type { BuiltinNode, LetNode, MapNode, MemberNode, Node, SliceNode } from './ast.js';
import { BUILTIN_IMPLS } from './builtins-run.js';
import { runPredicateBuiltin } from './eval-builtins.js';
import { goTypeName } from './gofmt.js';
import { compileRegex } from './regex.js';
import * as R from './runtime.js';
import { typeString } from './types.js';
import { ExprPanic, GoFunc, GoInt, GoSlice, isNilValue } from './values.js';
import type { ExprValue } from './values.js';

const MEMORY_BUDGET = 1_000_000;
/**
 * Not in expr: a bound on evaluated nodes so that nested predicates over large arrays (which
 * allocate nothing, hence escape the memory budget) still terminate in reasonable time.
 */
const STEP_BUDGET = 20_000_000;

/** Thrown by `?.` on a nil base and caught by the enclosing chain node. */
class ChainNil {}
const CHAIN_NIL = new ChainNil();

interface Frame {
  readonly item: ExprValue;
  readonly index: number;
  acc: ExprValue;
}

/**
 * Evaluates a checked (and folded) tree with `result` bound. Throws {@link ExprPanic}.
 *
 * @example evaluate(parse('result[0] < 0.01'), float64Vector([0.004])) // true
 */
export function evaluate(root: Node, result: ExprValue): ExprValue {
  return new Evaluator(result).visit(root);
}

class Evaluator {
  // grow / withFrame / visit are used by the predicate built-ins (eval-builtins.ts).
  private memory = 0;
  private steps = 0;
  private readonly vars: Array<readonly [string, ExprValue]> = [];
  private readonly frames: Frame[] = [];

  constructor(private readonly result: ExprValue) {}

  grow(n: number): void {
    this.memory += n;
    if (this.memory >= MEMORY_BUDGET) throw new ExprPanic('memory budget exceeded');
  }

  visit(node: Node): ExprValue {
    if (++this.steps > STEP_BUDGET) throw new ExprPanic(`evaluation exceeds ${STEP_BUDGET} steps (rollout-sim limit)`);
    switch (node.k) {
      case 'nil':
        return null;
      case 'int':
        return new GoInt(node.value);
      case 'float':
      case 'bool':
      case 'string':
      case 'const':
        return node.value;
      case 'ident':
        return this.identifier(node.name);
      case 'unary':
        return this.unary(node.op, node.node);
      case 'binary':
        return this.binary(node.op, node.left, node.right);
      case 'chain':
        return this.chain(node.node);
      case 'member':
        return this.member(node);
      case 'slice':
        return this.slice(node);
      case 'call':
        return this.call(node.callee, node.args);
      case 'builtin':
        return this.builtin(node);
      case 'predicate':
        return this.visit(node.node);
      case 'pointer':
        return this.pointer(node.name);
      case 'let':
        return this.letIn(node);
      case 'seq':
        return node.nodes.reduce<ExprValue>((_, n) => this.visit(n), null);
      case 'cond':
        return R.asBool(this.visit(node.cond)) ? this.visit(node.a) : this.visit(node.b);
      case 'array': {
        const values = node.nodes.map((n) => this.visit(n));
        this.grow(values.length);
        return values;
      }
      case 'map':
        return this.mapLiteral(node);
    }
  }

  /**
   * `a[from:to]`, the bounds defaulting to the whole value; evaluated in the order expr's compiler emits
   * them (base, `to`, `from`), which decides which panic a bad slice reports.
   */
  private slice(node: SliceNode): ExprValue {
    const base = this.visit(node.node);
    const to = node.to === undefined ? R.length(base) : this.visit(node.to);
    const from = node.from === undefined ? new GoInt(0n) : this.visit(node.from);
    return R.slice(base, from, to);
  }

  /** `let name = value; expr`: `name` is visible in `expr` only, shadowing any outer one. */
  private letIn(node: LetNode): ExprValue {
    this.vars.push([node.name, this.visit(node.value)]);
    const value = this.visit(node.expr);
    this.vars.pop();
    return value;
  }

  /** `{k: v, ...}`: keys must evaluate to strings (a Go interface conversion panic otherwise); a later key wins. */
  private mapLiteral(node: MapNode): ExprValue {
    const out: Record<string, ExprValue> = Object.create(null) as Record<string, ExprValue>;
    for (const pair of node.pairs) {
      const key = this.visit(pair.key);
      if (typeof key !== 'string') throw R.interfaceConversion(key, 'string');
      out[key] = this.visit(pair.value);
    }
    this.grow(node.pairs.length);
    return { ...out };
  }

  private identifier(name: string): ExprValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v !== undefined && v[0] === name) return v[1];
    }
    if (name === 'result') return this.result;
    if (name === '$env') return this.env();
    const fn = envFunction(name, this.result);
    if (fn === undefined) throw new ExprPanic(`unknown name ${name}`);
    return fn;
  }

  private env(): ExprValue {
    const out: Record<string, ExprValue> = { result: this.result };
    for (const name of ['asInt', 'asFloat', 'isNaN', 'isInf', 'isNil', 'default']) {
      out[name] = envFunction(name, this.result) ?? null;
    }
    return out;
  }

  private unary(op: string, operand: Node): ExprValue {
    const v = this.visit(operand);
    if (op === '!' || op === 'not') return !R.asBool(v);
    return op === '-' ? R.negate(v) : v;
  }

  private binary(op: string, left: Node, right: Node): ExprValue {
    switch (op) {
      case '&&':
      case 'and':
        return R.asBool(this.visit(left)) ? this.visit(right) : false;
      case '||':
      case 'or':
        return R.asBool(this.visit(left)) ? true : this.visit(right);
      case '??': {
        const l = this.visit(left);
        return isNilValue(l) ? this.visit(right) : l;
      }
    }
    const l = this.visit(left);
    const r = this.visit(right);
    switch (op) {
      case '==':
        return R.equal(l, r);
      case '!=':
        return !R.equal(l, r);
      case '<':
      case '>':
      case '<=':
      case '>=':
        return R.compare(op, l, r);
      case '**':
      case '^':
        return R.power(l, r);
      case 'in':
        return R.inOperator(l, r);
      case '..':
        return this.range(l, r);
      case 'matches':
      case 'contains':
      case 'startsWith':
      case 'endsWith':
        return stringOperator(op, l, r);
      default:
        return R.arithmetic(op, l, r);
    }
  }

  private range(a: ExprValue, b: ExprValue): GoSlice {
    const [min, max] = [R.toInt(a), R.toInt(b)];
    const size = max - min + 1n;
    this.grow(size > 0n ? Number(size) : 0);
    const items: GoInt[] = [];
    for (let i = min; i <= max; i++) items.push(new GoInt(i));
    return new GoSlice('int', items);
  }

  private chain(inner: Node): ExprValue {
    try {
      return this.visit(inner);
    } catch (e) {
      if (e === CHAIN_NIL) return null;
      throw e;
    }
  }

  private member(node: MemberNode): ExprValue {
    const base = this.visit(node.node);
    if (node.optional && isNilValue(base)) throw CHAIN_NIL;
    return R.fetch(base, this.visit(node.prop));
  }

  private call(calleeNode: Node, argNodes: readonly Node[]): ExprValue {
    const args = argNodes.map((a) => this.visit(a));
    const callee = this.visit(calleeNode);
    if (!(callee instanceof GoFunc)) {
      const what = callee === null ? 'zero' : goTypeName(callee).replace(/^\[\].*/, 'slice').replace(/^map\[.*/, 'map');
      throw new ExprPanic(`reflect: call of reflect.Value.Call on ${what} Value`);
    }
    callee.type.params.forEach((param, i) => {
      const a = args[i] ?? null;
      if (param.k !== 'any' && goTypeName(a) !== typeString(param)) throw R.interfaceConversion(a, typeString(param));
    });
    return callee.impl(args);
  }

  private pointer(name: string): ExprValue {
    const frame = this.frames.at(-1);
    if (frame === undefined) throw new ExprPanic('cannot use pointer accessor outside predicate');
    if (name === 'index') return new GoInt(BigInt(frame.index));
    if (name === 'acc') return frame.acc;
    return frame.item;
  }

  /** Runs `pred` for one element with `#`, `#index` and `#acc` bound. */
  withFrame(item: ExprValue, index: number, acc: ExprValue, pred: Node): ExprValue {
    this.frames.push({ item, index, acc });
    try {
      return this.visit(pred);
    } finally {
      this.frames.pop();
    }
  }

  private builtin(node: BuiltinNode): ExprValue {
    const impl = BUILTIN_IMPLS[node.name];
    if (impl === undefined) return runPredicateBuiltin(this, node);
    return impl(
      node.args.map((a) => this.visit(a)),
      (n) => this.grow(n),
    );
  }
}

/** `v.(string)` for the string operators. */
function stringOperand(v: ExprValue): string {
  if (typeof v !== 'string') throw R.interfaceConversion(v, 'string');
  return v;
}

/** `matches`, `contains`, `startsWith`, `endsWith`: false when either side is nil. */
function stringOperator(op: string, l: ExprValue, r: ExprValue): boolean {
  if (isNilValue(l) || isNilValue(r)) return false;
  if (op === 'matches') {
    const re = compileRegex(stringOperand(r));
    if (typeof re === 'string') throw new ExprPanic(re);
    return re.test(stringOperand(l));
  }
  const [a, b] = [stringOperand(l), stringOperand(r)];
  return op === 'contains' ? a.includes(b) : op === 'startsWith' ? a.startsWith(b) : a.endsWith(b);
}


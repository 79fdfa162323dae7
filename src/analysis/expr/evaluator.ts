/**
 * Tree-walking evaluator with the behaviour of expr's compiled program on its VM: evaluation
 * order, short-circuits (`&&`, `||`, `??`, `?.`), Go panics as {@link ExprPanic}, and expr's
 * memory budget (1e6 elements) so that `1..1e12`-style conditions fail instead of hanging.
 */
import { envFunction } from './argo-env.js';
import type { BuiltinNode, MemberNode, Node } from './ast.js';
import { BUILTIN_IMPLS } from './builtins-run.js';
import { goTypeName } from './gofmt.js';
import { compileRegex } from './regex.js';
import * as R from './runtime.js';
import { typeString } from './types.js';
import { ExprPanic, GoFunc, GoInt, GoSlice, isExprMap, isNilValue, sliceItems } from './values.js';
import type { ExprValue } from './values.js';

const MEMORY_BUDGET = 1_000_000;

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
  return new Evaluator(result).eval(root);
}

class Evaluator {
  private memory = 0;
  private readonly vars: Array<readonly [string, ExprValue]> = [];
  private readonly frames: Frame[] = [];

  constructor(private readonly result: ExprValue) {}

  private grow(n: number): void {
    this.memory += n;
    if (this.memory >= MEMORY_BUDGET) throw new ExprPanic('memory budget exceeded');
  }

  eval(node: Node): ExprValue {
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
      case 'slice': {
        const base = this.eval(node.node);
        const to = node.to === undefined ? R.length(base) : this.eval(node.to);
        const from = node.from === undefined ? new GoInt(0n) : this.eval(node.from);
        return R.slice(base, from, to);
      }
      case 'call':
        return this.call(node.callee, node.args);
      case 'builtin':
        return this.builtin(node);
      case 'predicate':
        return this.eval(node.node);
      case 'pointer':
        return this.pointer(node.name);
      case 'let': {
        this.vars.push([node.name, this.eval(node.value)]);
        const value = this.eval(node.expr);
        this.vars.pop();
        return value;
      }
      case 'seq':
        return node.nodes.reduce<ExprValue>((_, n) => this.eval(n), null);
      case 'cond':
        return R.asBool(this.eval(node.cond)) ? this.eval(node.a) : this.eval(node.b);
      case 'array': {
        const values = node.nodes.map((n) => this.eval(n));
        this.grow(values.length);
        return values;
      }
      case 'map': {
        const out: Record<string, ExprValue> = Object.create(null) as Record<string, ExprValue>;
        for (const pair of node.pairs) {
          const key = this.eval(pair.key);
          if (typeof key !== 'string') throw R.interfaceConversion(key, 'string');
          out[key] = this.eval(pair.value);
        }
        this.grow(node.pairs.length);
        return { ...out };
      }
    }
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
    const v = this.eval(operand);
    if (op === '!' || op === 'not') return !R.asBool(v);
    return op === '-' ? R.negate(v) : v;
  }

  private binary(op: string, left: Node, right: Node): ExprValue {
    switch (op) {
      case '&&':
      case 'and':
        return R.asBool(this.eval(left)) ? this.eval(right) : false;
      case '||':
      case 'or':
        return R.asBool(this.eval(left)) ? true : this.eval(right);
      case '??': {
        const l = this.eval(left);
        return isNilValue(l) ? this.eval(right) : l;
      }
    }
    const l = this.eval(left);
    const r = this.eval(right);
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
      case 'matches': {
        const re = compileRegex(stringOperand(r));
        if (typeof re === 'string') throw new ExprPanic(re);
        return re.test(stringOperand(l));
      }
      case 'contains':
        return stringOperand(l).includes(stringOperand(r));
      case 'startsWith':
        return stringOperand(l).startsWith(stringOperand(r));
      case 'endsWith':
        return stringOperand(l).endsWith(stringOperand(r));
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
      return this.eval(inner);
    } catch (e) {
      if (e === CHAIN_NIL) return null;
      throw e;
    }
  }

  private member(node: MemberNode): ExprValue {
    const base = this.eval(node.node);
    if (node.optional && isNilValue(base)) throw CHAIN_NIL;
    return R.fetch(base, this.eval(node.prop));
  }

  private call(calleeNode: Node, argNodes: readonly Node[]): ExprValue {
    const args = argNodes.map((a) => this.eval(a));
    const callee = this.eval(calleeNode);
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
  private withFrame(item: ExprValue, index: number, acc: ExprValue, pred: Node): ExprValue {
    this.frames.push({ item, index, acc });
    try {
      return this.eval(pred);
    } finally {
      this.frames.pop();
    }
  }

  private builtin(node: BuiltinNode): ExprValue {
    const { name, args } = node;
    const impl = BUILTIN_IMPLS[name];
    if (impl !== undefined) return impl(args.map((a) => this.eval(a)), (n) => this.grow(n));
    if (name === 'get') {
      const [from, i] = args.map((a) => this.eval(a));
      try {
        return R.fetch(from ?? null, i ?? null);
      } catch (e) {
        if (e instanceof ExprPanic) return null;
        throw e;
      }
    }
    const items = collection(this.eval(args[0] ?? { k: 'nil' }));
    const pred = args[1];
    const test = (x: ExprValue, i: number): boolean => (pred === undefined ? R.asBool(x) : R.asBool(this.withFrame(x, i, null, pred)));
    switch (name) {
      case 'all':
        return items.every(test);
      case 'any':
        return items.some(test);
      case 'none':
        return !items.some(test);
      case 'one':
        return items.filter(test).length === 1;
      case 'count':
        return new GoInt(BigInt(items.filter(test).length));
      case 'filter':
        return this.grown(items.filter(test));
      case 'map':
        return this.grown(items.map((x, i) => this.withFrame(x, i, null, pred ?? { k: 'nil' })));
      case 'find':
        return items.find(test) ?? null;
      case 'findIndex':
        return new GoInt(BigInt(items.findIndex(test)));
      case 'findLast':
      case 'findLastIndex': {
        let i = items.length - 1;
        while (i >= 0 && !test(items[i] ?? null, i)) i--;
        if (name === 'findLastIndex') return new GoInt(BigInt(i));
        return i >= 0 ? (items[i] ?? null) : null;
      }
      case 'sum':
        return items.reduce<ExprValue>(
          (acc, x, i) => R.arithmetic('+', acc, pred === undefined ? x : this.withFrame(x, i, null, pred)),
          new GoInt(0n),
        );
      case 'reduce':
        return this.reduce(items, pred, args[2]);
    }
    throw new ExprPanic(`builtin ${name} is not supported by rollout-sim`);
  }

  private grown(values: ExprValue[]): ExprValue[] {
    this.grow(values.length);
    return values;
  }

  private reduce(items: readonly ExprValue[], pred: Node | undefined, init: Node | undefined): ExprValue {
    let acc: ExprValue;
    let start = 0;
    if (init !== undefined) acc = this.eval(init);
    else if (items.length > 0) [acc, start] = [items[0] ?? null, 1];
    else throw new ExprPanic('reduce of empty array with no initial value');
    for (let i = start; i < items.length; i++) acc = this.withFrame(items[i] ?? null, i, acc, pred ?? { k: 'nil' });
    return acc;
  }
}

/** The elements a predicate built-in iterates (Go's reflect Len/Index on the collection). */
function collection(v: ExprValue): readonly ExprValue[] {
  const items = sliceItems(v);
  if (items !== undefined) return items;
  if (v === null) throw new ExprPanic('reflect: call of reflect.Value.Len on zero Value');
  if (isExprMap(v) && Object.keys(v).length === 0) return [];
  const kind = isExprMap(v) ? 'map' : goTypeName(v);
  throw new ExprPanic(`reflect: call of reflect.Value.${isExprMap(v) ? 'Index' : 'Len'} on ${kind} Value`);
}

/** `v.(string)` for the string operators. */
function stringOperand(v: ExprValue): string {
  if (typeof v !== 'string') throw R.interfaceConversion(v, 'string');
  return v;
}


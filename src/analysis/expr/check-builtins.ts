/**
 * Type checking of calls: built-in nodes (predicate built-ins like `all(result, {# < 1})`, and
 * the others through their {@link BuiltinSpec}) and Go function calls (`checkArguments`, which
 * also turns int literals into floats for float64 parameters, as expr does).
 */
import type { BuiltinNode, Node } from './ast.js';
import { BUILTIN_SPECS, UNSUPPORTED_BUILTINS } from './builtin-specs.js';
import type { ArgType } from './builtin-specs.js';
import type { Checker } from './checker.js';
import * as N from './types.js';
import type { FuncType, GoType, Nature } from './types.js';

type ArgsResult = { readonly out: Nature } | { readonly error: string };

const PREDICATE_MISMATCH = 'predicate should has one input and one output param';

/** Checks a built-in call node. @example checkBuiltin(checker, parse('len(result)')) // int nature */
export function checkBuiltin(v: Checker, node: BuiltinNode): Nature {
  const { name, args } = node;
  switch (name) {
    case 'all':
    case 'none':
    case 'any':
    case 'one':
      predicateOut(v, name, args, true);
      return N.of(N.T_BOOL);
    case 'filter': {
      const collection = predicateOut(v, name, args, true);
      return N.isUnknown(collection) ? N.of(N.T_ARRAY) : N.arrayOf(N.elemOf(collection));
    }
    case 'map': {
      const collection = arrayArg(v, name, args);
      const predicate = visitPredicate(v, collection, args[1], ['index', N.of(N.T_INT)]);
      if (predicate.type?.k !== 'func' || predicate.type.out === null) v.fail(PREDICATE_MISMATCH);
      return N.arrayOf(predicate.ref ?? N.UNKNOWN);
    }
    case 'count':
      if (args.length === 1) arrayArg(v, name, args);
      else predicateOut(v, name, args, true);
      return N.of(N.T_INT);
    case 'sum': {
      if (args.length === 1) {
        const collection = arrayArg(v, name, args);
        return N.isUnknown(collection) ? N.UNKNOWN : N.elemOf(collection);
      }
      const collection = arrayArg(v, name, args);
      const predicate = visitPredicate(v, collection, args[1]);
      if (predicate.type?.k !== 'func' || predicate.type.out === null) v.fail(PREDICATE_MISMATCH);
      return N.of(predicate.type.out);
    }
    case 'find':
    case 'findLast': {
      const collection = predicateOut(v, name, args, true);
      return N.isUnknown(collection) ? N.UNKNOWN : N.elemOf(collection);
    }
    case 'findIndex':
    case 'findLastIndex':
      predicateOut(v, name, args, true);
      return N.of(N.T_INT);
    case 'reduce': {
      const collection = arrayArg(v, name, args);
      const predicate = visitPredicate(v, collection, args[1], ['index', N.of(N.T_INT)], ['acc', N.UNKNOWN]);
      if (args[2] !== undefined) v.visit(args[2]);
      if (predicate.type?.k !== 'func' || predicate.type.out === null) {
        v.fail('predicate should has two input and one output param');
      }
      return predicate.ref ?? N.UNKNOWN;
    }
    case 'get':
      return checkGet(v, args);
  }
  if (UNSUPPORTED_BUILTINS.has(name)) return v.fail(`builtin ${name} is not supported by rollout-sim`);
  return checkFunction(v, name, args);
}

/** Visits the collection argument, which must be an array (or unknown). */
function arrayArg(v: Checker, name: string, args: readonly Node[]): Nature {
  const first = args[0];
  if (first === undefined) return v.fail(`expected at least 2 arguments`);
  const collection = v.visit(first);
  if (!N.isArray(collection) && !N.isUnknown(collection)) {
    v.fail(`builtin ${name} takes only array (got ${N.natureString(collection)})`);
  }
  return collection;
}

function visitPredicate(v: Checker, collection: Nature, pred: Node | undefined, ...vars: Array<readonly [string, Nature]>): Nature {
  if (pred === undefined) return v.fail(PREDICATE_MISMATCH);
  v.begin(collection, ...vars);
  const nt = v.visit(pred);
  v.end();
  return nt;
}

/** Common shape of all/any/none/one/filter/count/find*: a boolean predicate over an array. */
function predicateOut(v: Checker, name: string, args: readonly Node[], mustBeBool: boolean): Nature {
  const collection = arrayArg(v, name, args);
  const predicate = visitPredicate(v, collection, args[1]);
  if (predicate.type?.k !== 'func' || predicate.type.out === null) return v.fail(PREDICATE_MISMATCH);
  const out = N.of(predicate.type.out);
  if (mustBeBool && !N.isBool(out) && !N.isUnknown(out)) {
    v.fail(`predicate should return boolean (got ${N.natureString(out)})`);
  }
  return collection;
}

function checkGet(v: Checker, args: readonly Node[]): Nature {
  const [baseNode, propNode] = args;
  if (args.length !== 2 || baseNode === undefined || propNode === undefined) {
    return v.fail(`invalid number of arguments (expected 2, got ${args.length})`);
  }
  const base = v.visit(baseNode);
  const prop = v.visit(propNode);
  if (baseNode.k === 'ident' && baseNode.name === '$env') {
    return propNode.k === 'string' ? v.ident(propNode.value, false, false) : N.UNKNOWN;
  }
  if (N.isUnknown(base)) return N.UNKNOWN;
  if (N.isArray(base)) {
    if (!N.isInteger(prop) && !N.isUnknown(prop)) v.fail(`non-integer slice index ${N.natureString(prop)}`);
    return N.elemOf(base);
  }
  if (N.isMap(base)) {
    if (!N.assignable(prop, N.keyOf(base)) && !N.isUnknown(prop)) {
      v.fail(`cannot use ${N.natureString(prop)} to get an element from ${N.natureString(base)}`);
    }
    return N.elemOf(base);
  }
  return v.fail(`type ${N.natureString(base)} does not support indexing`);
}

/** Non-predicate built-ins: `Validate` over argument types, or the first matching overload. */
function checkFunction(v: Checker, name: string, args: Node[]): Nature {
  const spec = BUILTIN_SPECS[name];
  if (spec === undefined) return v.fail(`unknown builtin ${name}`);
  if (spec.validate !== undefined) {
    const types: ArgType[] = args.map((a) => {
      const nt = v.visit(a);
      return N.isUnknown(nt) ? N.T_ANY : (nt.type ?? null);
    });
    const t = spec.validate(types);
    return 'error' in t ? v.fail(t.error) : N.of(t);
  }
  let lastError = `no matching overload for ${name}`;
  for (const type of spec.types ?? []) {
    const r = checkArguments(v, name, type, args);
    if ('out' in r) return r.out;
    lastError = r.error;
  }
  return v.fail(lastError);
}

/**
 * Go's `checkArguments`: arity, then each argument against its parameter type.
 *
 * @example checkArguments(v, 'isNaN', fn([T_FLOAT], T_BOOL), []) // { error: 'not enough arguments to call isNaN' }
 */
export function checkArguments(v: Checker, name: string, type: FuncType, args: Node[]): ArgsResult {
  const numIn = type.params.length;
  let arity: string | undefined;
  if (type.variadic) {
    if (args.length < numIn - 1) arity = `not enough arguments to call ${name}`;
  } else if (args.length > numIn) {
    arity = `too many arguments to call ${name}`;
  } else if (args.length < numIn) {
    arity = `not enough arguments to call ${name}`;
  }
  const out = type.out === null ? N.UNKNOWN : N.of(type.out);
  if (arity !== undefined) {
    for (const arg of args) v.visit(arg);
    return { error: arity };
  }
  for (const [i, arg] of args.entries()) {
    const nt = v.visit(arg);
    const last = type.params[numIn - 1];
    const param: GoType =
      type.variadic && i >= numIn - 1 && last?.k === 'slice' ? last.elem : (type.params[i] ?? N.T_ANY);
    if (param.k === 'float64' && N.isInteger(nt)) {
      args[i] = intLiteralsToFloat(arg);
      continue;
    }
    if (param.k === 'int' && N.isInteger(nt)) continue;
    if (nt.nil === true) {
      if (param.k === 'any') continue;
      return { error: `cannot use nil as argument (type ${N.typeString(param)}) to call ${name}` };
    }
    if (!N.assignable(nt, N.of(param)) && !N.isUnknown(nt)) {
      return { error: `cannot use ${N.natureString(nt)} as argument (type ${N.typeString(param)}) to call ${name} ` };
    }
  }
  return { out };
}

/** expr's `traverseAndReplaceIntegerNodesWithFloatNodes`: literals, through unary and + - *. */
function intLiteralsToFloat(node: Node): Node {
  if (node.k === 'int') return { k: 'float', value: Number(node.value), nt: N.of(N.T_FLOAT) };
  if (node.k === 'unary') return { ...node, node: intLiteralsToFloat(node.node) };
  if (node.k === 'binary' && (node.op === '+' || node.op === '-' || node.op === '*')) {
    return { ...node, left: intLiteralsToFloat(node.left), right: intLiteralsToFloat(node.right) };
  }
  return node;
}

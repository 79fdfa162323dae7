/**
 * A small declarative schema layer. One description of a document's shape drives both the
 * validator (validate.ts: YAML node → typed value, or precise errors) and the JSON Schema
 * generator (json-schema.ts), so the two cannot drift apart.
 *
 * Example:
 *   const Latency = obj({ median: req(duration()), p99: req(duration()) });
 *   type L = Out<typeof Latency>;   // { median: number; p99: number }
 */

/** A JSON Schema fragment (draft-07 vocabulary). */
export type JsonSchema = { readonly [k: string]: unknown };

export interface Meta {
  readonly description?: string;
  readonly examples?: readonly unknown[];
}

/** A parse outcome for one scalar. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T; readonly note?: string }
  | { readonly ok: false; readonly message: string; readonly suggestion?: string };

/** Records an error at a path relative to the value being checked ('' = the value itself). */
export type Report = (relPath: string, message: string, suggestion?: string) => void;

interface Base<T> extends Meta {
  /** Phantom: carries the output type (covariantly). Never set. */
  readonly _out?: () => T;
  /** Cross-field checks run once the value itself is valid (typed by `refine`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly checks?: readonly ((value: any, report: Report) => void)[];
}

/** A YAML scalar parsed by a function (strings, numbers, durations, percentages, ...). */
export interface ScalarSchema<T> extends Base<T> {
  readonly kind: 'scalar';
  /** `value` is the YAML-typed value; `source` the text as written (`'5.0'`, `'"30"'`). */
  readonly parse: (value: unknown, source: string) => Parsed<T>;
  readonly json: JsonSchema;
}

export interface Field<T = unknown, M extends 'req' | 'opt' = 'req' | 'opt'> {
  readonly schema: Schema<T>;
  readonly mode: M;
  /** Input-form default (as a user would write it), applied when the key is absent. */
  readonly default?: unknown;
  readonly hasDefault: boolean;
}

/** A field the simulator knows but refuses, e.g. Argo's `experiment` step. */
export interface Rejection {
  readonly message: string;
  readonly suggestion?: string;
  /** Required sibling fields whose absence is not reported when this key is present. */
  readonly excuses?: readonly string[];
}

export interface ObjectSchema<T> extends Base<T> {
  readonly kind: 'object';
  readonly fields: Readonly<Record<string, Field>>;
  readonly rejected: Readonly<Record<string, Rejection>>;
  /** Unknown keys are accepted and ignored (e.g. Kubernetes ObjectMeta). */
  readonly open: boolean;
}

export interface ArraySchema<T> extends Base<T> {
  readonly kind: 'array';
  readonly items: Schema;
  readonly minItems: number;
}

export interface MapSchema<T> extends Base<T> {
  readonly kind: 'map';
  readonly values: Schema;
}

/** One of several schemas, chosen by the YAML node's shape (scalar, sequence or mapping). */
export interface ShapeSchema<T> extends Base<T> {
  readonly kind: 'shape';
  readonly scalar?: Schema;
  readonly seq?: Schema;
  readonly map?: Schema;
}

/** Anything, accepted without validation and returned as plain data (a Kubernetes PodSpec). */
export interface AnySchema<T> extends Base<T> {
  readonly kind: 'any';
}

export type Schema<T = unknown> =
  | ScalarSchema<T>
  | ObjectSchema<T>
  | ArraySchema<T>
  | MapSchema<T>
  | ShapeSchema<T>
  | AnySchema<T>;

/** The output type of a schema. */
export type Out<S> = S extends { readonly _out?: () => infer T } ? T : never;

type FieldOut<F> = F extends Field<infer T, infer M> ? (M extends 'opt' ? T | undefined : T) : never;
export type ObjOut<F extends Record<string, Field>> = { [K in keyof F]: FieldOut<F[K]> };

/** A field that must be present. */
export function req<T>(schema: Schema<T>, meta?: Meta): Field<T, 'req'> {
  return { schema: withMeta(schema, meta), mode: 'req', hasDefault: false };
}

/** A field that may be absent (value undefined). */
export function opt<T>(schema: Schema<T>, meta?: Meta): Field<T, 'opt'> {
  return { schema: withMeta(schema, meta), mode: 'opt', hasDefault: false };
}

/** A field with a default, written in input form (`'1h'`, `'0.5%'`), parsed like user input. */
export function dflt<T>(schema: Schema<T>, input: unknown, meta?: Meta): Field<T, 'req'> {
  return { schema: withMeta(schema, meta), mode: 'req', default: input, hasDefault: true };
}

export interface ObjOptions extends Meta {
  readonly rejected?: Readonly<Record<string, Rejection>>;
  readonly open?: boolean;
}

export function obj<F extends Record<string, Field>>(fields: F, o: ObjOptions = {}): ObjectSchema<ObjOut<F>> {
  return { kind: 'object', fields, rejected: o.rejected ?? {}, open: o.open ?? false, ...meta(o) };
}

export function arr<T>(items: Schema<T>, o: Meta & { minItems?: number } = {}): ArraySchema<T[]> {
  return { kind: 'array', items, minItems: o.minItems ?? 0, ...meta(o) };
}

export function map<T>(values: Schema<T>, o: Meta = {}): MapSchema<Record<string, T>> {
  return { kind: 'map', values, ...meta(o) };
}

export function shape<A = never, B = never, C = never>(
  o: Meta & { scalar?: Schema<A>; seq?: Schema<B>; map?: Schema<C> },
): ShapeSchema<A | B | C> {
  return { kind: 'shape', ...o };
}

export function any(o: Meta = {}): AnySchema<unknown> {
  return { kind: 'any', ...meta(o) };
}

export function scalar<T>(parse: ScalarSchema<T>['parse'], json: JsonSchema, o: Meta = {}): ScalarSchema<T> {
  return { kind: 'scalar', parse, json, ...meta(o) };
}

/** Adds a cross-field check, run only when the value itself parsed cleanly. */
export function refine<S extends Schema<unknown>>(schema: S, check: (value: Out<S>, report: Report) => void): S {
  const checks = [...(schema.checks ?? []), check];
  return { ...schema, checks };
}

/** Overrides description/examples (the field's own words beat the type's generic ones). */
export function withMeta<S extends Schema<unknown>>(schema: S, m: Meta | undefined): S {
  if (m === undefined) return schema;
  return { ...schema, ...meta(m) };
}

function meta(m: Meta): Meta {
  const out: { description?: string; examples?: readonly unknown[] } = {};
  if (m.description !== undefined) out.description = m.description;
  if (m.examples !== undefined) out.examples = m.examples;
  return out;
}

/** Rejection for an Argo feature the simulator does not model. */
export function notSimulated(feature: string, suggestion?: string, excuses?: readonly string[]): Rejection {
  const message = `${feature} is not simulated`;
  return { message, ...(suggestion === undefined ? {} : { suggestion }), ...(excuses === undefined ? {} : { excuses }) };
}

/**
 * A checker for the draft-07 subset the project's schemas use ($ref, anyOf, oneOf, if/then, const,
 * enum, type — one or several, 'null' included — bounds, pattern, items, uniqueItems, properties,
 * required, additionalProperties), which also covers the SARIF 2.1.0 schema (draft-04; `format`
 * and `default` are annotations here). Returns the paths that fail: [] means valid.
 */
export type J = Record<string, unknown>;

function typeOk(t: string, value: unknown): boolean {
  switch (t) {
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    default: throw new Error(`unknown JSON Schema type ${t}`);
  }
}

export function validate(schema: J, value: unknown, root: J, path = ''): string[] {
  if (typeof schema['$ref'] === 'string') {
    const name = schema['$ref'].replace('#/definitions/', '');
    const target = (root['definitions'] as J | undefined)?.[name] as J | undefined;
    if (target === undefined) throw new Error(`unresolved $ref ${schema['$ref']}`);
    return validate(target, value, root, path);
  }
  const errs: string[] = [];
  const fail = (why: string): void => void errs.push(`${path || '(root)'}: ${why}`);
  if (schema['if'] !== undefined && validate(schema['if'] as J, value, root, path).length === 0 && schema['then'] !== undefined) {
    errs.push(...validate(schema['then'] as J, value, root, path));
  }
  if ('not' in schema) fail('not allowed');
  if (Array.isArray(schema['anyOf']) && !(schema['anyOf'] as J[]).some((s) => validate(s, value, root, path).length === 0)) fail('no anyOf branch matches');
  if (Array.isArray(schema['oneOf']) && (schema['oneOf'] as J[]).filter((s) => validate(s, value, root, path).length === 0).length !== 1) fail('not exactly one oneOf branch matches');
  if ('const' in schema && value !== schema['const']) fail(`not ${String(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) fail('not in enum');
  const t = schema['type'];
  if (t !== undefined) {
    const types = Array.isArray(t) ? (t as string[]) : [t as string];
    if (!types.some((x) => typeOk(x, value))) return [...errs, `${path || '(root)'}: not ${types.join(' or ')}`];
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) fail('below minimum');
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) fail('above maximum');
    if (typeof schema['exclusiveMinimum'] === 'number' && value <= schema['exclusiveMinimum']) fail('not above exclusiveMinimum');
  }
  if (typeof value === 'string') {
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) fail('pattern mismatch');
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) fail('too short');
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) fail('too few items');
    if (schema['uniqueItems'] === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) fail('items not unique');
    if (schema['items'] !== undefined) value.forEach((v, i) => errs.push(...validate(schema['items'] as J, v, root, `${path}[${i}]`)));
  }
  const isObj = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isObj) for (const r of (schema['required'] ?? []) as string[]) if (!(r in value)) fail(`missing ${r}`);
  if (isObj && (typeOk('object', value) && (schema['properties'] !== undefined || schema['additionalProperties'] !== undefined))) {
    const props = (schema['properties'] ?? {}) as Record<string, J>;
    for (const [k, v] of Object.entries(value)) {
      const p = `${path}.${k}`;
      if (props[k] !== undefined) errs.push(...validate(props[k], v, root, p));
      else if (schema['additionalProperties'] === false) errs.push(`${p}: additional property`);
      else if (typeof schema['additionalProperties'] === 'object') errs.push(...validate(schema['additionalProperties'] as J, v, root, p));
    }
  }
  return errs;
}

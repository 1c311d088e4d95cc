/**
 * The structural half of validation: every field an object may have, with
 * its type, as the API server's strict decoding (`kubectl apply
 * --validate=strict`) and a CRD's structural schema see them. A field that
 * is not declared is refused (`spec.podselector: unknown field`), so a
 * typo can never silently widen what a policy selects.
 *
 * `null` is accepted wherever a value is: the API server decodes it as the
 * field's absence. An open object (`openObjectOf`) checks its declared
 * fields only. Fields shaped `any` are not looked into, which also
 * bounds the depth of the walk by the depth of the shape.
 */

/** @public */
export type Shape =
  | { t: 'string'; enum?: readonly string[] }
  | { t: 'int' }
  | { t: 'number' }
  | { t: 'bool' }
  | { t: 'intOrString' }
  | { t: 'scalar' }
  | { t: 'list'; of: Shape }
  | { t: 'map'; of: Shape }
  | { t: 'object'; fields: Record<string, Shape>; open?: boolean }
  | { t: 'any' };

export const STRING: Shape = { t: 'string' };
export const INT: Shape = { t: 'int' };
export const NUMBER: Shape = { t: 'number' };
export const BOOL: Shape = { t: 'bool' };
export const INT_OR_STRING: Shape = { t: 'intOrString' };
/** A string, number or boolean: what the engine reads as text (`version: 2` is `"2"`). */
export const SCALAR: Shape = { t: 'scalar' };
export const ANY: Shape = { t: 'any' };
export const STRING_LIST: Shape = { t: 'list', of: STRING };
export const STRING_MAP: Shape = { t: 'map', of: STRING };

export function listOf(of: Shape): Shape {
  return { t: 'list', of };
}

export function objectOf(fields: Record<string, Shape>): Shape {
  return { t: 'object', fields };
}

/**
 * An object whose declared fields are checked and whose other fields are
 * left alone: for the core kinds, where only the fields the engine reads
 * are described (the API server knows the rest).
 */
export function openObjectOf(fields: Record<string, Shape>): Shape {
  return { t: 'object', fields, open: true };
}

export function oneOfStrings(values: readonly string[]): Shape {
  return { t: 'string', enum: values };
}

/** `a.b`, `a[0]`, `a[key]`: the path of a child field. */
export function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function at(path: string, index: number | string): string {
  return `${path}[${index}]`;
}

/** A JSON-ish value described for a person: `a string`, `a list`... */
export function describeType(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' && Number.isInteger(value)) return 'an integer';
  return `a ${typeof value}`;
}

/** Quotes a value for a message (bounded, so a huge value cannot flood it). */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  );
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Adds to `out` every place where `value` does not have `shape`. */
export function checkShape(
  value: unknown,
  shape: Shape,
  path: string,
  out: string[],
): void {
  if (value === null || value === undefined || shape.t === 'any') return;
  const wrong = (expected: string) =>
    out.push(`${path}: must be ${expected}, not ${describeType(value)}`);
  switch (shape.t) {
    case 'string':
      if (typeof value !== 'string') wrong('a string');
      else if (shape.enum && !shape.enum.includes(value))
        out.push(
          `${path}: unsupported value ${quote(
            value,
          )}: supported values: ${shape.enum.map(v => `"${v}"`).join(', ')}`,
        );
      return;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value))
        wrong('an integer');
      return;
    case 'number':
      if (typeof value !== 'number') wrong('a number');
      return;
    case 'bool':
      if (typeof value !== 'boolean') wrong('true or false');
      return;
    case 'intOrString':
      if (
        typeof value !== 'string' &&
        !(typeof value === 'number' && Number.isInteger(value))
      )
        wrong('an integer or a string');
      return;
    case 'scalar':
      if (!isScalar(value)) wrong('a string');
      return;
    case 'list':
      if (!Array.isArray(value)) {
        wrong('a list');
        return;
      }
      value.forEach((item, i) => checkShape(item, shape.of, at(path, i), out));
      return;
    case 'map':
      if (!isMapping(value)) {
        wrong('a mapping');
        return;
      }
      for (const key of Object.keys(value))
        checkShape(value[key], shape.of, at(path, key), out);
      return;
    default:
      if (!isMapping(value)) {
        wrong('a mapping');
        return;
      }
      if (shape.open) {
        for (const key of Object.keys(shape.fields))
          if (Object.prototype.hasOwnProperty.call(value, key))
            checkShape(value[key], shape.fields[key], child(path, key), out);
        return;
      }
      for (const key of Object.keys(value)) {
        const fieldShape = Object.prototype.hasOwnProperty.call(
          shape.fields,
          key,
        )
          ? shape.fields[key]
          : undefined;
        if (!fieldShape) out.push(`${child(path, key)}: unknown field`);
        else checkShape(value[key], fieldShape, child(path, key), out);
      }
  }
}

/**
 * Whether `value` has `shape` (checkShape would find nothing), without
 * building any message: the fast answer for objects that are fine, which
 * is nearly all of them.
 */
export function fitsShape(value: unknown, shape: Shape): boolean {
  if (value === null || value === undefined || shape.t === 'any') return true;
  switch (shape.t) {
    case 'string':
      return (
        typeof value === 'string' && (!shape.enum || shape.enum.includes(value))
      );
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'bool':
      return typeof value === 'boolean';
    case 'intOrString':
      return (
        typeof value === 'string' ||
        (typeof value === 'number' && Number.isInteger(value))
      );
    case 'scalar':
      return isScalar(value);
    case 'list':
      return Array.isArray(value) && value.every(v => fitsShape(v, shape.of));
    case 'map':
      return (
        isMapping(value) &&
        Object.keys(value).every(k => fitsShape(value[k], shape.of))
      );
    default: {
      if (!isMapping(value)) return false;
      const fields = shape.fields;
      const has = (k: string) => Object.prototype.hasOwnProperty.call(fields, k);
      if (shape.open)
        return Object.keys(fields).every(
          k => !Object.prototype.hasOwnProperty.call(value, k) || fitsShape(value[k], fields[k]),
        );
      return Object.keys(value).every(k => has(k) && fitsShape(value[k], fields[k]));
    }
  }
}

/**
 * The structural half of validation: every field an object may have, with
 * its type, as the API server's strict decoding (`kubectl apply
 * --validate=strict`) and a CRD's structural schema see them. A field that
 * is not declared is refused (`spec.podselector: unknown field`), so a
 * typo can never silently widen what a policy selects.
 *
 * `null` is accepted wherever a value is: the API server decodes it as the
 * field's absence. Fields shaped `any` are not looked into, which also
 * bounds the depth of the walk by the depth of the shape.
 */

/** @public */
export type Shape =
  | { t: 'string'; enum?: readonly string[] }
  | { t: 'int' }
  | { t: 'number' }
  | { t: 'bool' }
  | { t: 'intOrString' }
  | { t: 'list'; of: Shape }
  | { t: 'map'; of: Shape }
  | { t: 'object'; fields: Record<string, Shape> }
  | { t: 'any' };

export const STRING: Shape = { t: 'string' };
export const INT: Shape = { t: 'int' };
export const NUMBER: Shape = { t: 'number' };
export const BOOL: Shape = { t: 'bool' };
export const INT_OR_STRING: Shape = { t: 'intOrString' };
export const ANY: Shape = { t: 'any' };
export const STRING_LIST: Shape = { t: 'list', of: STRING };
export const STRING_MAP: Shape = { t: 'map', of: STRING };

export function listOf(of: Shape): Shape {
  return { t: 'list', of };
}

export function objectOf(fields: Record<string, Shape>): Shape {
  return { t: 'object', fields };
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

/** Reading agent command lines and image tags. */
import type { ContainerSnapshot, ControllerSnapshot } from '../snapshot/types';

export function sourceOf(c: ControllerSnapshot): string {
  return `${c.kind} ${c.namespace}/${c.name}`;
}

export function argsOf(container: ContainerSnapshot | undefined): string[] {
  if (!container) return [];
  return [...(container.command ?? []), ...(container.args ?? [])].map(String);
}

/**
 * The value of a Go-style flag: `--name=value` or `-name=value`; a bare
 * `--name` is a boolean true. Undefined when absent; the last one wins.
 */
export function flagValue(args: string[], name: string): string | undefined {
  let value: string | undefined;
  for (const raw of args) {
    // Flags may sit inside a shell command line: split on whitespace.
    for (const arg of raw.split(/\s+/)) {
      const m = /^--?([A-Za-z0-9-]+)(?:=(.*))?$/.exec(arg);
      if (m && m[1] === name)
        value = m[2] === undefined ? 'true' : m[2].replace(/^["']|["']$/g, '');
    }
  }
  return value;
}

export function isTrue(v: string | undefined): boolean {
  return v !== undefined && ['true', '1', 't'].includes(v.toLowerCase());
}

/** `[major, minor]` of an image tag such as `calico/node:v3.30.1`, if it has one. */
export function imageVersion(
  image: string | undefined,
): [number, number] | undefined {
  const m = /:v?(\d+)\.(\d+)(?:\.\d+)?(?:[-@+].*)?$/.exec(image ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** True when `v` is at least `major.minor`. */
export function atLeast(
  v: [number, number],
  major: number,
  minor: number,
): boolean {
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

/**
 * How pods are folded into shapes: the keys and comparisons that decide
 * whether two pods look the same to every policy.
 */
import type { ContainerPortSnapshot } from '../snapshot/types';
import { compareText } from '../semantics/compareText';
import type { Labels } from '../selectors/labelSelector';

export function portsKey(ports: ContainerPortSnapshot[]): string {
  if (!ports || ports.length === 0) return '';
  return ports
    .map(
      p =>
        `${p.name ?? ''}:${p.containerPort}/${(
          p.protocol ?? 'TCP'
        ).toUpperCase()}`,
    )
    .sort()
    .join(',');
}

export function sameLabels(a: Labels, b: Labels): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return keys.length === Object.keys(b).length;
}

export function samePorts(
  a: ContainerPortSnapshot[],
  b: ContainerPortSnapshot[],
): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.containerPort !== y.containerPort ||
      x.name !== y.name ||
      (x.protocol ?? 'TCP') !== (y.protocol ?? 'TCP')
    ) {
      return false;
    }
  }
  return true;
}

export const cmp = compareText;

/**
 * The ports of an admin policy rule as a function of the destination:
 * v1alpha1 `ports` (portNumber, portRange, namedPort; protocol TCP when
 * absent) and v1alpha2 `protocols` (tcp/udp/sctp with a destination port
 * number or range, or destinationNamedPort). No list: every port of every
 * protocol. A named port matches the destination pod's container ports of
 * that name (with their protocol), and nothing at an address.
 */
import type { ContainerPortSnapshot } from '../snapshot/types';
import {
  ALL_PORTS,
  describePortSet,
  normaliseProtocol,
  NO_PORTS,
  PortRange,
  PortSet,
} from '../semantics/ports';

type Obj = Record<string, any>;

interface PortEntry {
  range?: PortRange;
  name?: string;
}

function isMapping(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function v1alpha1Entry(entry: Obj): PortEntry | undefined {
  const n = entry.portNumber;
  if (isMapping(n))
    return {
      range: {
        protocol: normaliseProtocol(n.protocol),
        from: n.port,
        to: n.port,
      },
    };
  const r = entry.portRange;
  if (isMapping(r))
    return {
      range: {
        protocol: normaliseProtocol(r.protocol),
        from: r.start,
        to: r.end,
      },
    };
  if (typeof entry.namedPort === 'string') return { name: entry.namedPort };
  return undefined;
}

function v1alpha2Entry(entry: Obj): PortEntry | undefined {
  if (typeof entry.destinationNamedPort === 'string')
    return { name: entry.destinationNamedPort };
  for (const protocol of ['tcp', 'udp', 'sctp']) {
    const dest = isMapping(entry[protocol])
      ? entry[protocol].destinationPort
      : undefined;
    if (!isMapping(dest)) continue;
    const p = protocol.toUpperCase();
    if (typeof dest.number === 'number')
      return { range: { protocol: p, from: dest.number, to: dest.number } };
    if (isMapping(dest.range))
      return {
        range: { protocol: p, from: dest.range.start, to: dest.range.end },
      };
  }
  return undefined;
}

export interface RulePorts {
  all: boolean;
  /** Whether some entry is a named port (nothing matches at an address). */
  named: boolean;
  ports(destinationPorts: ContainerPortSnapshot[] | undefined): PortSet;
  text: string;
}

/** Compiles a (validated) rule's `ports` (v1alpha1) or `protocols` (v1alpha2). */
export function compileRulePorts(list: unknown, v1alpha2: boolean): RulePorts {
  if (!Array.isArray(list) || list.length === 0)
    return {
      all: true,
      named: false,
      ports: () => ALL_PORTS,
      text: 'all ports',
    };
  const entries = list
    .filter(isMapping)
    .map(e => (v1alpha2 ? v1alpha2Entry(e) : v1alpha1Entry(e)))
    .filter((e): e is PortEntry => !!e);
  const fixed = entries.flatMap(e => (e.range ? [e.range] : []));
  const names = entries.flatMap(e => (e.name !== undefined ? [e.name] : []));
  const fixedText = fixed.length
    ? describePortSet({ all: false, ranges: fixed })
    : '';
  const text = [fixedText, ...names.map(n => `named port ${n}`)]
    .filter(Boolean)
    .join(', ');
  return {
    all: false,
    named: names.length > 0,
    text,
    ports(destinationPorts) {
      const ranges = [...fixed];
      for (const name of names)
        for (const cp of destinationPorts ?? [])
          if (cp.name === name)
            ranges.push({
              protocol: normaliseProtocol(cp.protocol),
              from: cp.containerPort,
              to: cp.containerPort,
            });
      return ranges.length ? { all: false, ranges } : NO_PORTS;
    },
  };
}

/**
 * NetworkPolicy ports. A rule's `ports` list is an OR of entries; a rule
 * with no `ports` (absent or empty) allows every port of every protocol.
 * Each entry: protocol (TCP when absent; TCP, UDP or SCTP), a port number or
 * a named port, and optionally `endPort` for a numeric range. An entry with
 * no `port` allows every port of its protocol.
 *
 * Named ports are resolved on the destination pod (for ingress the pod the
 * policy protects, for egress the pod being reached) against its container
 * ports with the same name and protocol; a name the destination does not
 * declare allows nothing there, and a name never matches an IP outside the
 * cluster.
 */
import type { ContainerPortSnapshot, NetworkPolicyPort } from '../snapshot/types';

/** @public */
export interface PortRange {
  protocol: string;
  from: number;
  to: number;
}

/** A set of (protocol, port) pairs. @public */
export type PortSet = { all: true } | { all: false; ranges: PortRange[] };

/** @public */
export const ALL_PORTS: PortSet = Object.freeze({ all: true }) as PortSet;
/** @public */
export const NO_PORTS: PortSet = Object.freeze({
  all: false,
  ranges: [],
}) as PortSet;

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);
const MAX_PORT = 65535;

/** One compiled `ports` entry. */
export interface CompiledPort {
  protocol: string;
  /** Numeric port (with `endPort` when a range); absent means all ports. */
  from?: number;
  to?: number;
  /** Named port, resolved on the destination. */
  name?: string;
  valid: boolean;
  text: string;
}

export interface CompiledPorts {
  /** No `ports` list: every port of every protocol. */
  all: boolean;
  entries: CompiledPort[];
  problems: string[];
}

/** Normalises a protocol name (TCP when absent). */
export function normaliseProtocol(protocol: string | undefined | null): string {
  return (protocol ?? 'TCP').toString().toUpperCase();
}

export function compilePorts(
  ports: NetworkPolicyPort[] | undefined | null,
  where: string,
): CompiledPorts {
  if (!Array.isArray(ports) || ports.length === 0) {
    return { all: true, entries: [], problems: [] };
  }
  const problems: string[] = [];
  const entries = ports.map((p, i): CompiledPort => {
    const at = `${where} port ${i + 1}`;
    const protocol = normaliseProtocol(p?.protocol);
    let valid = true;
    if (!PROTOCOLS.has(protocol)) {
      problems.push(
        `${at}: unknown protocol "${p?.protocol}" (TCP, UDP or SCTP)`,
      );
      valid = false;
    }
    const raw = p?.port;
    if (raw === undefined || raw === null) {
      if (p?.endPort !== undefined && p?.endPort !== null) {
        problems.push(`${at}: endPort needs a numeric port`);
        valid = false;
      }
      return { protocol, valid, text: `${protocol}/*` };
    }
    let numeric: number | undefined;
    if (typeof raw === 'number') numeric = raw;
    else if (/^\d+$/.test(String(raw))) numeric = Number(raw);
    if (numeric === undefined) {
      const name = String(raw);
      if (p?.endPort !== undefined && p?.endPort !== null) {
        problems.push(
          `${at}: endPort cannot be used with the named port "${name}"`,
        );
        valid = false;
      }
      return { protocol, name, valid, text: `${protocol}/${name}` };
    }
    if (!Number.isInteger(numeric) || numeric < 1 || numeric > MAX_PORT) {
      problems.push(`${at}: port ${raw} is out of range 1-65535`);
      valid = false;
    }
    let to = numeric;
    if (p?.endPort !== undefined && p?.endPort !== null) {
      const end = Number(p.endPort);
      if (!Number.isInteger(end) || end < numeric || end > MAX_PORT) {
        problems.push(
          `${at}: endPort ${p.endPort} must be between ${numeric} and 65535`,
        );
        valid = false;
      } else {
        to = end;
      }
    }
    return {
      protocol,
      from: numeric,
      to,
      valid,
      text:
        to !== numeric
          ? `${protocol}/${numeric}-${to}`
          : `${protocol}/${numeric}`,
    };
  });
  return { all: false, entries, problems };
}

/**
 * The ports a rule allows toward one destination. `destinationPorts` is the
 * container ports of the destination pod; `undefined` for an IP.
 */
export function resolvePorts(
  ports: CompiledPorts,
  destinationPorts: ContainerPortSnapshot[] | undefined,
): PortSet {
  if (ports.all) return ALL_PORTS;
  const ranges: PortRange[] = [];
  for (const e of ports.entries) {
    if (!e.valid) continue;
    if (e.name !== undefined) {
      for (const cp of destinationPorts ?? []) {
        if (
          cp.name === e.name &&
          normaliseProtocol(cp.protocol) === e.protocol
        ) {
          ranges.push({
            protocol: e.protocol,
            from: cp.containerPort,
            to: cp.containerPort,
          });
        }
      }
    } else if (e.from === undefined) {
      ranges.push({ protocol: e.protocol, from: 1, to: MAX_PORT });
    } else {
      ranges.push({ protocol: e.protocol, from: e.from, to: e.to ?? e.from });
    }
  }
  return ranges.length ? { all: false, ranges } : NO_PORTS;
}

export function isEmptyPortSet(set: PortSet): boolean {
  return !set.all && set.ranges.length === 0;
}

export function portSetContains(
  set: PortSet,
  protocol: string,
  port: number,
): boolean {
  if (set.all) return true;
  return set.ranges.some(
    r => r.protocol === protocol && r.from <= port && port <= r.to,
  );
}

export function unionPorts(a: PortSet, b: PortSet): PortSet {
  if (a.all || b.all) return ALL_PORTS;
  if (a.ranges.length === 0) return b;
  if (b.ranges.length === 0) return a;
  return { all: false, ranges: [...a.ranges, ...b.ranges] };
}

export function intersectPorts(a: PortSet, b: PortSet): PortSet {
  if (a.all) return b;
  if (b.all) return a;
  const out: PortRange[] = [];
  for (const x of a.ranges) {
    for (const y of b.ranges) {
      if (x.protocol !== y.protocol) continue;
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ protocol: x.protocol, from, to });
    }
  }
  return out.length ? { all: false, ranges: out } : NO_PORTS;
}

export function portsIntersect(a: PortSet, b: PortSet): boolean {
  return !isEmptyPortSet(intersectPorts(a, b));
}

/** `all ports`, `TCP/80, UDP/53`, `TCP/8000-8080`, or `no port`. */
export function describePortSet(set: PortSet): string {
  if (set.all) return 'all ports';
  if (set.ranges.length === 0) return 'no port';
  const seen = new Set<string>();
  const parts: string[] = [];
  const sorted = [...set.ranges].sort(
    (x, y) =>
      x.protocol.localeCompare(y.protocol) || x.from - y.from || x.to - y.to,
  );
  for (const r of sorted) {
    let t = `${r.protocol}/${r.from}-${r.to}`;
    if (r.from === r.to) t = `${r.protocol}/${r.from}`;
    if (r.from === 1 && r.to === MAX_PORT) t = `${r.protocol}/*`;
    if (!seen.has(t)) {
      seen.add(t);
      parts.push(t);
    }
  }
  return parts.join(', ');
}

/** Describes a rule's `ports` as written (`all ports`, `TCP/http, UDP/53`). */
export function describeCompiledPorts(ports: CompiledPorts): string {
  return ports.all ? 'all ports' : ports.entries.map(e => e.text).join(', ');
}

const ALL_RANGES: PortRange[] = [...PROTOCOLS].map(protocol => ({
  protocol,
  from: 1,
  to: MAX_PORT,
}));

/** Ranges merged per protocol, sorted; `all` again when every protocol is whole. */
function normaliseRanges(ranges: PortRange[]): PortSet {
  const out: PortRange[] = [];
  const sorted = [...ranges].sort(
    (x, y) => x.protocol.localeCompare(y.protocol) || x.from - y.from,
  );
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.protocol === r.protocol && r.from <= last.to + 1) {
      last.to = Math.max(last.to, r.to);
    } else {
      out.push({ ...r });
    }
  }
  const whole = ALL_RANGES.every(a =>
    out.some(
      r => r.protocol === a.protocol && r.from === 1 && r.to === MAX_PORT,
    ),
  );
  if (whole) return ALL_PORTS;
  return out.length ? { all: false, ranges: out } : NO_PORTS;
}

/**
 * `a` without `b`: what is left for later rules once a rule has decided
 * some ports (ordered policies: Calico, the admin tiers, Cilium deny).
 */
export function subtractPorts(a: PortSet, b: PortSet): PortSet {
  if (b.all) return NO_PORTS;
  if (!a.all && a.ranges.length === 0) return NO_PORTS;
  if (b.ranges.length === 0) return a;
  let left = a.all ? ALL_RANGES.map(r => ({ ...r })) : a.ranges;
  for (const cut of b.ranges) {
    const next: PortRange[] = [];
    for (const r of left) {
      if (r.protocol !== cut.protocol || cut.to < r.from || cut.from > r.to) {
        next.push(r);
        continue;
      }
      if (cut.from > r.from)
        next.push({ protocol: r.protocol, from: r.from, to: cut.from - 1 });
      if (cut.to < r.to)
        next.push({ protocol: r.protocol, from: cut.to + 1, to: r.to });
    }
    left = next;
  }
  return normaliseRanges(left);
}

/**
 * Port lists of the other kinds, read into the NetworkPolicy port form so
 * that one resolver (named ports on the destination, ranges) serves all.
 */
import type { NetworkPolicyPort } from '../snapshot/types';
import { compilePorts, CompiledPorts } from '../semantics/ports';

/** Every protocol a port rule can name. */
export const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/**
 * Ports as Cilium writes them (`toPorts[].ports[]`: `port` a string
 * number, a name, or `0`/absent for all ports; `protocol` TCP, UDP, SCTP
 * or ANY; `endPort`). Absent or empty: every port.
 */
export function ciliumPorts(toPorts: unknown, where: string): CompiledPorts {
  if (!Array.isArray(toPorts) || toPorts.length === 0)
    return compilePorts(undefined, where);
  const list: NetworkPolicyPort[] = [];
  for (const entry of toPorts) {
    const ports = (entry as { ports?: unknown })?.ports;
    if (!Array.isArray(ports) || ports.length === 0) {
      // A toPorts entry without ports (L7 rules only) covers every port.
      return compilePorts(undefined, where);
    }
    for (const p of ports as Array<Record<string, unknown>>) {
      const raw = p?.port;
      const protocol = String(p?.protocol ?? 'ANY').toUpperCase();
      let port: number | string | undefined;
      if (!(raw === undefined || raw === null || raw === '' || String(raw) === '0'))
        port = /^\d+$/.test(String(raw)) ? Number(raw) : String(raw);
      const endPort =
        p?.endPort !== undefined && port !== undefined
          ? Number(p.endPort)
          : undefined;
      const protocols = protocol === 'ANY' ? PORT_PROTOCOLS : [protocol];
      for (const proto of protocols) {
        list.push({
          protocol: proto,
          ...(port !== undefined ? { port } : {}),
          ...(endPort ? { endPort } : {}),
        });
      }
    }
  }
  return compilePorts(list, where);
}

/**
 * Ports as Calico writes them: a rule `protocol` (TCP, UDP, SCTP, a
 * number, or absent for all) and `destination.ports` (numbers, `80:90`
 * ranges, names). A protocol without ports (ICMP...) matches no port.
 */
export function calicoPorts(
  protocol: unknown,
  ports: unknown,
  where: string,
): CompiledPorts | 'none' {
  const numeric: Record<string, string> = { '6': 'TCP', '17': 'UDP', '132': 'SCTP' };
  const proto =
    protocol === undefined || protocol === null
      ? undefined
      : numeric[String(protocol)] ?? String(protocol).toUpperCase();
  if (proto !== undefined && !PORT_PROTOCOLS.includes(proto)) return 'none';
  const protocols = proto ? [proto] : PORT_PROTOCOLS;
  if (!Array.isArray(ports) || ports.length === 0) {
    return proto
      ? compilePorts([{ protocol: proto }], where)
      : compilePorts(undefined, where);
  }
  const list: NetworkPolicyPort[] = [];
  for (const raw of ports) {
    const text = String(raw);
    const range = /^(\d+):(\d+)$/.exec(text);
    for (const p of protocols) {
      if (range)
        list.push({ protocol: p, port: Number(range[1]), endPort: Number(range[2]) });
      else if (/^\d+$/.test(text)) list.push({ protocol: p, port: Number(text) });
      else list.push({ protocol: p, port: text });
    }
  }
  return compilePorts(list, where);
}

/**
 * A Service as a snapshot keeps it: its namespace, name, selector and
 * ports (port, targetPort, protocol, name), nothing else. Generated
 * policies read it to allow the ports a Service sends to when the pods'
 * containers declare none. A cluster has few Services next to its pods,
 * and these records are small; a Service that selects no pods (no
 * selector: endpoints kept by hand, ExternalName) is skipped.
 */
import type { RecordInterner } from './recordInterner';
import type { ServicePortSnapshot, ServiceSnapshot } from './types';

function servicePorts(ports: unknown): ServicePortSnapshot[] {
  const out: ServicePortSnapshot[] = [];
  if (!Array.isArray(ports)) return out;
  for (const p of ports) {
    if (!p || typeof p !== 'object' || !Number.isInteger(p.port)) continue;
    // Field by field, in one order: records of one shape.
    const entry: ServicePortSnapshot = { port: p.port };
    if (typeof p.name === 'string' && p.name) entry.name = p.name;
    if (Number.isInteger(p.targetPort) || (typeof p.targetPort === 'string' && p.targetPort)) {
      entry.targetPort = p.targetPort;
    }
    if (typeof p.protocol === 'string' && p.protocol) entry.protocol = p.protocol;
    out.push(entry);
  }
  return out;
}

function selectorOf(spec: any): Record<string, string> | undefined {
  const s = spec?.selector;
  if (!s || typeof s !== 'object' || Array.isArray(s)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) {
    if (typeof v === 'string') out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The record of a Service, or undefined when it selects no pods. */
export function serviceRecord(
  obj: Record<string, any>,
  namespace: string,
  name: string,
  intern: RecordInterner,
): ServiceSnapshot | undefined {
  const selector = selectorOf(obj.spec);
  if (!selector) return undefined;
  return { namespace, name, selector: intern.stringMap(selector), ports: servicePorts(obj.spec?.ports) };
}

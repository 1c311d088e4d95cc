/**
 * Reading the fields of raw Kubernetes objects the engine keeps: string
 * maps, owner references, container ports and containers, the pod template
 * of each controller kind, service accounts, pod addresses. Tolerant of
 * whatever a manifest holds: a field of the wrong type reads as absent.
 */
import type { ContainerPortSnapshot, ContainerSnapshot, OwnerReference } from './types';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export function stringMap(v: unknown, skip?: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const k in v) {
      if (k === skip || !Object.prototype.hasOwnProperty.call(v, k)) continue;
      const val = (v as Record<string, unknown>)[k];
      if (val !== undefined && val !== null) {
        out[k] = typeof val === 'string' ? val : String(val);
      }
    }
  }
  return out;
}

export function ownerRefs(v: unknown): OwnerReference[] {
  const out: OwnerReference[] = [];
  if (!Array.isArray(v)) return out;
  for (const r of v) {
    if (!r || typeof r !== 'object' || !r.kind || !r.name) continue;
    const ref: OwnerReference = { kind: String(r.kind), name: String(r.name) };
    if (r.uid) ref.uid = String(r.uid);
    if (r.controller !== undefined) ref.controller = !!r.controller;
    out.push(ref);
  }
  return out;
}

export function addPorts(c: any, out: ContainerPortSnapshot[]): void {
  if (!Array.isArray(c?.ports)) return;
  for (const p of c.ports) {
    const port =
      typeof p?.containerPort === 'number'
        ? p.containerPort
        : Number(p?.containerPort);
    if (!Number.isInteger(port)) continue;
    // Built field by field (no spreads): objects of one shape stay fast to read.
    const entry: ContainerPortSnapshot = { containerPort: port };
    if (p.name) entry.name = String(p.name);
    if (p.protocol) entry.protocol = String(p.protocol);
    out.push(entry);
  }
}

export function containerPorts(podSpec: any): ContainerPortSnapshot[] {
  const out: ContainerPortSnapshot[] = [];
  if (Array.isArray(podSpec?.containers)) {
    for (const c of podSpec.containers) addPorts(c, out);
  }
  // Sidecars (init containers that keep running) listen too.
  if (Array.isArray(podSpec?.initContainers)) {
    for (const c of podSpec.initContainers) {
      if (c?.restartPolicy === 'Always') addPorts(c, out);
    }
  }
  return out;
}

export function containers(podSpec: any): ContainerSnapshot[] {
  const out: ContainerSnapshot[] = [];
  if (!Array.isArray(podSpec?.containers)) return out;
  for (const c of podSpec.containers) {
    const entry: ContainerSnapshot = { name: String(c?.name ?? '') };
    if (c?.image) entry.image = String(c.image);
    if (Array.isArray(c?.command)) entry.command = c.command.map(String);
    if (Array.isArray(c?.args)) entry.args = c.args.map(String);
    if (Array.isArray(c?.env)) {
      // Only literal values: references to secrets are never copied.
      entry.env = [];
      for (const e of c.env) {
        if (!e?.name) continue;
        const v: { name: string; value?: string } = { name: String(e.name) };
        if (typeof e.value === 'string') v.value = e.value;
        entry.env.push(v);
      }
    }
    out.push(entry);
  }
  return out;
}

export function podTemplate(kind: string, spec: any): any {
  return kind === 'CronJob'
    ? spec?.jobTemplate?.spec?.template
    : spec?.template;
}

export function apiGroup(apiVersion: unknown): string {
  const v = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = v.indexOf('/');
  return slash < 0 ? '' : v.slice(0, slash);
}

export function serviceAccountOf(podSpec: any): string | undefined {
  // `serviceAccount` is the deprecated alias the API server still fills.
  const sa = podSpec?.serviceAccountName ?? podSpec?.serviceAccount;
  return typeof sa === 'string' && sa ? sa : undefined;
}

export function podIPs(status: any): string[] {
  const ips: string[] = [];
  if (Array.isArray(status?.podIPs)) {
    for (const p of status.podIPs) if (p?.ip) ips.push(String(p.ip));
  }
  if (ips.length === 0 && status?.podIP) ips.push(String(status.podIP));
  return ips;
}

/**
 * What one Kubernetes object contributes to a snapshot: a record the engine
 * keeps, or the kind of an object it does not use.
 * @public
 */

/**
 * Shares the equal parts of snapshot records within one snapshot. A large
 * cluster's pods repeat themselves: every replica of a ReplicaSet has the
 * same labels, owner reference and ports as its siblings (and as the
 * ReplicaSet's pod template), and a few hundred namespace names recur in
 * every record. Keeping one object per distinct value instead of one per
 * pod is most of a scan's memory at 100,000 pods.
 *
 * The shared objects are read-only by contract: the engine never writes to
 * a record (it indexes and reports them), so equal values can be the same
 * object. An interner lives as long as one snapshot's build and is then
 * garbage with it; it never crosses snapshots.
 */
import type { ContainerPortSnapshot, ContainerSnapshot, OwnerReference } from './types';

/** Between the parts of a key (each part carries its length too). */
const SEP = '\u0000';

/** @public */
export class RecordInterner {
  private readonly strings = new Map<string, string>();
  private readonly maps = new Map<string, Record<string, string>>();
  private readonly owners = new Map<string, OwnerReference[]>();
  private readonly ports = new Map<string, ContainerPortSnapshot[]>();
  private readonly noStrings: string[] = [];
  private readonly noContainerList: ContainerSnapshot[] = [];

  /** One string object per distinct value (namespace names, phases, service accounts). */
  string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  /**
   * One object per distinct string map, key order included (the order is
   * what JSON output and reports show, so maps equal but ordered
   * differently stay distinct).
   */
  stringMap(map: Record<string, string>): Record<string, string> {
    const parts: string[] = [];
    for (const k of Object.keys(map)) parts.push(part(k), part(map[k]));
    return intern(this.maps, parts.join(SEP), map);
  }

  ownerReferences(refs: OwnerReference[]): OwnerReference[] {
    const parts: string[] = [];
    for (const r of refs) {
      parts.push(part(r.kind), part(r.name), part(r.uid), String(r.controller));
    }
    return intern(this.owners, parts.join(SEP), refs, exact);
  }

  containerPorts(list: ContainerPortSnapshot[]): ContainerPortSnapshot[] {
    const parts: string[] = [];
    for (const p of list) parts.push(String(p.containerPort), part(p.name), part(p.protocol));
    return intern(this.ports, parts.join(SEP), list, exact);
  }

  /** A pod's addresses: the empty list is shared, the others are one string each and stay. */
  podIPs(ips: string[]): string[] {
    return ips.length === 0 ? this.noStrings : exact(ips);
  }

  /** The containers of a controller whose containers nothing reads: one shared empty list. */
  noContainers(): ContainerSnapshot[] {
    return this.noContainerList;
  }
}

/** A key part: its length first, so no value can fake a boundary; `-` for absent. */
function part(value: string | undefined): string {
  return value === undefined ? '-' : `${value.length}:${value}`;
}

/**
 * A list with no spare capacity: lists built by `push` keep room for more
 * (17 slots for one element), which at 100,000 pods is megabytes of nothing.
 */
function exact<T>(list: T[]): T[] {
  return list.slice();
}

function intern<V>(table: Map<string, V>, key: string, value: V, store: (v: V) => V = v => v): V {
  const known = table.get(key);
  if (known !== undefined) return known;
  const kept = store(value);
  table.set(key, kept);
  return kept;
}

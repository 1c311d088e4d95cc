/**
 * The connections the catalog declares for one entity: ingress from the
 * components that depend on it or consume an API it provides, egress to
 * what it depends on and to the providers of the APIs it consumes, and the
 * cluster DNS every pod needs. A `system:` in dependsOn (or dependencyOf)
 * stands for the components of that system. `B.dependencyOf: [A]` is the
 * same relation as `A.dependsOn: [B]` (the catalog keeps them as a pair)
 * and gives the same connection, with the same reason. Relations to entities the list does not hold
 * are dropped: nothing tells where they run.
 */
import { CatalogComponent, CLUSTER_DNS, ExpectedConnection } from './types';

const DNS_REASON = 'every pod resolves names';

function lower(ref: string): string {
  return ref.trim().toLowerCase();
}

/** What `ref` names as a target: itself, or the components of a system. */
function targetsOf(ref: string, components: CatalogComponent[]): string[] {
  const key = lower(ref);
  if (key.startsWith('system:')) {
    return components.filter(c => c.system && lower(c.system) === key).map(c => c.ref);
  }
  const hit = components.find(c => lower(c.ref) === key);
  return hit ? [hit.ref] : [];
}

function has(list: string[] | undefined, ref: string): boolean {
  return (list ?? []).some(r => lower(r) === lower(ref));
}

/** Edges declared by one component, whichever side it is on. */
function edgesOf(c: CatalogComponent, components: CatalogComponent[]) {
  const edges: Array<{ from: string; to: string; because: string }> = [];
  for (const dep of c.dependsOn ?? []) {
    for (const target of targetsOf(dep, components)) {
      edges.push({ from: c.ref, to: target, because: `dependsOn ${dep}` });
    }
  }
  for (const dependent of c.dependencyOf ?? []) {
    for (const source of targetsOf(dependent, components)) {
      edges.push({ from: source, to: c.ref, because: `dependsOn ${c.ref}` });
    }
  }
  for (const api of c.consumesApis ?? []) {
    for (const provider of components.filter(p => has(p.providesApis, api))) {
      edges.push({ from: c.ref, to: provider.ref, because: `consumes ${api}` });
    }
  }
  return edges;
}

/**
 * Every connection the catalog declares, deduplicated (one per direction
 * and pair, with every reason), then DNS for each component that runs on
 * Kubernetes. A component never connects to itself here: traffic inside a
 * workload is not a network policy question.
 * @public
 */
export function allExpectedConnections(components: CatalogComponent[]): ExpectedConnection[] {
  const byKey = new Map<string, ExpectedConnection>();
  for (const c of components) {
    for (const e of edgesOf(c, components)) {
      if (lower(e.from) === lower(e.to)) continue;
      const key = `${lower(e.from)}\u0000${lower(e.to)}`;
      const known = byKey.get(key);
      if (known) {
        if (!known.because.includes(e.because)) known.because.push(e.because);
      } else {
        byKey.set(key, { from: e.from, to: e.to, because: [e.because] });
      }
    }
  }
  const out = [...byKey.values()];
  for (const c of components) {
    if (c.mapping.mapped) out.push({ from: c.ref, to: CLUSTER_DNS, because: [DNS_REASON] });
  }
  return out;
}

/** The declared connections with `entityRef` at one end. @public */
export function expectedConnections(
  entityRef: string,
  components: CatalogComponent[],
): ExpectedConnection[] {
  const self = lower(entityRef);
  return allExpectedConnections(components).filter(
    c => lower(c.from) === self || lower(c.to) === self,
  );
}

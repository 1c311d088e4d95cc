/**
 * Objects refused as invalid (snapshot.invalidObjects): never evaluated,
 * but never silent either. Each is listed on its namespace
 * (`NamespaceReport.ignored`); a cluster-scoped one is listed on every
 * namespace (it could have applied to any of them). Any control whose
 * verdict it could have changed says so in its reason: the presence,
 * coverage and default-deny controls when they do not pass (the object
 * might have made them pass), NETPOL-006 when it does not warn (the
 * object might have re-opened traffic); for an ignored Pod or controller,
 * the workload controls whatever they say (the workload might be the one
 * a pass misses).
 */
import type { InvalidObjectSnapshot } from '../snapshot/types';
import type { ControlResult, NamespaceReport, PolicyRef } from '../report';
import { readKindOf } from '../snapshot/readKinds';

export type Ignored = NonNullable<NamespaceReport['ignored']>;

export function ignoredByNamespace(
  invalid: InvalidObjectSnapshot[] | undefined,
): { byNamespace: Map<string, Ignored>; clusterScoped: Ignored } {
  const byNamespace = new Map<string, Ignored>();
  const clusterScoped: Ignored = [];
  for (const o of invalid ?? []) {
    const object: PolicyRef = {
      kind: o.kind,
      name: o.name,
      ...(o.namespace ? { namespace: o.namespace } : {}),
    };
    const entry = { object, problems: [...(o.problems ?? [])] };
    if (!o.namespace) {
      clusterScoped.push(entry);
      continue;
    }
    let list = byNamespace.get(o.namespace);
    if (!list) byNamespace.set(o.namespace, (list = []));
    list.push(entry);
  }
  return { byNamespace, clusterScoped };
}

/** Pods and their controllers: what the workload controls count. */
function isWorkload(kind: string): boolean {
  const read = readKindOf(kind);
  return read === 'pod' || read === 'controller';
}

function could(result: ControlResult, workloads: boolean): boolean {
  switch (result.control) {
    case 'NETPOL-001':
      return result.status === 'fail' || result.status === 'unknown';
    case 'NETPOL-003':
    case 'NETPOL-004':
    case 'NETPOL-005':
      // An ignored workload may be the one a pass (or "no workload") misses.
      return (
        workloads || result.status === 'fail' || result.status === 'unknown'
      );
    case 'NETPOL-006':
      return result.status === 'pass' || result.status === 'not-applicable';
    default:
      return false;
  }
}

/** `1 NetworkPolicy ignored as invalid: shop/x (spec.ingress[0].from[0]: must specify a peer)` */
export function ignoredText(ignored: Ignored): string {
  const kinds = [...new Set(ignored.map(i => i.object.kind))];
  const what =
    kinds.length === 1
      ? `${ignored.length} ${kinds[0]}${ignored.length === 1 ? '' : ' objects'}`
      : `${ignored.length} objects`;
  const items = ignored
    .map(
      i =>
        `${kinds.length === 1 ? '' : `${i.object.kind} `}${
          i.object.namespace ? `${i.object.namespace}/` : ''
        }${i.object.name} (${i.problems.join('; ')})`,
    )
    .join(', ');
  return `${what} ignored as invalid: ${items}`;
}

export function withIgnored(
  results: ControlResult[],
  ignored: Ignored,
): ControlResult[] {
  if (ignored.length === 0) return results;
  const text = ignoredText(ignored);
  const workloads = ignored.some(i => isWorkload(i.object.kind));
  return results.map(r =>
    could(r, workloads)
      ? {
          ...r,
          reason: `${r.reason}. ${text}`,
          evidence: {
            ...r.evidence,
            notes: [...(r.evidence.notes ?? []), text],
          },
        }
      : r,
  );
}

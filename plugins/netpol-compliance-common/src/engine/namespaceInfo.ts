/** A namespace as the index keeps it, declared or only referenced by other objects. */
import type { NamespaceSnapshot } from '../snapshot/types';
import type { Labels } from '../selectors/labelSelector';
import { NAMESPACE_NAME_LABEL } from '../snapshot/wellKnownLabels';

export interface NamespaceInfo {
  name: string;
  /** Labels, always with `kubernetes.io/metadata.name` (the API server sets it). */
  labels: Labels;
  annotations: Record<string, string>;
  /** False when only referenced by other objects. */
  declared: boolean;
  /** Key for namespace-selector memos. */
  memoKey: string;
}

export function namespaceInfo(
  ns: NamespaceSnapshot | undefined,
  name: string,
): NamespaceInfo {
  return {
    name,
    labels: { ...(ns?.labels ?? {}), [NAMESPACE_NAME_LABEL]: name },
    annotations: ns?.annotations ?? {},
    declared: !!ns,
    memoKey: `\u0002${name}`,
  };
}

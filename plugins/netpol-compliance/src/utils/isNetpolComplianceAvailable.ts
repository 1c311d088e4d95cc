import type { Entity } from '@backstage/catalog-model';
import { KUBERNETES_MAPPING_ANNOTATIONS } from '@netpol/plugin-netpol-compliance-common';

/**
 * True when the entity carries any of the Kubernetes annotations that map it
 * to namespaces (`backstage.io/kubernetes-id`,
 * `backstage.io/kubernetes-label-selector`,
 * `backstage.io/kubernetes-namespace`).
 *
 * @public
 */
export function isNetpolComplianceAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return KUBERNETES_MAPPING_ANNOTATIONS.some(
    annotation => (annotations[annotation] ?? '').trim() !== '',
  );
}

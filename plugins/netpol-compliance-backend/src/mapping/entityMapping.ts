import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  EntityMapping,
  LabelSelector,
  parseLabelSelectorString,
} from '@netpol/plugin-netpol-compliance-common';
import { pinsNoLabelValue } from './selectorBreadth';

/** What an operator allows beyond the default mapping rules. */
export interface EntityMappingOptions {
  /**
   * Maps entities whose label selector names no label value (`x!=y`, `!x`,
   * `k notin (a)`, `k`): config `netpolCompliance.entityAccess.allowBroadSelectors`.
   */
  allowBroadSelectors?: boolean;
}

function splitList(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/**
 * Maps an entity to the namespaces it runs in, from the standard kubernetes
 * annotations, as the kubernetes backend does, with two extensions users ask
 * for: several namespaces (comma separated), and the cluster annotation
 * honoured whatever the service locator.
 *
 * - namespace annotation: those namespaces, on every cluster (or the
 *   annotated clusters);
 * - otherwise the namespaces where a workload matches the label selector
 *   (the label-selector annotation, else `backstage.io/kubernetes-id=<id>`).
 */
export function mapEntity(entity: Entity, options: EntityMappingOptions = {}): EntityMapping {
  const annotations = entity.metadata.annotations ?? {};
  const namespaces = splitList(annotations[ANNOTATION_KUBERNETES_NAMESPACE]);
  const clusters = splitList(annotations[ANNOTATION_KUBERNETES_CLUSTER]);
  const selector = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR]?.trim();
  const id = annotations[ANNOTATION_KUBERNETES_ID]?.trim();
  if (!namespaces && !selector && !id) {
    return {
      mapped: false,
      reason: `The entity has none of the annotations ${ANNOTATION_KUBERNETES_ID}, ${ANNOTATION_KUBERNETES_LABEL_SELECTOR} or ${ANNOTATION_KUBERNETES_NAMESPACE}, so it cannot be mapped to namespaces.`,
    };
  }
  const labelSelector = selector || (id ? `${ANNOTATION_KUBERNETES_ID}=${id}` : undefined);
  if (labelSelector) {
    const annotation = selector ? ANNOTATION_KUBERNETES_LABEL_SELECTOR : ANNOTATION_KUBERNETES_ID;
    let parsed: LabelSelector;
    try {
      parsed = parseLabelSelectorString(labelSelector);
    } catch (e) {
      return {
        mapped: false,
        reason: `The label selector "${labelSelector}" cannot be parsed: ${(e as Error).message}. Fix the ${annotation} annotation.`,
      };
    }
    // With named namespaces the selector picks no namespace, so it cannot widen the view.
    if (!namespaces && !options.allowBroadSelectors && pinsNoLabelValue(parsed)) {
      return {
        mapped: false,
        reason: `The label selector "${labelSelector}" names no label value (only !=, notin, !key or a bare key), so it would match the workloads of every team on every cluster; it is refused. Give the ${annotation} annotation a requirement such as app=<name> or app in (<names>), or name the namespaces with ${ANNOTATION_KUBERNETES_NAMESPACE}. An operator can allow such selectors with netpolCompliance.entityAccess.allowBroadSelectors.`,
      };
    }
  }
  return { mapped: true, namespaces, clusters, labelSelector };
}

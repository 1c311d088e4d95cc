/**
 * Entity annotations. The first two are the kubernetes plugin's own (its
 * exported constants carry the same strings); the namespace and cluster
 * annotations have no constant upstream, so they live here.
 */

/** @public */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** @public */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR =
  'backstage.io/kubernetes-label-selector';
/**
 * One namespace, or several separated by commas (an extension: upstream
 * reads one).
 * @public
 */
export const ANNOTATION_KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';
/** Cluster name(s), comma separated; honoured in every mode. @public */
export const ANNOTATION_KUBERNETES_CLUSTER = 'backstage.io/kubernetes-cluster';

/**
 * On a Namespace object: exempts it from the namespace controls; the value is
 * the reason shown.
 * @public
 */
export const ANNOTATION_NAMESPACE_EXEMPT = 'netpol-compliance.io/exempt';

/** On an entity or its owner group: a team runbook linked before the docs. @public */
export const ANNOTATION_RUNBOOK = 'netpol-compliance.io/runbook-url';

/** @public */
export const KUBERNETES_MAPPING_ANNOTATIONS = [
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
] as const;

/**
 * How Cilium and Calico see a pod: its own labels plus the labels the
 * engine adds. Cilium adds `io.kubernetes.pod.namespace` (the namespace
 * name), `io.cilium.k8s.namespace.labels.<key>` (the namespace's labels)
 * and `io.cilium.k8s.policy.serviceaccount` (the pod's service account);
 * Calico adds `projectcalico.org/namespace`,
 * `projectcalico.org/orchestrator`, `projectcalico.org/serviceaccount` and
 * `pcns.<key>`. These labels never appear on the Pod object, which is why
 * matching a Cilium policy against pod labels alone gives false negatives.
 * Built lazily, once per pod shape.
 */
import type { Labels } from '../selectors/labelSelector';

export const CILIUM_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const CILIUM_SERVICE_ACCOUNT_LABEL = 'io.cilium.k8s.policy.serviceaccount';
export const CILIUM_NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';

export class EndpointView {
  private cilium?: Labels;
  private calico?: Labels;

  constructor(
    readonly namespace: string,
    readonly namespaceLabels: Labels,
    readonly labels: Labels,
    /** `spec.serviceAccountName`; the API server sets `default` when absent. */
    readonly serviceAccount: string = 'default',
  ) {}

  ciliumLabels(): Labels {
    if (!this.cilium) {
      const out: Labels = { ...this.labels };
      for (const [k, v] of Object.entries(this.namespaceLabels)) {
        out[`${CILIUM_NAMESPACE_LABELS_PREFIX}${k}`] = v;
      }
      out[CILIUM_NAMESPACE_LABEL] = this.namespace;
      out[CILIUM_SERVICE_ACCOUNT_LABEL] = this.serviceAccount;
      this.cilium = out;
    }
    return this.cilium;
  }

  calicoLabels(): Labels {
    if (!this.calico) {
      const out: Labels = { ...this.labels };
      for (const [k, v] of Object.entries(this.namespaceLabels))
        out[`pcns.${k}`] = v;
      out['projectcalico.org/namespace'] = this.namespace;
      out['projectcalico.org/orchestrator'] = 'k8s';
      out['projectcalico.org/serviceaccount'] = this.serviceAccount;
      this.calico = out;
    }
    return this.calico;
  }
}

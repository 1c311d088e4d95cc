/**
 * How Cilium and Calico see a pod: its own labels plus the labels the
 * engine adds. Cilium adds `io.kubernetes.pod.namespace` (the namespace
 * name) and `io.cilium.k8s.namespace.labels.<key>` (the namespace's labels);
 * Calico adds `projectcalico.org/namespace`, `projectcalico.org/orchestrator`
 * and `pcns.<key>`. These labels never appear on the Pod object, which is
 * why matching a Cilium policy against pod labels alone gives false
 * negatives. Built lazily, once per pod shape.
 */
import type { Labels } from '../selectors/labelSelector';

export class EndpointView {
  private cilium?: Labels;
  private calico?: Labels;

  constructor(
    readonly namespace: string,
    readonly namespaceLabels: Labels,
    readonly labels: Labels,
  ) {}

  ciliumLabels(): Labels {
    if (!this.cilium) {
      const out: Labels = { ...this.labels };
      for (const [k, v] of Object.entries(this.namespaceLabels)) {
        out[`io.cilium.k8s.namespace.labels.${k}`] = v;
      }
      out['io.kubernetes.pod.namespace'] = this.namespace;
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
      this.calico = out;
    }
    return this.calico;
  }
}

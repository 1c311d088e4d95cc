/**
 * Remediation YAML for a namespace: the NetworkPolicies that make it pass
 * the namespace controls, written with the `yaml` package as a
 * multi-document stream ready for `kubectl apply -f -`.
 *
 * - default-deny-ingress / default-deny-egress: `podSelector: {}` (every pod
 *   of the namespace, including future ones) and no rule for the
 *   direction, so NETPOL-001, NETPOL-003, NETPOL-004 and NETPOL-005 pass.
 * - allow-dns-egress (default on with egress): without it, default-deny
 *   egress breaks name resolution. It allows UDP and TCP 53 to the kube-dns
 *   pods (`k8s-app: kube-dns`, the label CoreDNS keeps on kubeadm, EKS,
 *   GKE and AKS) in kube-system only, not to every address.
 * - allow-same-namespace (opt-in): pods of the namespace may talk to each
 *   other, a common first step when rolling default deny out.
 */
import { Document, isMap, isSeq, visit } from 'yaml';
import { yamlString } from '../yaml/toYaml';

/** @public */
export interface RemediationOptions {
  /** Allow DNS egress to kube-dns (default true; only with egress). */
  allowDns?: boolean;
  /** Allow traffic between the namespace's own pods (default false). */
  allowSameNamespace?: boolean;
  /** Generate the ingress part (default true). */
  ingress?: boolean;
  /** Generate the egress part (default true). */
  egress?: boolean;
}

const PLACEHOLDER = 'netpol-compliance-namespace-placeholder';
/** The label every generated policy carries: how a later Fix knows its own. */
export const MANAGED_LABELS: Readonly<Record<string, string>> = { 'app.kubernetes.io/managed-by': 'netpol-compliance' };

function policy(
  name: string,
  spec: Record<string, unknown>,
): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name,
      namespace: PLACEHOLDER,
      labels: { ...MANAGED_LABELS },
    },
    spec,
  };
}

function documents(
  o: Required<RemediationOptions>,
): Array<{ comment: string; body: Record<string, unknown> }> {
  const docs: Array<{ comment: string; body: Record<string, unknown> }> = [];
  if (o.ingress) {
    docs.push({
      comment:
        ' Deny all ingress to every pod of the namespace unless another policy allows it.',
      body: policy('default-deny-ingress', {
        podSelector: {},
        policyTypes: ['Ingress'],
      }),
    });
  }
  if (o.egress) {
    docs.push({
      comment:
        ' Deny all egress from every pod of the namespace unless another policy allows it.',
      body: policy('default-deny-egress', {
        podSelector: {},
        policyTypes: ['Egress'],
      }),
    });
    if (o.allowDns) {
      docs.push({
        comment:
          ' Keep name resolution working: DNS to the cluster DNS pods only.',
        body: policy('allow-dns-egress', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: {
                    matchLabels: {
                      'kubernetes.io/metadata.name': 'kube-system',
                    },
                  },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        }),
      });
    }
  }
  if (o.allowSameNamespace && (o.ingress || o.egress)) {
    const spec: Record<string, unknown> = {
      podSelector: {},
      policyTypes: [] as string[],
    };
    if (o.ingress) {
      (spec.policyTypes as string[]).push('Ingress');
      spec.ingress = [{ from: [{ podSelector: {} }] }];
    }
    if (o.egress) {
      (spec.policyTypes as string[]).push('Egress');
      spec.egress = [{ to: [{ podSelector: {} }] }];
    }
    docs.push({
      comment: ' Allow traffic between pods of this namespace.',
      body: policy('allow-same-namespace', spec),
    });
  }
  return docs;
}

const templates = new Map<string, string>();

function template(o: Required<RemediationOptions>): string {
  const key = JSON.stringify(o);
  let text = templates.get(key);
  if (text === undefined) {
    text = documents(o)
      .map(d => {
        const doc = new Document(d.body);
        // On the contents, the comment sits right above the object it explains.
        if (isMap(doc.contents)) doc.contents.commentBefore = d.comment;
        // Flow style for the empty selectors keeps `podSelector: {}` readable.
        visit(doc, {
          Map: (_, node) => {
            if (isMap(node) && node.items.length === 0) node.flow = true;
          },
          Seq: (_, node) => {
            if (isSeq(node) && node.items.length === 0) node.flow = true;
          },
        });
        return `---\n${doc.toString({ lineWidth: 0 })}`;
      })
      .join('');
    templates.set(key, text);
  }
  return text;
}

/**
 * Multi-document YAML of NetworkPolicies for `namespace`; empty string when
 * both directions are switched off.
 * @public
 */
export function generateRemediation(
  namespace: string,
  options: RemediationOptions = {},
): string {
  const o: Required<RemediationOptions> = {
    allowDns: options.allowDns ?? true,
    allowSameNamespace: options.allowSameNamespace ?? false,
    ingress: options.ingress ?? true,
    egress: options.egress ?? true,
  };
  // The documents only differ by namespace: format them once, then place the name.
  return template(o).split(PLACEHOLDER).join(yamlString(namespace));
}

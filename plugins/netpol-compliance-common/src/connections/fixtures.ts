/** A small shop for the connection tests: web depends on payments, payments provides an API. */
import { controller, denyAllIngress, netpol, port, snapshot } from '../testing/builders';
import type { ClusterSnapshot, NetworkPolicySnapshot } from '../snapshot/types';
import type { CatalogComponent } from './types';

export const WEB = 'component:default/shop-web';
export const PAYMENTS = 'component:default/payments-api';
export const BILLING = 'component:default/billing-invoicer';

export const components: CatalogComponent[] = [
  {
    ref: WEB,
    mapping: { mapped: true, labelSelector: 'backstage.io/kubernetes-id=shop-web' },
    dependsOn: [PAYMENTS],
  },
  {
    ref: PAYMENTS,
    mapping: { mapped: true, namespaces: ['payments'], labelSelector: 'backstage.io/kubernetes-id=payments-api' },
    providesApis: ['api:default/payments'],
  },
  {
    ref: BILLING,
    mapping: { mapped: true, labelSelector: 'backstage.io/kubernetes-id=billing-invoicer' },
    consumesApis: ['api:default/payments'],
  },
];

const deploy = (ns: string, name: string, id: string, ports = [port(8080, 'http')]) =>
  controller('Deployment', ns, name, {
    templateLabels: { app: name, 'backstage.io/kubernetes-id': id },
    templatePorts: ports,
  });

export function shop(policies: NetworkPolicySnapshot[] = []): ClusterSnapshot {
  return snapshot({
    controllers: [
      deploy('shop', 'web', 'shop-web'),
      deploy('payments', 'api', 'payments-api'),
      deploy('billing', 'invoicer', 'billing-invoicer'),
      deploy('sandbox', 'toolbox', 'toolbox'),
      controller('Deployment', 'kube-system', 'coredns', {
        templateLabels: { 'k8s-app': 'kube-dns' },
        templatePorts: [port(53, 'dns', 'UDP'), port(53, 'dns-tcp', 'TCP')],
      }),
    ],
    networkPolicies: policies,
  });
}

/** Payments denies ingress except from billing: web's declared dependency is blocked. */
export const paymentsOnlyFromBilling = [
  denyAllIngress('payments'),
  netpol('payments', 'allow-billing', {
    podSelector: { matchLabels: { app: 'api' } },
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'billing' } },
            podSelector: { matchLabels: { app: 'invoicer' } },
          },
        ],
      },
    ],
  }),
];

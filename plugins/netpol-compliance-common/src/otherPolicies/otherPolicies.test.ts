import { compileOtherPolicy } from './compileOtherPolicy';
import { EndpointView } from './endpointView';
import { other } from '../testing/builders';
import type { OtherPolicySnapshot } from '../snapshot/types';

const shopLabels = { 'kubernetes.io/metadata.name': 'shop', team: 'shop' };
const podIn = (
  namespace: string,
  labels: Record<string, string>,
  nsLabels: Record<string, string> = {
    'kubernetes.io/metadata.name': namespace,
  },
) => new EndpointView(namespace, nsLabels, labels);
const webInShop = podIn('shop', { app: 'web' }, shopLabels);
const webInDev = podIn('dev', { app: 'web' });

describe('Cilium policies', () => {
  it.each<[string, OtherPolicySnapshot, EndpointView, boolean]>([
    [
      'namespaced, endpointSelector matches',
      other(
        'CiliumNetworkPolicy',
        'p',
        { endpointSelector: { matchLabels: { app: 'web' } } },
        'shop',
      ),
      webInShop,
      true,
    ],
    [
      'namespaced, another namespace',
      other(
        'CiliumNetworkPolicy',
        'p',
        { endpointSelector: { matchLabels: { app: 'web' } } },
        'shop',
      ),
      webInDev,
      false,
    ],
    [
      'namespaced, empty selector: all pods of its namespace',
      other('CiliumNetworkPolicy', 'p', { endpointSelector: {} }, 'shop'),
      podIn('shop', {}, shopLabels),
      true,
    ],
    [
      'k8s: prefix is stripped',
      other(
        'CiliumNetworkPolicy',
        'p',
        { endpointSelector: { matchLabels: { 'k8s:app': 'web' } } },
        'shop',
      ),
      webInShop,
      true,
    ],
    [
      'any: prefix is stripped',
      other(
        'CiliumNetworkPolicy',
        'p',
        {
          endpointSelector: {
            matchExpressions: [
              { key: 'any:app', operator: 'In', values: ['web'] },
            ],
          },
        },
        'shop',
      ),
      webInShop,
      true,
    ],
    [
      'clusterwide {}: every pod',
      other('CiliumClusterwideNetworkPolicy', 'p', { endpointSelector: {} }),
      webInDev,
      true,
    ],
    [
      'clusterwide by io.kubernetes.pod.namespace: that namespace',
      other('CiliumClusterwideNetworkPolicy', 'p', {
        endpointSelector: {
          matchLabels: { 'io.kubernetes.pod.namespace': 'shop' },
        },
      }),
      webInShop,
      true,
    ],
    [
      'clusterwide by k8s:io.kubernetes.pod.namespace: not another namespace',
      other('CiliumClusterwideNetworkPolicy', 'p', {
        endpointSelector: {
          matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'shop' },
        },
      }),
      webInDev,
      false,
    ],
    [
      'clusterwide by namespace label (io.cilium.k8s.namespace.labels.*)',
      other('CiliumClusterwideNetworkPolicy', 'p', {
        endpointSelector: {
          matchLabels: { 'io.cilium.k8s.namespace.labels.team': 'shop' },
        },
      }),
      webInShop,
      true,
    ],
    [
      'specs: any rule selects',
      other(
        'CiliumNetworkPolicy',
        'p',
        [
          { endpointSelector: { matchLabels: { app: 'db' } } },
          { endpointSelector: { matchLabels: { app: 'web' } } },
        ],
        'shop',
      ),
      webInShop,
      true,
    ],
    [
      'host policy (nodeSelector) selects no pod',
      other('CiliumClusterwideNetworkPolicy', 'p', { nodeSelector: {} }),
      webInShop,
      false,
    ],
  ])('%s', (_n, policy, endpoint, expected) => {
    expect(compileOtherPolicy(policy).selects(endpoint)).toBe(expected);
  });

  it('the namespace label is never required on the pod', () => {
    // Kubescape C-0260's false positive: the label is Cilium's, the pod never carries it.
    const endpoint = podIn('shop', { app: 'web' }, shopLabels);
    expect(endpoint.labels['io.kubernetes.pod.namespace']).toBeUndefined();
    const p = compileOtherPolicy(
      other('CiliumClusterwideNetworkPolicy', 'ns-wide', {
        endpointSelector: {
          matchLabels: { 'io.kubernetes.pod.namespace': 'shop' },
        },
      }),
    );
    expect(p.selects(endpoint)).toBe(true);
    expect(p.selectsNamespace('shop', shopLabels)).toBe(true);
    expect(p.selectsNamespace('dev', {})).toBe(false);
  });

  it('reports problems and policy types', () => {
    const host = compileOtherPolicy(
      other('CiliumClusterwideNetworkPolicy', 'h', {
        nodeSelector: {},
        ingress: [{}],
      }),
    );
    expect(host.problems.join()).toMatch(/selects nodes/);
    const bad = compileOtherPolicy(
      other(
        'CiliumNetworkPolicy',
        'b',
        {
          endpointSelector: {
            matchExpressions: [{ key: 'a', operator: 'Bad' }],
          },
        },
        'shop',
      ),
    );
    expect(bad.problems.join()).toMatch(/unknown operator "Bad"/);
    expect(bad.selects(webInShop)).toBe(false);
    const types = compileOtherPolicy(
      other(
        'CiliumNetworkPolicy',
        't',
        { endpointSelector: {}, egressDeny: [{}] },
        'shop',
      ),
    );
    expect(types.policyTypes).toEqual(['Egress']);
    expect(types.ref).toEqual({
      kind: 'CiliumNetworkPolicy',
      namespace: 'shop',
      name: 't',
    });
  });
});

describe('Calico policies', () => {
  it.each<[string, OtherPolicySnapshot, EndpointView, boolean]>([
    [
      'namespaced, no selector: all pods of its namespace',
      other('CalicoNetworkPolicy', 'p', {}, 'shop'),
      webInShop,
      true,
    ],
    [
      'namespaced, not other namespaces',
      other('CalicoNetworkPolicy', 'p', { selector: 'all()' }, 'shop'),
      webInDev,
      false,
    ],
    [
      'namespaced, selector',
      other('CalicoNetworkPolicy', 'p', { selector: "app == 'web'" }, 'shop'),
      webInShop,
      true,
    ],
    [
      'namespaced, selector miss',
      other('CalicoNetworkPolicy', 'p', { selector: "app == 'db'" }, 'shop'),
      webInShop,
      false,
    ],
    [
      'global all(): every pod',
      other('CalicoGlobalNetworkPolicy', 'p', { selector: 'all()' }),
      webInDev,
      true,
    ],
    [
      'global by projectcalico.org/namespace',
      other('CalicoGlobalNetworkPolicy', 'p', {
        selector: "projectcalico.org/namespace == 'shop'",
      }),
      webInShop,
      true,
    ],
    [
      'global by projectcalico.org/namespace, other namespace',
      other('CalicoGlobalNetworkPolicy', 'p', {
        selector: "projectcalico.org/namespace == 'shop'",
      }),
      webInDev,
      false,
    ],
    [
      'global namespaceSelector',
      other('CalicoGlobalNetworkPolicy', 'p', {
        namespaceSelector: "team == 'shop'",
        selector: 'has(app)',
      }),
      webInShop,
      true,
    ],
    [
      'global namespaceSelector miss',
      other('CalicoGlobalNetworkPolicy', 'p', {
        namespaceSelector: "team == 'shop'",
      }),
      webInDev,
      false,
    ],
    [
      'global namespace labels as pcns.*',
      other('CalicoGlobalNetworkPolicy', 'p', {
        selector: "pcns.team == 'shop' && app in {'web'}",
      }),
      webInShop,
      true,
    ],
  ])('%s', (_n, policy, endpoint, expected) => {
    expect(compileOtherPolicy(policy).selects(endpoint)).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'unsupported selector syntax',
      { selector: "app = 'web'" },
      /unsupported Calico selector/,
    ],
    [
      'bad namespaceSelector',
      { namespaceSelector: 'team ==' },
      /namespaceSelector: unsupported/,
    ],
  ])('%s selects nothing and says why', (_n, spec, problem) => {
    const p = compileOtherPolicy(other('CalicoGlobalNetworkPolicy', 'p', spec));
    expect(p.selects(webInShop)).toBe(false);
    expect(p.problems.join('\n')).toMatch(problem);
  });

  it('serviceAccountSelector selects by the pod\'s service account', () => {
    const p = compileOtherPolicy(
      other('CalicoGlobalNetworkPolicy', 'p', {
        serviceAccountSelector: "projectcalico.org/name == 'payments'",
      }),
    );
    const shopNs = { 'kubernetes.io/metadata.name': 'shop' };
    expect(p.selects(new EndpointView('shop', shopNs, {}, 'payments'))).toBe(true);
    expect(p.selects(new EndpointView('shop', shopNs, {}, 'default'))).toBe(false);
  });

  it('Cilium endpoints carry their service account label', () => {
    const p = compileOtherPolicy(
      other(
        'CiliumNetworkPolicy',
        'p',
        {
          endpointSelector: {
            matchLabels: { 'io.cilium.k8s.policy.serviceaccount': 'payments' },
          },
        },
        'shop',
      ),
    );
    expect(p.selects(new EndpointView('shop', shopLabels, {}, 'payments'))).toBe(true);
    expect(p.selects(new EndpointView('shop', shopLabels, {}))).toBe(false);
  });
});

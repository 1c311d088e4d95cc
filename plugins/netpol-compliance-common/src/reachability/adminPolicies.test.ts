/**
 * `reach` through the cluster admin policies: the explanation names the
 * deciding tier, policy and rule, and the namespace policies it overrode.
 */
import { checkReachability } from './checkReachability';
import type { AdminPolicySnapshot } from '../snapshot/types';
import { netpol, ns, pod, port, snapshot } from '../testing/builders';

const denyToDb: AdminPolicySnapshot = {
  kind: 'AdminNetworkPolicy',
  apiVersion: 'policy.networking.k8s.io/v1alpha1',
  name: 'deny-to-db',
  spec: {
    priority: 5,
    subject: {
      pods: {
        namespaceSelector: {},
        podSelector: { matchLabels: { app: 'db' } },
      },
    },
    ingress: [
      {
        name: 'allow-api',
        action: 'Allow',
        from: [
          {
            pods: {
              namespaceSelector: {},
              podSelector: { matchLabels: { app: 'api' } },
            },
          },
        ],
      },
      { name: 'deny-the-rest', action: 'Deny', from: [{ namespaces: {} }] },
    ],
  },
};

const cluster = () => ({
  ...snapshot({
    namespaces: [ns('shop')],
    pods: [
      pod('shop', 'web', { app: 'web' }, { ips: ['10.0.0.1'] }),
      pod('shop', 'api', { app: 'api' }, { ips: ['10.0.0.2'] }),
      pod(
        'shop',
        'db',
        { app: 'db' },
        { ports: [port(5432, 'pg')], ips: ['10.0.0.3'] },
      ),
    ],
    networkPolicies: [
      netpol('shop', 'allow-web', {
        podSelector: { matchLabels: { app: 'db' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
      }),
    ],
  }),
  adminPolicies: [denyToDb],
});

const endpoint = (name: string) => ({ namespace: 'shop', pod: name });

describe('reach through cluster admin policies', () => {
  it('names the deciding tier, policy and rule, before the NetworkPolicy it overrides', () => {
    const r = checkReachability(cluster(), {
      from: endpoint('web'),
      to: endpoint('db'),
      port: 5432,
    });
    expect(r.allowed).toBe(false);
    expect(r.ingress.reason).toBe(
      'traffic from shop/web on TCP/5432 is denied by AdminNetworkPolicy deny-to-db ingress rule 2 "deny-the-rest" (admin tier), before shop/allow-web',
    );
  });

  it('an admin Allow decides even where the NetworkPolicy does not allow', () => {
    const r = checkReachability(cluster(), {
      from: endpoint('api'),
      to: endpoint('db'),
      port: 5432,
    });
    expect(r.allowed).toBe(true);
    expect(r.ingress.policies).toEqual(['AdminNetworkPolicy deny-to-db']);
  });

  it('says the order of two admin policies sharing a priority is undefined by the API', () => {
    const twin: AdminPolicySnapshot = {
      ...denyToDb,
      name: 'allow-web-to-db',
      spec: {
        priority: 5,
        subject: (denyToDb.spec as { subject: unknown }).subject,
        ingress: [
          {
            action: 'Allow',
            from: [
              {
                pods: {
                  namespaceSelector: {},
                  podSelector: { matchLabels: { app: 'web' } },
                },
              },
            ],
          },
        ],
      },
    };
    const r = checkReachability(
      { ...cluster(), adminPolicies: [denyToDb, twin] },
      { from: endpoint('web'), to: endpoint('db'), port: 5432 },
    );
    expect((r.notes ?? []).join('\n')).toMatch(
      /AdminNetworkPolicy deny-to-db: shares admin tier priority 5 with AdminNetworkPolicy allow-web-to-db: the network-policy API leaves the order of equal priorities undefined/,
    );
  });
});

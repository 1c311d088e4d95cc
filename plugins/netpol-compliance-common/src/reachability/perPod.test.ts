import { checkReachability } from './checkReachability';
import { controller, netpol, pod, port, snapshot } from '../testing/builders';

const rs = controller('ReplicaSet', 'shop', 'web-1', {
  owner: { kind: 'Deployment', name: 'web' },
});
const deploy = controller('Deployment', 'shop', 'web', { templateLabels: { app: 'web' } });
const member = (name: string, labels: Record<string, string>, ports = [port(8080, 'http')]) =>
  pod('shop', name, { app: 'web', ...labels }, { owner: { kind: 'ReplicaSet', name: 'web-1' }, ports });

const cluster = (pods = [member('web-a', {}), member('web-b', {}), member('web-c', { track: 'canary' })]) =>
  snapshot({
    pods: [...pods, pod('dev', 'tool', { app: 'tool' })],
    controllers: [rs, deploy],
    networkPolicies: [
      netpol('shop', 'canary-closed', {
        podSelector: { matchLabels: { track: 'canary' } },
        policyTypes: ['Ingress'],
      }),
    ],
  });

const query = {
  from: { namespace: 'dev', pod: 'tool' },
  to: { namespace: 'shop', workload: 'Deployment/web' },
};

describe('reach on a workload whose pods differ', () => {
  it('evaluates each distinct pod and names them', () => {
    const r = checkReachability(cluster(), query);
    expect(r.allowed).toBe(false);
    expect(r.pods).toEqual({ allowed: 2, total: 3 });
    expect(r.notes?.[0]).toMatch(/shop\/Deployment\/web has pods that differ: allowed for 2 of 3 pods/);
    expect(r.notes?.[0]).toMatch(/denied for web-c \(labels app=web,track=canary\)/);
    expect(r.ingress.policies).toEqual(['shop/canary-closed']);
  });

  it('is allowed when every pod is, whichever pod sorts first', () => {
    const r = checkReachability(
      cluster([member('web-a', { track: 'stable' }), member('web-b', {})]),
      query,
    );
    expect(r.allowed).toBe(true);
    expect(r.pods).toEqual({ allowed: 2, total: 2 });
  });

  it('pods differing in ports only: a named port resolved per pod', () => {
    const r = checkReachability(
      cluster([member('web-a', {}), member('web-b', {}, [port(9090, 'http')])]),
      { ...query, port: 8080 },
    );
    expect(r.pods).toEqual({ allowed: 2, total: 2 });
  });

  it('pods that look alike give one plain answer', () => {
    const r = checkReachability(cluster([member('web-a', {}), member('web-b', {})]), query);
    expect(r.pods).toBeUndefined();
    expect(r.allowed).toBe(true);
  });
});

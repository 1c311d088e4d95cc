import { evaluateCluster } from './evaluateCluster';
import { nsReport, pod, result, snapshot } from '../testing/builders';
import type { InvalidObjectSnapshot } from '../snapshot/types';

const invalid: InvalidObjectSnapshot = {
  kind: 'NetworkPolicy',
  apiVersion: 'networking.k8s.io/v1',
  namespace: 'shop',
  name: 'x',
  problems: ['spec.ingress[0].from[0]: must specify a peer'],
};

const cluster = (invalidObjects: InvalidObjectSnapshot[]) =>
  snapshot({
    pods: [pod('shop', 'web', { app: 'web' }), pod('dev', 'tool')],
    invalidObjects,
  });

describe('invalid objects in reports', () => {
  it('are listed on their namespace and never make a control pass', () => {
    const r = evaluateCluster(cluster([invalid]));
    expect(nsReport(r, 'shop').ignored).toEqual([
      {
        object: { kind: 'NetworkPolicy', namespace: 'shop', name: 'x' },
        problems: ['spec.ingress[0].from[0]: must specify a peer'],
      },
    ]);
    expect(nsReport(r, 'dev').ignored).toBeUndefined();
    for (const id of ['NETPOL-001', 'NETPOL-003', 'NETPOL-004', 'NETPOL-005'] as const) {
      const c = result(r, 'shop', id);
      expect(c.status).toBe('fail');
      expect(c.reason).toMatch(
        /1 NetworkPolicy ignored as invalid: shop\/x \(spec\.ingress\[0\]\.from\[0\]: must specify a peer\)/,
      );
    }
    expect(result(r, 'dev', 'NETPOL-001').reason).not.toMatch(/ignored/);
  });

  it('a cluster-scoped invalid object is listed on every namespace', () => {
    const r = evaluateCluster(
      cluster([{ kind: 'CiliumClusterwideNetworkPolicy', name: 'wide', problems: ['spec: bad'] }]),
    );
    expect(nsReport(r, 'dev').ignored?.[0].object).toEqual({
      kind: 'CiliumClusterwideNetworkPolicy',
      name: 'wide',
    });
    expect(result(r, 'dev', 'NETPOL-004').reason).toMatch(
      /1 CiliumClusterwideNetworkPolicy ignored as invalid: wide \(spec: bad\)/,
    );
  });
});

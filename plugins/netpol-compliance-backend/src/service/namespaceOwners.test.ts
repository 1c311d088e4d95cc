import { clusterReport } from '../__testUtils__/clusterReport';
import { indexReport } from '../store/reportParts';
import { component } from './__testUtils__/complianceFixture';
import { buildNamespaceOwnerIndex } from './namespaceOwners';

const deployment = (name: string, labels: Record<string, string>) =>
  ({ kind: 'Deployment', name, labels, pods: 1, ingressPolicies: [], egressPolicies: [], otherPolicies: [] }) as any;

/** prod: `shop` runs app=shop-web, `shop-staging` runs app=shop-web-canary, `payments` runs app=payments-api. */
function prodIndex() {
  const report = clusterReport('prod', '2026-01-01T00:00:00.000Z', { shop: 'pass', 'shop-staging': 'pass', payments: 'pass' });
  report.namespaces[0].workloads = [deployment('web', { app: 'shop-web', tier: 'front' })];
  report.namespaces[1].workloads = [deployment('web', { app: 'shop-web-canary', tier: 'front' })];
  report.namespaces[2].workloads = [deployment('api', { app: 'payments-api' })];
  return indexReport(report);
}

const selected = (name: string, selector: string) =>
  component(name, { 'backstage.io/kubernetes-label-selector': selector });

describe('buildNamespaceOwnerIndex', () => {
  it('places a selector without matchLabels by testing every namespace, and a lookalike value matches nothing', async () => {
    const index = await buildNamespaceOwnerIndex(
      [selected('shop-web', 'app in (shop-web)'), selected('front', 'tier=front'), selected('shop', 'app=shop')],
      [prodIndex()],
    );
    expect(index.get('prod/shop')?.entities).toEqual(['component:default/shop-web', 'component:default/front']);
    expect(index.get('prod/shop-staging')?.entities).toEqual(['component:default/front']);
    expect(index.has('prod/payments')).toBe(false);
  });

  it('gives the event loop back when its steps are slow, however few of them there are', async () => {
    // Every clock read says 10 ms have passed: each step is over the slice.
    let clock = 0;
    const now = jest.spyOn(performance, 'now').mockImplementation(() => (clock += 10));
    let turns = 0;
    let building = true;
    const countTurns = () => {
      if (!building) return;
      turns++;
      setImmediate(countTurns);
    };
    try {
      setImmediate(countTurns);
      const entities = Array.from({ length: 20 }, (_, i) => selected(`front-${i}`, 'tier in (front)'));
      const index = await buildNamespaceOwnerIndex(entities, [prodIndex()]);
      building = false;
      expect(index.get('prod/shop')?.entities).toHaveLength(20);
      // One turn per slow step (entities, namespaces, candidates), not one per 32 steps.
      expect(turns).toBeGreaterThanOrEqual(20);
    } finally {
      building = false;
      now.mockRestore();
    }
  });
});

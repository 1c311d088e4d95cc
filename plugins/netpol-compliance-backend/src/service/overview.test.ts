import type { StoredCluster } from '../store/ReportStore';
import { clusterReport } from '../__testUtils__/clusterReport';
import { buildOverview } from './overview';

const AT = '2026-01-01T00:00:00.000Z';
const stored = (cluster: string, statuses: Record<string, string>): StoredCluster => ({
  cluster,
  report: clusterReport(cluster, AT, statuses),
  scannedAt: AT,
  lastAttemptAt: AT,
});

/** Namespace names as Kubernetes allows them, chosen where orders could disagree. */
const NAMES = ['a', 'a-', 'a-b', 'a0', 'a9', 'ab', 'a-0', 'b', '9a', '10', '9', 'kube-system', 'kube1', 'kube', 'z-z', 'zz', 'x--y', 'x-y'];

describe('overview order', () => {
  it('sorts namespaces exactly as the locale does, worst first, then cluster, then namespace', () => {
    const statuses = Object.fromEntries(NAMES.map((n, i) => [n, i % 3 === 0 ? 'fail' : 'pass']));
    const clusters = [stored('Zeta', statuses), stored('alpha', statuses), stored('Éclair', statuses)];
    const rows = buildOverview(clusters, new Map(), { limit: 1000 }).rows;
    const expected = clusters
      .flatMap(c => NAMES.map(n => ({ cluster: c.cluster, namespace: n, worst: statuses[n] === 'fail' ? 0 : 1 })))
      .sort((a, b) => a.worst - b.worst || a.cluster.localeCompare(b.cluster) || a.namespace.localeCompare(b.namespace));
    expect(rows.map(r => `${r.cluster}/${r.namespace}`)).toEqual(expected.map(r => `${r.cluster}/${r.namespace}`));
  });

  it('sorts by owner in the locale’s order, rows without one last, and reverses only the chosen key', () => {
    const c = stored('prod', { one: 'pass', two: 'pass', three: 'pass', four: 'pass' });
    const owners = new Map([
      ['prod/one', { owners: ['group:default/Zoo'], entities: [] }],
      ['prod/two', { owners: ['group:default/ant'], entities: [] }],
      ['prod/three', { owners: ['group:default/ant'], entities: [] }],
    ]);
    const asc = buildOverview([c], owners, { sort: 'owner' }).rows.map(r => r.namespace);
    expect(asc).toEqual(['three', 'two', 'one', 'four']);
    const desc = buildOverview([c], owners, { sort: 'owner', order: 'desc' }).rows.map(r => r.namespace);
    // Ties (two and three share an owner) stay in namespace order.
    expect(desc).toEqual(['four', 'one', 'three', 'two']);
  });
});

import type {
  EntityClusterView,
  EntityConnections,
  NamespaceReport,
  OverviewClusterSummary,
  OverviewRow,
} from '@netpol/plugin-netpol-compliance-common';
import { computeFacts, namespacesFailingConnections } from './computeFacts';
import { failingFactName, NETPOL_FACT_SCHEMA } from './factSchema';

function row(cluster: string, namespace: string, entities: string[], statuses: Record<string, string>): OverviewRow {
  return {
    cluster,
    namespace,
    owners: [],
    entities,
    results: Object.entries(statuses).map(([control, status]) => ({ control, status, reason: status })) as any,
  };
}

function summary(name: string, scannedAt?: string): OverviewClusterSummary {
  return { cluster: { name }, scannedAt, results: [], counts: {} };
}

const SHOP = 'component:default/shop';
const PAY = 'component:default/payments';

describe('computeFacts', () => {
  const clusters = [summary('eu', '2026-12-02T10:00:00Z'), summary('us', '2026-12-01T08:00:00Z')];

  it('counts a namespace failing two controls once, and each control once per namespace', () => {
    const facts = computeFacts(
      [
        row('eu', 'shop', [SHOP], { 'NETPOL-001': 'fail', 'NETPOL-004': 'fail', 'NETPOL-002': 'pass' }),
        row('us', 'shop', [SHOP], { 'NETPOL-001': 'pass', 'NETPOL-004': 'fail', 'NETPOL-002': 'pass' }),
      ],
      clusters,
    ).get(SHOP)!;
    expect(facts.namespacesMapped).toBe(2);
    expect(facts.namespacesFailing).toBe(2);
    expect(facts[failingFactName('NETPOL-001')]).toBe(1);
    expect(facts[failingFactName('NETPOL-004')]).toBe(2);
    expect(facts[failingFactName('NETPOL-005')]).toBe(0);
    expect(facts.worstOutcome).toBe('fail');
  });

  it('never turns an unknown result into a pass: it is counted and is the worst outcome without a fail', () => {
    const facts = computeFacts(
      [row('eu', 'pay', [PAY], { 'NETPOL-001': 'pass', 'NETPOL-004': 'unknown', 'NETPOL-002': 'warning' })],
      clusters,
    ).get(PAY)!;
    expect(facts.unknownCount).toBe(1);
    expect(facts.namespacesFailing).toBe(0);
    expect(facts.worstOutcome).toBe('unknown');
  });

  it('counts namespaces on a cluster without an enforcer under NETPOL-002', () => {
    const facts = computeFacts(
      [row('eu', 'shop', [SHOP], { 'NETPOL-001': 'pass', 'NETPOL-002': 'fail' })],
      clusters,
    ).get(SHOP)!;
    expect(facts[failingFactName('NETPOL-002')]).toBe(1);
    expect(facts.namespacesFailing).toBe(1);
  });

  it('dates the facts by the oldest report behind them, not the newest', () => {
    const facts = computeFacts(
      [row('eu', 'shop', [SHOP], { 'NETPOL-001': 'pass' }), row('us', 'shop', [SHOP], { 'NETPOL-001': 'pass' })],
      clusters,
    ).get(SHOP)!;
    expect(facts.lastScannedAt).toBe('2026-12-01T08:00:00Z');
  });

  it('gives facts only to entities mapped somewhere, and keeps entities sharing a namespace apart', () => {
    const byEntity = computeFacts(
      [
        row('eu', 'shared', [SHOP, PAY], { 'NETPOL-001': 'fail' }),
        row('eu', 'shop', [SHOP], { 'NETPOL-001': 'pass' }),
        row('eu', 'nobody', [], { 'NETPOL-001': 'fail' }),
      ],
      clusters,
    );
    expect([...byEntity.keys()].sort()).toEqual([PAY, SHOP]);
    expect(byEntity.get(SHOP)!.namespacesMapped).toBe(2);
    expect(byEntity.get(PAY)!.namespacesMapped).toBe(1);
  });

  it('publishes only facts its schema declares', () => {
    const facts = computeFacts([row('eu', 'shop', [SHOP], { 'NETPOL-003': 'fail' })], clusters).get(SHOP)!;
    for (const name of Object.keys(facts)) expect(NETPOL_FACT_SCHEMA[name]).toBeDefined();
    expect(NETPOL_FACT_SCHEMA[failingFactName('NETPOL-004')].type).toBe('integer');
    expect(failingFactName('NETPOL-004')).toBe('namespacesFailingNetpol004');
  });

  it('leaves the entity-scoped NETPOL-007 out: overview rows carry namespace controls only', () => {
    const facts = computeFacts([row('eu', 'shop', [SHOP], { 'NETPOL-001': 'pass' })], clusters).get(SHOP)!;
    expect(facts).not.toHaveProperty(failingFactName('NETPOL-007'));
  });
});

/** One stored namespace report holding `entityRef`'s connections with these verdicts. */
function namespaceWith(namespace: string, entityRef: string, verdicts: Array<'allowed' | 'blocked'>): NamespaceReport {
  const connections: EntityConnections = {
    entityRef,
    cluster: 'eu',
    connections: verdicts.map((verdict, i) => ({
      connection: {} as any,
      from: { namespace, workload: 'Deployment/web' },
      to: { namespace: `dep-${i}`, workload: 'Deployment/api' },
      verdict,
      result: {} as any,
    })),
    notEvaluated: [],
    openButUndeclared: [],
  };
  return { namespace, connections: [connections] } as unknown as NamespaceReport;
}

function view(name: string, namespaces: NamespaceReport[]): EntityClusterView {
  return { cluster: { name }, state: 'ok', results: [], namespaces };
}

describe('namespacesFailingConnections (NETPOL-007)', () => {
  it('counts the namespaces of the entity where a declared connection is blocked', () => {
    expect(
      namespacesFailingConnections(SHOP, [
        view('eu', [
          namespaceWith('shop', SHOP, ['allowed', 'blocked', 'blocked']),
          namespaceWith('shop-jobs', SHOP, ['allowed']),
        ]),
        view('us', [namespaceWith('shop', SHOP, ['blocked'])]),
      ]),
    ).toBe(2);
  });

  it('reads only the entity’s own connections, whatever the case of its ref', () => {
    expect(
      namespacesFailingConnections('Component:default/Shop', [
        view('eu', [namespaceWith('shared', PAY, ['blocked']), namespaceWith('shop', SHOP, ['allowed'])]),
      ]),
    ).toBe(0);
  });

  it('is 0 when the catalog declares nothing that runs on a scanned cluster', () => {
    expect(namespacesFailingConnections(SHOP, [view('eu', [{ ...namespaceWith('shop', PAY, []) }])])).toBe(0);
  });

  it('is undefined, never 0, when no scan has checked the catalog relations', () => {
    const unchecked = { namespace: 'shop' } as unknown as NamespaceReport;
    expect(namespacesFailingConnections(SHOP, [view('eu', [unchecked])])).toBeUndefined();
    expect(namespacesFailingConnections(SHOP, [])).toBeUndefined();
  });
});

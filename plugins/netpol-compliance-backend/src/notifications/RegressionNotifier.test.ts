import knexFactory, { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { ControlStatus } from '@netpol/plugin-netpol-compliance-common';
import type { ReportIndex } from '../store/reportParts';
import type { StoredCluster } from '../store/ReportStore';
import { NotifierMemoryStore } from './NotifierMemoryStore';
import { RegressionNotifier } from './RegressionNotifier';

function index(cluster: string, scannedAt: string, shop: ControlStatus): ReportIndex {
  return {
    head: {
      cluster: { name: cluster },
      scannedAt,
      results: [{ control: 'NETPOL-002', status: 'pass', reason: 'Calico', evidence: {} }],
      errors: [],
    },
    namespaces: [
      {
        namespace: 'shop',
        results: [{ control: 'NETPOL-004', status: shop, reason: `default deny ${shop}` }],
        workloadLabels: [],
      },
    ],
  };
}

const shopWeb: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop-web', namespace: 'default', annotations: { 'backstage.io/kubernetes-namespace': 'shop' } },
  spec: { owner: 'team-shop' },
};

describe('RegressionNotifier', () => {
  let db: Knex;
  let stored: StoredCluster[];
  const send = jest.fn();

  function notifier(memoryDb = db, options: { entities?: Entity[]; allowBroadSelectors?: boolean } = {}) {
    return new RegressionNotifier({
      scans: { clusterIndexes: async () => stored },
      memory: new NotifierMemoryStore(memoryDb),
      loadEntities: async () => options.entities ?? [shopWeb],
      mapping: { allowBroadSelectors: options.allowBroadSelectors },
      notifications: { send },
      logger: mockServices.logger.mock(),
      tabPath: 'netpol-compliance',
    });
  }

  const at = (cluster: string, scannedAt: string, shop: ControlStatus, extra: Partial<StoredCluster> = {}) =>
    ({ cluster, scannedAt, lastAttemptAt: scannedAt, index: index(cluster, scannedAt, shop), ...extra }) as StoredCluster;

  beforeEach(() => {
    db = knexFactory({ client: 'better-sqlite3', connection: ':memory:', useNullAsDefault: true });
    send.mockReset();
  });
  afterEach(() => db.destroy());

  it('notifies the entity once for a regression, and not on the next unchanged scans', async () => {
    stored = [at('eu', 't1', 'pass')];
    expect(await notifier().run()).toBe(0);
    stored = [at('eu', 't2', 'fail')];
    expect(await notifier().run()).toBe(1);
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/team-shop' },
      payload: expect.objectContaining({ link: '/catalog/default/component/shop-web/netpol-compliance' }),
    });
    stored = [at('eu', 't3', 'fail')];
    expect(await notifier().run()).toBe(0);
    expect(await notifier().run()).toBe(0);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('tells nobody through an entity whose selector names no label value, unless an operator allows them', async () => {
    // `app!=x` selects every namespace with workloads: whoever registers it
    // must not hear of namespaces they were never mapped to.
    const broad: Entity = {
      ...shopWeb,
      metadata: { name: 'anything', namespace: 'default', annotations: { 'backstage.io/kubernetes-label-selector': 'app!=x' } },
      spec: { owner: 'mallory' },
    };
    const withLabels = (c: StoredCluster) => {
      c.index!.namespaces[0].workloadLabels = [{ app: 'web' }];
      return c;
    };
    stored = [withLabels(at('eu', 't1', 'pass'))];
    await notifier(db, { entities: [broad] }).run();
    stored = [withLabels(at('eu', 't2', 'fail'))];
    expect(await notifier(db, { entities: [broad] }).run()).toBe(0);
    expect(send).not.toHaveBeenCalled();
    // The operator's switch (entityAccess.allowBroadSelectors) maps it again.
    stored = [withLabels(at('eu', 't3', 'pass'))];
    await notifier(db, { entities: [broad], allowBroadSelectors: true }).run();
    stored = [withLabels(at('eu', 't4', 'fail'))];
    expect(await notifier(db, { entities: [broad], allowBroadSelectors: true }).run()).toBe(1);
    expect(send).toHaveBeenCalledWith(
      expect.objectContaining({ recipients: { type: 'entity', entityRef: 'group:default/mallory' } }),
    );
  });

  it('remembers across notifier instances (replicas) through the database', async () => {
    stored = [at('eu', 't1', 'pass')];
    await notifier().run();
    stored = [at('eu', 't2', 'fail')];
    await notifier().run();
    expect(await notifier().run()).toBe(0);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('leaves a stale report alone: a later fresh failure is still announced', async () => {
    stored = [at('eu', 't1', 'pass')];
    await notifier().run();
    stored = [at('eu', 't2', 'fail', { stale: { reason: 'too old', ageMs: 1 } })];
    expect(await notifier().run()).toBe(0);
    stored = [at('eu', 't3', 'fail')];
    expect(await notifier().run()).toBe(1);
  });

  it('keeps going and remembers when sending fails (no storm of retries)', async () => {
    send.mockRejectedValueOnce(new Error('notifications backend not installed'));
    stored = [at('eu', 't1', 'pass')];
    await notifier().run();
    stored = [at('eu', 't2', 'fail')];
    expect(await notifier().run()).toBe(0);
    expect(await notifier().run()).toBe(0);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('forgets a cluster that is no longer stored: its return is a baseline', async () => {
    stored = [at('eu', 't1', 'pass')];
    await notifier().run();
    stored = [];
    await notifier().run();
    stored = [at('eu', 't3', 'fail')];
    expect(await notifier().run()).toBe(0);
  });
});

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { complianceFixture, permissionsDenying, prodReport } from '../service/__testUtils__/complianceFixture';
import { registerConnectionsAction } from './connectionsAction';

const GUEST = 'user:default/guest';
const WEB = 'component:default/shop-web';

function shopWithConnections() {
  const shop = prodReport().namespaces[0];
  const denied = { allowed: false, policies: ['payments/default-deny-ingress'], isolated: true, reason: 'no rule admits shop/Deployment/shop-web' };
  const open = { allowed: true, policies: [], isolated: false, reason: 'not isolated' };
  shop.connections = [
    {
      entityRef: WEB,
      cluster: 'prod',
      connections: [
        {
          connection: { from: WEB, to: 'component:default/payments-api', because: ['dependsOn component:default/payments-api'] },
          from: { namespace: 'shop', workload: 'Deployment/shop-web' },
          to: { namespace: 'payments', workload: 'Deployment/payments-api' },
          verdict: 'blocked',
          result: { allowed: false, egress: open, ingress: denied },
        },
      ],
      notEvaluated: [],
      openButUndeclared: [{ to: { namespace: 'shop', workload: 'Deployment/shop-web' }, source: 'sandbox', workloads: ['Deployment/toolbox'], policies: [], reason: 'not isolated' }],
    },
  ];
  shop.leastPrivilege = {
    yaml: 'kind: NetworkPolicy\n',
    verified: true,
    problems: [],
    otherSide: [],
    notes: [],
    replaces: [{ name: 'allow-from-all', action: 'delete', why: 'it admits sources from outside the namespace' }],
    declared: [],
    controls: [],
  };
  return shop;
}

function storedWithConnections() {
  const report = prodReport();
  report.namespaces[0] = shopWithConnections();
  return { cluster: 'prod', title: 'PROD', report, scannedAt: report.scannedAt, lastAttemptAt: report.scannedAt } as any;
}

function setup(denied: string[] = []) {
  const fixture = complianceFixture({
    permissions: permissionsDenying(denied, GUEST),
    stored: [storedWithConnections()],
    scans: { namespaceReports: jest.fn(async () => [shopWithConnections()]) },
  });
  const registry = actionsRegistryServiceMock({ logger: mockServices.logger.mock() });
  registerConnectionsAction(registry, fixture.service);
  return { registry, ...fixture };
}

describe('get-entity-connections', () => {
  it('says which declared connection is blocked, by which side, and what is open without reason', async () => {
    const { registry } = setup();
    const { output } = await registry.invoke({
      id: 'test:get-entity-connections',
      input: { entityRef: WEB },
      credentials: mockCredentials.user(GUEST),
    });
    expect(output).toMatchObject({
      status: 'fail',
      connections: [
        { from: 'shop/Deployment/shop-web', to: 'payments/Deployment/payments-api', verdict: 'blocked', reason: 'no rule admits shop/Deployment/shop-web' },
      ],
      openButUndeclared: [{ source: 'sandbox', workloads: ['Deployment/toolbox'] }],
      leastPrivilege: [
        {
          cluster: 'prod',
          namespace: 'shop',
          verified: true,
          replaces: [{ name: 'allow-from-all', action: 'delete', why: 'it admits sources from outside the namespace' }],
          yaml: 'kind: NetworkPolicy\n',
        },
      ],
    });
  });

  it('refuses a caller the entity view refuses', async () => {
    const { registry } = setup(['kubernetes.resources.read']);
    await expect(
      registry.invoke({ id: 'test:get-entity-connections', input: { entityRef: WEB }, credentials: mockCredentials.user(GUEST) }),
    ).rejects.toThrow('kubernetes.resources.read');
  });
});

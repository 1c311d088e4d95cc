import { expectedConnections } from './deriveConnections';
import { BILLING, components, PAYMENTS, WEB } from './fixtures';
import { CatalogComponent, CLUSTER_DNS } from './types';

describe('expectedConnections', () => {
  it('gives ingress from dependents and API consumers, egress to DNS', () => {
    const got = expectedConnections(PAYMENTS, components);
    expect(got).toEqual([
      { from: WEB, to: PAYMENTS, because: [`dependsOn ${PAYMENTS}`] },
      { from: BILLING, to: PAYMENTS, because: ['consumes api:default/payments'] },
      { from: PAYMENTS, to: CLUSTER_DNS, because: ['every pod resolves names'] },
    ]);
  });

  it('gives egress to dependencies and API providers, not relations between others', () => {
    const got = expectedConnections(WEB, components);
    expect(got.map(c => `${c.from}>${c.to}`)).toEqual([`${WEB}>${PAYMENTS}`, `${WEB}>${CLUSTER_DNS}`]);
  });

  it('merges a dependsOn and an API relation on the same pair into one connection', () => {
    const both: CatalogComponent[] = [
      { ...components[0], consumesApis: ['api:default/payments'] },
      components[1],
    ];
    const got = expectedConnections(WEB, both).filter(c => c.to === PAYMENTS);
    expect(got).toHaveLength(1);
    expect(got[0].because).toEqual([`dependsOn ${PAYMENTS}`, 'consumes api:default/payments']);
  });

  it('expands a system dependency to its components, matches refs case-insensitively', () => {
    const sys: CatalogComponent[] = [
      { ref: WEB, mapping: { mapped: true, labelSelector: 'a=b' }, dependsOn: ['System:default/Payments'] },
      { ref: PAYMENTS, mapping: { mapped: true, labelSelector: 'a=c' }, system: 'system:default/payments' },
      { ref: BILLING, mapping: { mapped: true, labelSelector: 'a=d' }, system: 'system:default/other' },
    ];
    expect(expectedConnections(WEB, sys).map(c => c.to)).toEqual([PAYMENTS, CLUSTER_DNS]);
  });

  it('gives the same connection for dependencyOf on the dependency as for dependsOn on the dependent', () => {
    const DB = 'resource:default/orders-db';
    const viaDependencyOf: CatalogComponent[] = [
      { ref: WEB, mapping: { mapped: true, labelSelector: 'a=web' } },
      { ref: DB, mapping: { mapped: true, labelSelector: 'a=db' }, dependencyOf: [WEB] },
    ];
    const viaDependsOn: CatalogComponent[] = [
      { ref: WEB, mapping: { mapped: true, labelSelector: 'a=web' }, dependsOn: [DB] },
      { ref: DB, mapping: { mapped: true, labelSelector: 'a=db' } },
    ];
    const edge = { from: WEB, to: DB, because: [`dependsOn ${DB}`] };
    expect(expectedConnections(WEB, viaDependencyOf)).toContainEqual(edge);
    expect(expectedConnections(DB, viaDependencyOf)).toContainEqual(edge);
    expect(expectedConnections(WEB, viaDependencyOf)).toEqual(expectedConnections(WEB, viaDependsOn));
    // Both sides declaring it (as the catalog's relations always do) is still one connection, one reason.
    const both = [{ ...viaDependsOn[0] }, { ...viaDependencyOf[1] }];
    expect(expectedConnections(DB, both).filter(c => c.to === DB)).toEqual([edge]);
  });

  it('expands a system named in dependencyOf to its components', () => {
    const DB = 'resource:default/orders-db';
    const sys: CatalogComponent[] = [
      { ref: WEB, mapping: { mapped: true, labelSelector: 'a=b' }, system: 'system:default/shop' },
      { ref: DB, mapping: { mapped: true, labelSelector: 'a=c' }, dependencyOf: ['system:default/shop'] },
    ];
    expect(expectedConnections(DB, sys).map(c => `${c.from}>${c.to}`)).toEqual([`${WEB}>${DB}`, `${DB}>${CLUSTER_DNS}`]);
  });

  it('drops relations to entities it does not know and a dependency on itself; no DNS when unmapped', () => {
    const odd: CatalogComponent[] = [
      { ref: WEB, mapping: { mapped: false }, dependsOn: ['resource:default/db', WEB] },
    ];
    expect(expectedConnections(WEB, odd)).toEqual([]);
  });
});

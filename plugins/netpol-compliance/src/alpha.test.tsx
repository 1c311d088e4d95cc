import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import plugin, {
  netpolComplianceApi,
  netpolComplianceEntityCard,
  netpolComplianceEntityContent,
  netpolCompliancePage,
} from './alpha';
import { netpolComplianceApiRef } from './api';
import { entity, mockApi, unmappedEntity } from './testing/fixtures';

describe('new frontend system plugin', () => {
  it('is the netpol-compliance plugin with its extensions', () => {
    expect(plugin.id).toBe('netpol-compliance');
    const factory = createExtensionTester(netpolComplianceApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api.id).toBe(netpolComplianceApiRef.id);
  });

  it('has stable extension ids for app-config', () => {
    for (const id of [
      'api:netpol-compliance',
      'entity-content:netpol-compliance',
      'entity-card:netpol-compliance',
      'page:netpol-compliance',
    ] as const) {
      expect(plugin.getExtension(id)).toMatchObject({
        namespace: 'netpol-compliance',
      });
    }
    expect(
      plugin.getExtension('entity-content:netpol-compliance'),
    ).toMatchObject({
      kind: 'entity-content',
    });
  });

  it('adds the Network policy tab only for mapped entities', () => {
    const tester = createExtensionTester(netpolComplianceEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('netpol-compliance');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Network policy',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entity)).toBe(true);
    expect(filter(unmappedEntity)).toBe(false);
  });

  it('adds the summary card only for mapped entities', () => {
    const tester = createExtensionTester(netpolComplianceEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(entity)).toBe(true);
    expect(filter(unmappedEntity)).toBe(false);
  });

  it('renders the tab content from its extension', async () => {
    const api = mockApi();
    const tester = createExtensionTester(netpolComplianceEntityContent);
    renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      {
        apis: [[netpolComplianceApiRef, api]],
      },
    );
    expect(
      await screen.findByText(
        /The namespace of this entity is isolated/,
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('mounts the overview at /netpol-compliance and the control docs below it', async () => {
    expect(
      createExtensionTester(netpolCompliancePage).get(
        coreExtensionData.routePath,
      ),
    ).toBe('/netpol-compliance');
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/netpol-compliance/controls/NETPOL-003'],
      apis: [[netpolComplianceApiRef, mockApi()]],
    });
    expect(
      await screen.findByText(
        'NETPOL-003: Every workload is selected by a network policy',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });

  it('links from the docs page back to the overview through the route refs', async () => {
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/netpol-compliance/controls/NETPOL-004'],
      apis: [[netpolComplianceApiRef, mockApi()]],
    });
    expect(
      await screen.findByRole(
        'link',
        { name: /See every namespace where NETPOL-004/ },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute(
      'href',
      '/netpol-compliance?control=NETPOL-004&status=fail',
    );
  });
});

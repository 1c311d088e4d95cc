/**
 * A real backend with the real notifications backend, the demo catalog
 * with the relations the catalog would compute, and helpers to scan, run
 * the regression notifier and read what a user received.
 */
import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import { Entity, RELATION_HAS_MEMBER, RELATION_OWNED_BY } from '@backstage/catalog-model';
import { exampleEntities } from './entities';
import { startIntegrationsBackend } from './integrationsBackend';

export const NOTIFIER = 'netpol-compliance-notify-regressions';
export const GUEST = 'user:default/guest'; // member of team-shop (examples/catalog/org.yaml)
export const CAROL = 'user:default/carol'; // member of team-payments, added here

export interface Notification {
  payload: { title: string; link?: string; description?: string };
}

/** The demo catalog with the relations the catalog would compute (ownedBy, hasMember). */
function catalogWithRelations(): Entity[] {
  const entities = exampleEntities();
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'carol', namespace: 'default' },
    spec: { memberOf: ['team-payments'] },
  });
  for (const e of entities) {
    const owner = (e.spec as any)?.owner;
    if (owner) e.relations = [{ type: RELATION_OWNED_BY, targetRef: `group:default/${owner}` }];
  }
  for (const user of entities.filter(e => e.kind === 'User')) {
    for (const team of ((user.spec as any).memberOf ?? []) as string[]) {
      const group = entities.find(e => e.kind === 'Group' && e.metadata.name === team)!;
      group.relations = [
        ...(group.relations ?? []),
        { type: RELATION_HAS_MEMBER, targetRef: `user:default/${user.metadata.name}` },
      ];
    }
  }
  return entities;
}

export async function startNotificationsBackend(kubernetes: object) {
  const backend = await startIntegrationsBackend({
    kubernetes,
    config: { app: { baseUrl: 'http://localhost:3000' } },
    features: [catalogServiceMock.factory({ entities: catalogWithRelations() }), notificationsBackend],
  });

  /** A scan of every cluster, then one run of the notifier, as its schedule would. */
  async function scanAndNotify() {
    const scan = await request(backend.server).post('/api/netpol-compliance/scan?wait=true');
    if (scan.status !== 200) throw new Error(`scan: HTTP ${scan.status} ${scan.text}`);
    await backend.scheduler.run(NOTIFIER);
  }

  async function notificationsOf(user: string): Promise<Notification[]> {
    const res = await request(backend.server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header(user));
    if (res.status !== 200) throw new Error(`notifications of ${user}: HTTP ${res.status}`);
    return res.body.notifications;
  }

  return Object.assign(backend, { scanAndNotify, notificationsOf });
}

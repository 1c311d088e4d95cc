import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import { getControl } from '@netpol/plugin-netpol-compliance-common';
import { namespaceKey, NamespaceOwnerIndex } from '../service/namespaceOwners';
import type { Regression } from './regressions';

/** One notification: to the owners of one entity, about its regressions. */
export interface PlannedNotification {
  entityRef: string;
  regressions: Regression[];
  payload: NotificationPayload;
}

/** The notifications' topic, so users can filter and mute them. */
export const NOTIFICATION_TOPIC = 'netpol-compliance';

/** At most this many regressions are spelled out in one notification. */
const LISTED = 5;

/** The entity's NetworkPolicy tab in the app. */
export function entityTabLink(entityRef: string, tabPath: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind.toLowerCase())}/${encodeURIComponent(name)}/${tabPath}`;
}

function describe(r: Regression): string {
  const title = getControl(r.control)?.title ?? r.control;
  const where = r.namespace ? `${r.cluster}/${r.namespace}` : `cluster ${r.cluster}`;
  return `${where}: ${r.control} ${title} now fails. ${r.reason}`;
}

/**
 * Groups regressions by the entities mapped where they happened (a cluster
 * regression reaches every entity mapped to a namespace of that cluster):
 * one notification per entity, whose owners the notifications backend
 * resolves. Pure.
 */
export function planNotifications(
  regressions: Regression[],
  owners: NamespaceOwnerIndex,
  options: { tabPath: string },
): PlannedNotification[] {
  const byEntity = new Map<string, Regression[]>();
  const add = (ref: string, r: Regression) => {
    let list = byEntity.get(ref);
    if (!list) byEntity.set(ref, (list = []));
    if (!list.includes(r)) list.push(r);
  };
  for (const r of regressions) {
    if (r.namespace !== undefined) {
      for (const ref of owners.get(namespaceKey(r.cluster, r.namespace))?.entities ?? []) add(ref, r);
      continue;
    }
    const prefix = namespaceKey(r.cluster, '');
    for (const [key, ownership] of owners) {
      if (key.startsWith(prefix)) for (const ref of ownership.entities) add(ref, r);
    }
  }

  return [...byEntity].map(([entityRef, list]) => {
    const { name } = parseEntityRef(entityRef);
    const lines = list.slice(0, LISTED).map(describe);
    if (list.length > LISTED) lines.push(`...and ${list.length - LISTED} more.`);
    return {
      entityRef,
      regressions: list,
      payload: {
        title: `Network isolation regressed for ${name}`,
        description: lines.join('\n'),
        link: entityTabLink(entityRef, options.tabPath),
        severity: list.some(r => r.namespace === undefined) ? 'critical' : 'high',
        topic: NOTIFICATION_TOPIC,
      },
    };
  });
}

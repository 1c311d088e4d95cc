import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import { getControl } from '@netpol/plugin-netpol-compliance-common';
import { namespaceKey, NamespaceOwnerIndex } from '../service/namespaceOwners';
import type { Regression } from './regressions';

/** One notification: to one owner, about the regressions of the entities it owns. */
export interface PlannedNotification {
  /** The owner (group or user ref); the notifications backend resolves a group to its members. */
  recipient: string;
  /** The owner's entities mapped where the regressions happened, sorted. */
  entities: string[];
  regressions: Regression[];
  payload: NotificationPayload;
}

/** The notifications' topic, so users can filter and mute them. */
export const NOTIFICATION_TOPIC = 'netpol-compliance';

/** The entity's NetworkPolicy tab in the app. */
export function entityTabLink(entityRef: string, tabPath: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind.toLowerCase())}/${encodeURIComponent(name)}/${tabPath}`;
}

/**
 * One line per control that regressed, with how many namespaces (or
 * clusters) it now fails in. The payload names no cluster, namespace,
 * workload or policy, and carries no reason: the owners it reaches are
 * whoever an entity's annotations name, and the notifications backend
 * delivers without asking whether they may read that cluster. Where and why
 * are on the tab it links to, which checks the kubernetes plugin's
 * permissions (see the README's access rule).
 */
function describe(regressions: Regression[]): string {
  const byControl = new Map<string, { namespaces: Set<string>; clusters: Set<string> }>();
  for (const r of regressions) {
    let counts = byControl.get(r.control);
    if (!counts) byControl.set(r.control, (counts = { namespaces: new Set(), clusters: new Set() }));
    if (r.namespace === undefined) counts.clusters.add(r.cluster);
    else counts.namespaces.add(`${r.cluster}/${r.namespace}`);
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const lines = [...byControl].sort(([a], [b]) => a.localeCompare(b)).map(([control, counts]) => {
    const title = getControl(control)?.title ?? control;
    const where = counts.clusters.size
      ? `on ${plural(counts.clusters.size, 'cluster')}`
      : `in ${plural(counts.namespaces.size, 'namespace')}`;
    return `${control} ${title} now fails ${where}.`;
  });
  lines.push('Where and why: on the Network policy tab.');
  return lines.join('\n');
}

/** The entities mapped where a regression happened; a cluster regression reaches every namespace of its cluster. */
function affectedEntities(r: Regression, index: NamespaceOwnerIndex): string[] {
  if (r.namespace !== undefined) return index.get(namespaceKey(r.cluster, r.namespace))?.entities ?? [];
  const prefix = namespaceKey(r.cluster, '');
  const refs = new Set<string>();
  for (const [key, ownership] of index) {
    if (key.startsWith(prefix)) for (const ref of ownership.entities) refs.add(ref);
  }
  return [...refs];
}

/**
 * One notification per owner of the entities mapped where regressions
 * happened, listing them and linking to the tab of its first entity, so an
 * owner of several services in one namespace hears once. Pure.
 */
export function planNotifications(
  regressions: Regression[],
  index: NamespaceOwnerIndex,
  ownersOf: (entityRef: string) => string[],
  options: { tabPath: string },
): PlannedNotification[] {
  const byOwner = new Map<string, { entities: Set<string>; regressions: Set<Regression> }>();
  for (const r of regressions) {
    for (const entity of affectedEntities(r, index)) {
      for (const owner of ownersOf(entity)) {
        let group = byOwner.get(owner);
        if (!group) byOwner.set(owner, (group = { entities: new Set(), regressions: new Set() }));
        group.entities.add(entity);
        group.regressions.add(r);
      }
    }
  }

  return [...byOwner].map(([recipient, group]) => {
    const entities = [...group.entities].sort();
    const list = [...group.regressions];
    const names = entities.map(ref => parseEntityRef(ref).name);
    return {
      recipient,
      entities,
      regressions: list,
      payload: {
        title: `Network isolation regressed for ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` and ${names.length - 3} more` : ''}`,
        description: describe(list),
        link: entityTabLink(entities[0], options.tabPath),
        severity: list.some(r => r.namespace === undefined) ? 'critical' : 'high',
        topic: NOTIFICATION_TOPIC,
      },
    };
  });
}

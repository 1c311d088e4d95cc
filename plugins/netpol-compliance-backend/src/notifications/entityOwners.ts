import { Entity, parseEntityRef, RELATION_OWNED_BY, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * An entity's owners: its ownedBy relations, or `spec.owner` where the
 * catalog has not yet related them. (service/namespaceOwners.ts reads
 * owners the same way for the namespace index but keeps them per
 * namespace; the notifier needs them per entity.)
 */
export function entityOwners(entity: Entity): string[] {
  const related = (entity.relations ?? []).filter(r => r.type === RELATION_OWNED_BY).map(r => r.targetRef);
  if (related.length) return related;
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    return [
      stringifyEntityRef(
        parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }),
      ),
    ];
  } catch {
    return [];
  }
}

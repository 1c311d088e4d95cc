import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import { EXAMPLES } from './clusters';

/** The demo catalog, plus one entity mapped by namespace annotation only. */
export function exampleEntities(): Entity[] {
  const entities: Entity[] = [];
  for (const file of ['org.yaml', 'components.yaml']) {
    const text = fs.readFileSync(path.join(EXAMPLES, 'catalog', file), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      const e = doc.toJSON() as Entity;
      e.metadata.namespace ??= 'default';
      entities.push(e);
    }
  }
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop-namespace',
      namespace: 'default',
      annotations: { 'backstage.io/kubernetes-namespace': 'shop' },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-shop' },
  });
  return entities;
}

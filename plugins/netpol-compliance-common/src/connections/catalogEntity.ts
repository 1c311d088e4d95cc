/**
 * A catalog entity's relations as a CatalogComponent: refs completed the
 * way the catalog completes them (`payments-api` in dependsOn is
 * `component:<the entity's namespace>/payments-api`, `payments` in
 * consumesApis is `api:...`). Shared by the backend (entities from the
 * catalog) and the CLI (catalog-info files), so both derive the same edges.
 */
import type { EntityMapping } from '../api';
import {
  ANNOTATION_KUBERNETES_CLUSTER,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from '../annotations';
import type { CatalogComponent } from './types';

/** The parts of a catalog entity read here. @public */
export interface CatalogEntityLike {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown> | object;
}

const REF = /^(?:([^:/\s]+):)?(?:([^:/\s]+)\/)?([^:/\s]+)$/;

/** `kind:namespace/name` in lower case, or undefined for a malformed ref. @public */
export function completeEntityRef(ref: string, defaultKind: string, defaultNamespace: string): string | undefined {
  const m = REF.exec(ref.trim());
  if (!m) return undefined;
  const [, kind = defaultKind, namespace = defaultNamespace, name] = m;
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

function refs(value: unknown, kind: string, namespace: string): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is string => typeof v === 'string')
    .map(v => completeEntityRef(v, kind, namespace))
    .filter((v): v is string => Boolean(v));
}

/** @public */
export function catalogComponentOf(entity: CatalogEntityLike, mapping: EntityMapping): CatalogComponent {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const system = typeof spec.system === 'string' ? completeEntityRef(spec.system, 'system', namespace) : undefined;
  return {
    ref: `${entity.kind}:${namespace}/${entity.metadata.name}`.toLowerCase(),
    mapping,
    dependsOn: refs(spec.dependsOn, 'component', namespace),
    consumesApis: refs(spec.consumesApis, 'api', namespace),
    providesApis: refs(spec.providesApis, 'api', namespace),
    ...(system ? { system } : {}),
  };
}

const list = (v: string | undefined) => v?.split(',').map(s => s.trim()).filter(Boolean);

/**
 * The mapping from the kubernetes annotations, without the backend's access
 * rules (the CLI runs for the person who owns the files).
 * @public
 */
export function mappingFromAnnotations(annotations: Record<string, string> = {}): EntityMapping {
  const namespaces = list(annotations[ANNOTATION_KUBERNETES_NAMESPACE]);
  const clusters = list(annotations[ANNOTATION_KUBERNETES_CLUSTER]);
  const selector = annotations[ANNOTATION_KUBERNETES_LABEL_SELECTOR]?.trim();
  const id = annotations[ANNOTATION_KUBERNETES_ID]?.trim();
  const labelSelector = selector || (id ? `${ANNOTATION_KUBERNETES_ID}=${id}` : undefined);
  if (!namespaces && !labelSelector) return { mapped: false, reason: 'no kubernetes annotation' };
  return {
    mapped: true,
    ...(namespaces ? { namespaces } : {}),
    ...(clusters ? { clusters } : {}),
    ...(labelSelector ? { labelSelector } : {}),
  };
}

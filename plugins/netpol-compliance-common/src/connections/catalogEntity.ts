/**
 * A catalog entity's relations as a CatalogComponent: refs completed the
 * way the catalog completes them (`payments-api` in dependsOn is
 * `component:<the entity's namespace>/payments-api`, `payments` in
 * consumesApis is `api:...`). Shared by the backend (entities from the
 * catalog) and the CLI (catalog-info files), so both derive the same edges.
 *
 * Both the spec fields and the catalog's `relations` count (the catalog
 * computes relations from every entity's spec, so an entity from the
 * catalog knows what others declare about it: `dependencyOf` mirrors a
 * `dependsOn`, `apiProvidedBy` on an API a `providesApis`). Each ref is
 * kept once.
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
  /** As the catalog serves them (absent in catalog-info files). */
  relations?: Array<{ type: string; targetRef: string }>;
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

/** The targets of the entity's relations of one type (relations carry full refs). */
function related(entity: CatalogEntityLike, type: string, kind: string, namespace: string): string[] {
  const targets = (entity.relations ?? []).filter(r => r?.type === type).map(r => r.targetRef);
  return refs(targets, kind, namespace);
}

const unique = (...lists: string[][]) => [...new Set(lists.flat())];

/** @public */
export function catalogComponentOf(entity: CatalogEntityLike, mapping: EntityMapping): CatalogComponent {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const system = typeof spec.system === 'string' ? completeEntityRef(spec.system, 'system', namespace) : undefined;
  const both = (field: string, relation: string, kind: string) =>
    unique(refs(spec[field], kind, namespace), related(entity, relation, kind, namespace));
  return {
    ref: entityRefOf(entity),
    mapping,
    dependsOn: both('dependsOn', 'dependsOn', 'component'),
    dependencyOf: both('dependencyOf', 'dependencyOf', 'component'),
    consumesApis: both('consumesApis', 'consumesApi', 'api'),
    providesApis: both('providesApis', 'providesApi', 'api'),
    ...(system ? { system } : {}),
  };
}

function entityRefOf(entity: CatalogEntityLike): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`.toLowerCase();
}

const COMPONENT_KINDS = new Set(['component', 'resource']);

/**
 * The Components and Resources of a list of catalog entities, with what
 * the list's API entities say of them (`apiProvidedBy`, `apiConsumedBy`)
 * added to their provided and consumed APIs. Other kinds are left out.
 * @public
 */
export function catalogComponentsOf(
  entities: CatalogEntityLike[],
  mappingOf: (entity: CatalogEntityLike) => EntityMapping,
): CatalogComponent[] {
  const components = entities
    .filter(e => COMPONENT_KINDS.has(e.kind.toLowerCase()))
    .map(e => catalogComponentOf(e, mappingOf(e)));
  const byRef = new Map(components.map(c => [c.ref, c]));
  for (const api of entities.filter(e => e.kind.toLowerCase() === 'api')) {
    const apiRef = entityRefOf(api);
    const namespace = api.metadata.namespace ?? 'default';
    for (const [relation, field] of [
      ['apiProvidedBy', 'providesApis'],
      ['apiConsumedBy', 'consumesApis'],
    ] as const) {
      for (const target of related(api, relation, 'component', namespace)) {
        const c = byRef.get(target);
        if (c) c[field] = unique(c[field] ?? [], [apiRef]);
      }
    }
  }
  return components;
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

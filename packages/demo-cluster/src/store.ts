/**
 * The object store: normalized objects indexed by resource type and
 * namespace, kept sorted by (namespace, name), plus the cluster-wide
 * resourceVersion.
 *
 * Built for 100,000+ objects: lists are slices of pre-sorted arrays (no
 * per-request sorting or filtering when no selector is given) and each
 * object is serialized to JSON once, lazily, then reused by every page and
 * every get.
 */
import {
  RESOURCE_TYPES,
  ResourceType,
  findResourceType,
  groupVersionOf,
  resourceId,
} from './resources';
import { isPlainObject, withServerFields } from './serverFields';

/** One stored object with its index keys and cached serializations. */
export interface StoredObject {
  readonly rt: ResourceType;
  /** `''` for cluster-scoped objects. */
  readonly namespace: string;
  readonly name: string;
  /** The object as served by a get: `apiVersion`, `kind`, `metadata`, ... */
  readonly object: Record<string, any>;
  /** Cached list-item JSON (no kind/apiVersion); see {@link itemJson}. */
  itemJsonCache?: string;
}

/** An input object the store could not serve (unknown kind, bad shape). */
export interface IgnoredObject {
  apiVersion: string;
  kind: string;
  name: string;
  reason: string;
}

interface Bucket {
  /** Every object of the type, sorted by (namespace, name). */
  all: StoredObject[];
  /** Per namespace, each sorted by name (slices of the same order). */
  byNamespace: Map<string, StoredObject[]>;
  /** `namespace/name` -> object. */
  byKey: Map<string, StoredObject>;
}

/** Total order of the lists: namespace, then name, by UTF-16 code units. */
export function compareKeys(
  aNamespace: string,
  aName: string,
  bNamespace: string,
  bName: string,
): number {
  if (aNamespace !== bNamespace) return aNamespace < bNamespace ? -1 : 1;
  if (aName !== bName) return aName < bName ? -1 : 1;
  return 0;
}

export class ObjectStore {
  private buckets = new Map<string, Bucket>();
  private served: ResourceType[] = [];
  private rv = 0;

  /**
   * @param clusterName - mixed into uids so that two demo clusters serving
   *   the same manifests still have distinct uids, as real clusters would.
   */
  constructor(private readonly clusterName: string) {}

  /** The current list resourceVersion; bumped by every {@link replace}. */
  get resourceVersion(): string {
    return String(this.rv);
  }

  /**
   * Replaces all data. Input objects are never mutated (metadata is copied
   * before defaults are filled in), so callers may reuse them.
   */
  replace(input: readonly object[]): { ignored: IgnoredObject[] } {
    const ignored: IgnoredObject[] = [];
    // New objects get resourceVersions above everything served before, so
    // lists' resourceVersion only ever grows, like etcd revisions.
    const versions = { next: this.rv + 1, max: this.rv };
    const buckets = new Map<string, Bucket>();
    const bucketFor = (rt: ResourceType) => {
      const id = resourceId(rt);
      let bucket = buckets.get(id);
      if (!bucket) {
        bucket = { all: [], byNamespace: new Map(), byKey: new Map() };
        buckets.set(id, bucket);
      }
      return bucket;
    };
    const referencedNamespaces = new Set<string>();

    const add = (rt: ResourceType, raw: Record<string, any>) => {
      const entry = withServerFields(rt, raw, this.clusterName, versions);
      if (entry.namespace) referencedNamespaces.add(entry.namespace);
      // Later definitions replace earlier ones, like repeated `kubectl apply`.
      bucketFor(rt).byKey.set(`${entry.namespace}/${entry.name}`, entry);
    };

    for (const raw of input) {
      if (
        !isPlainObject(raw) ||
        typeof raw.apiVersion !== 'string' ||
        typeof raw.kind !== 'string' ||
        !isPlainObject(raw.metadata) ||
        typeof raw.metadata.name !== 'string' ||
        !raw.metadata.name
      ) {
        ignored.push({
          apiVersion: String((raw as any)?.apiVersion ?? ''),
          kind: String((raw as any)?.kind ?? ''),
          name: String((raw as any)?.metadata?.name ?? ''),
          reason:
            'not a Kubernetes object (needs apiVersion, kind, metadata.name)',
        });
        continue;
      }
      const rt = findResourceType(raw.apiVersion, raw.kind);
      if (!rt) {
        ignored.push({
          apiVersion: raw.apiVersion,
          kind: raw.kind,
          name: raw.metadata.name,
          reason: `kind ${raw.kind} of ${raw.apiVersion} is not served by the demo cluster`,
        });
        continue;
      }
      add(rt, raw);
    }

    // A real cluster has every namespace its objects live in, declared in the
    // manifests or not.
    const namespaceType = findResourceType('v1', 'Namespace')!;
    const namespaces = bucketFor(namespaceType);
    for (const ns of [...referencedNamespaces].sort()) {
      if (!namespaces.byKey.has(`/${ns}`)) {
        add(namespaceType, {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: ns },
        });
      }
    }

    for (const bucket of buckets.values()) {
      bucket.all = [...bucket.byKey.values()].sort((a, b) =>
        compareKeys(a.namespace, a.name, b.namespace, b.name),
      );
      for (const entry of bucket.all) {
        let list = bucket.byNamespace.get(entry.namespace);
        if (!list) {
          list = [];
          bucket.byNamespace.set(entry.namespace, list);
        }
        list.push(entry);
      }
    }

    this.buckets = buckets;
    this.rv = Math.max(versions.next - 1, versions.max, this.rv + 1);
    // Optional (CRD-backed) APIs exist only when their group has objects.
    const presentGroups = new Set(
      [...buckets.values()]
        .filter(b => b.all.length > 0)
        .map(b => b.all[0].rt.group),
    );
    this.served = RESOURCE_TYPES.filter(
      rt => !rt.optional || presentGroups.has(rt.group),
    );
    return { ignored };
  }

  /** The resource types currently served (drives discovery and routing). */
  servedResources(): readonly ResourceType[] {
    return this.served;
  }

  isServed(rt: ResourceType): boolean {
    return this.served.includes(rt);
  }

  /**
   * Objects of a type, sorted by (namespace, name); all namespaces when
   * `namespace` is undefined. The returned array must not be modified.
   */
  list(rt: ResourceType, namespace?: string): readonly StoredObject[] {
    const bucket = this.buckets.get(resourceId(rt));
    if (!bucket) return [];
    if (namespace === undefined) return bucket.all;
    return bucket.byNamespace.get(namespace) ?? [];
  }

  get(
    rt: ResourceType,
    namespace: string,
    name: string,
  ): StoredObject | undefined {
    return this.buckets.get(resourceId(rt))?.byKey.get(`${namespace}/${name}`);
  }

  /** Counts per served resource, for logs (`apps/v1/deployments: 12`). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const rt of this.served) {
      out[`${groupVersionOf(rt)}/${rt.plural}`] = this.list(rt).length;
    }
    return out;
  }
}

/**
 * The JSON of an object as a list item: like kube-apiserver, list items carry
 * no `kind`/`apiVersion` (the list's kind says it). Cached on the entry.
 */
export function itemJson(entry: StoredObject): string {
  if (entry.itemJsonCache === undefined) {
    const { apiVersion: _a, kind: _k, ...rest } = entry.object;
    entry.itemJsonCache = JSON.stringify(rest);
  }
  return entry.itemJsonCache;
}

/** The JSON of an object for a get: with `kind` and `apiVersion`. */
export function objectJson(entry: StoredObject): string {
  const item = itemJson(entry);
  const head = `{"kind":${JSON.stringify(
    entry.object.kind,
  )},"apiVersion":${JSON.stringify(entry.object.apiVersion)}`;
  // Items always have metadata, so `item` is a non-empty object literal.
  return `${head},${item.slice(1)}`;
}

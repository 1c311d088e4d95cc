/**
 * The fields the API server sets on an object it stores, filled in where
 * the manifest has none: the namespace (`default` for a namespaced object
 * without one), a uid, a resourceVersion above every one served before, a
 * creationTimestamp, metadata in the server's key order, and a namespace's
 * name label, spec and status. Deterministic: the same manifests give the
 * same objects on every run.
 */
import { createHash } from 'node:crypto';
import type { ResourceType } from './resources';
import type { StoredObject } from './store';

export function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Synthesized timestamps spread over 90 days before this instant, so ages look
// plausible in UIs yet never change between runs.
const TIMESTAMP_BASE_MS = Date.UTC(2025, 0, 1);
const TIMESTAMP_SPREAD_S = 90 * 24 * 3600;

function hashOf(text: string): Buffer {
  return createHash('sha1').update(text).digest();
}

/** A name-based (version 5 style) UUID: deterministic, unique per identity. */
function uuidFrom(hash: Buffer): string {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20)}`;
}

// The order kube-apiserver serializes ObjectMeta in; other keys follow.
const METADATA_ORDER = [
  'name',
  'generateName',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
];

function orderMetadata(metadata: Record<string, any>): Record<string, any> {
  const ordered: Record<string, any> = {};
  for (const key of METADATA_ORDER) {
    if (metadata[key] !== undefined) ordered[key] = metadata[key];
  }
  for (const key of Object.keys(metadata)) {
    if (!(key in ordered)) ordered[key] = metadata[key];
  }
  return ordered;
}

/** Fields kube-apiserver always sets on namespaces. */
function normalizeNamespace(object: Record<string, any>) {
  const name = object.metadata.name;
  object.metadata = orderMetadata({
    ...object.metadata,
    labels: {
      ...(object.metadata.labels ?? {}),
      'kubernetes.io/metadata.name': name,
    },
  });
  if (!isPlainObject(object.spec)) object.spec = { finalizers: ['kubernetes'] };
  if (!isPlainObject(object.status)) object.status = { phase: 'Active' };
}

/**
 * The stored form of `raw` (never mutated: metadata is copied). `versions`
 * hands out resourceVersions and records the highest one given in input.
 */
export function withServerFields(
  rt: ResourceType,
  raw: Record<string, any>,
  clusterName: string,
  versions: { next: number; max: number },
): StoredObject {
  const metadata: Record<string, any> = { ...raw.metadata };
  const name = String(metadata.name);
  let namespace = '';
  if (rt.namespaced) {
    // The API server puts namespace-less objects into `default`.
    namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default';
    metadata.namespace = namespace;
  } else {
    delete metadata.namespace;
  }
  const hash = hashOf(`${clusterName}|${raw.apiVersion}|${raw.kind}|${namespace}|${name}`);
  if (!metadata.uid) metadata.uid = uuidFrom(hash);
  if (!metadata.resourceVersion) {
    metadata.resourceVersion = String(versions.next++);
  } else {
    metadata.resourceVersion = String(metadata.resourceVersion);
    const numeric = Number(metadata.resourceVersion);
    if (Number.isSafeInteger(numeric) && numeric > versions.max) versions.max = numeric;
  }
  if (!metadata.creationTimestamp) {
    const offset = hash.readUInt32BE(16) % TIMESTAMP_SPREAD_S;
    metadata.creationTimestamp = new Date(TIMESTAMP_BASE_MS - offset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = raw;
  const object: Record<string, any> = {
    apiVersion: raw.apiVersion,
    kind: raw.kind,
    metadata: orderMetadata(metadata),
    ...rest,
  };
  if (rt.kind === 'Namespace' && rt.group === '') normalizeNamespace(object);
  return { rt, namespace, name, object };
}

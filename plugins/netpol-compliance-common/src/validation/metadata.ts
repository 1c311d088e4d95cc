/**
 * `metadata` (ObjectMeta) as the API server checks it on create: the
 * fields it has, a name, a namespace name, label keys and values,
 * annotation keys.
 */
import {
  dnsLabelProblems,
  dnsSubdomainProblems,
  labelValueProblems,
  qualifiedNameProblems,
} from './names';
import {
  ANY,
  at,
  BOOL,
  child,
  INT,
  listOf,
  objectOf,
  quote,
  Shape,
  STRING,
  STRING_LIST,
  STRING_MAP,
} from './shape';

export const OBJECT_META: Shape = objectOf({
  name: STRING,
  generateName: STRING,
  namespace: STRING,
  selfLink: STRING,
  uid: STRING,
  resourceVersion: STRING,
  generation: INT,
  creationTimestamp: STRING,
  deletionTimestamp: STRING,
  deletionGracePeriodSeconds: INT,
  labels: STRING_MAP,
  annotations: STRING_MAP,
  ownerReferences: listOf(
    objectOf({
      apiVersion: STRING,
      kind: STRING,
      name: STRING,
      uid: STRING,
      controller: BOOL,
      blockOwnerDeletion: BOOL,
    }),
  ),
  finalizers: STRING_LIST,
  managedFields: listOf(ANY),
});

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Labels as `metav1.ValidateLabels` checks them (also matchLabels). */
export function checkLabels(value: unknown, path: string, out: string[]): void {
  if (!isMapping(value)) return; // the shape check reports the type
  for (const [key, v] of Object.entries(value)) {
    for (const p of qualifiedNameProblems(key))
      out.push(`${path}: invalid label key ${quote(key)}: ${p}`);
    if (typeof v === 'string')
      for (const p of labelValueProblems(v))
        out.push(`${at(path, key)}: invalid label value ${quote(v)}: ${p}`);
  }
}

/**
 * The semantic checks of ObjectMeta (its shape is checked with the
 * object's). `namespaced` says whether the kind lives in a namespace.
 */
export function checkMetadata(
  meta: unknown,
  namespaced: boolean,
  out: string[],
): void {
  if (meta === undefined || meta === null) {
    out.push('metadata.name: required value');
    return;
  }
  if (!isMapping(meta)) return;
  const name = meta.name;
  if (typeof name !== 'string' || name === '') {
    if (typeof meta.generateName !== 'string' || meta.generateName === '')
      out.push('metadata.name: required value');
  } else {
    for (const p of dnsSubdomainProblems(name))
      out.push(`metadata.name: invalid value ${quote(name)}: ${p}`);
  }
  const ns = meta.namespace;
  if (typeof ns === 'string' && ns !== '') {
    // On a cluster-scoped kind kubectl leaves the namespace out of the request.
    if (namespaced)
      for (const p of dnsLabelProblems(ns))
        out.push(`metadata.namespace: invalid value ${quote(ns)}: ${p}`);
  }
  checkLabels(meta.labels, 'metadata.labels', out);
  if (isMapping(meta.annotations)) {
    for (const key of Object.keys(meta.annotations))
      for (const p of qualifiedNameProblems(key.toLowerCase()))
        out.push(
          `${child('metadata', 'annotations')}: invalid annotation key ${quote(
            key,
          )}: ${p}`,
        );
  }
}

/**
 * What a reload changed: objects added, removed and changed between two
 * inputs of the store, by identity (apiVersion, kind, namespace, name). Pure,
 * so the diff is tested without files; the cluster computes it only when
 * asked to reload, never on the serving path.
 */

export interface ObjectChanges {
  /** Identities as `apiVersion Kind namespace/name` (no namespace: `name`). */
  added: string[];
  removed: string[];
  changed: string[];
}

function identityOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const o = raw as Record<string, any>;
  const name = o.metadata?.name;
  if (typeof name !== 'string') return undefined;
  const namespace =
    typeof o.metadata.namespace === 'string' && o.metadata.namespace
      ? `${o.metadata.namespace}/`
      : '';
  return `${String(o.apiVersion)} ${String(o.kind)} ${namespace}${name}`;
}

/**
 * Identity -> the object's JSON. A later definition of the same identity
 * wins, as in the store (repeated `kubectl apply`).
 */
function fingerprint(objects: readonly object[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of objects) {
    const id = identityOf(raw);
    if (id !== undefined) out.set(id, JSON.stringify(raw));
  }
  return out;
}

/** The difference from `before` to `after`, each list sorted. */
export function diffObjects(
  before: readonly object[],
  after: readonly object[],
): ObjectChanges {
  const old = fingerprint(before);
  const now = fingerprint(after);
  const changes: ObjectChanges = { added: [], removed: [], changed: [] };
  for (const [id, json] of now) {
    const previous = old.get(id);
    if (previous === undefined) changes.added.push(id);
    else if (previous !== json) changes.changed.push(id);
  }
  for (const id of old.keys()) {
    if (!now.has(id)) changes.removed.push(id);
  }
  changes.added.sort();
  changes.removed.sort();
  changes.changed.sort();
  return changes;
}

export function hasChanges(changes: ObjectChanges): boolean {
  return (
    changes.added.length + changes.removed.length + changes.changed.length > 0
  );
}

/** Past this many names per kind of change, a log line gives a count. */
const MAX_NAMED = 10;

function part(verb: string, ids: string[]): string | undefined {
  if (ids.length === 0) return undefined;
  const named = ids.slice(0, MAX_NAMED).join(', ');
  const more =
    ids.length > MAX_NAMED ? ` and ${ids.length - MAX_NAMED} more` : '';
  return `${verb} ${named}${more}`;
}

/** `added ...; removed ...; changed ...` for a log line; `no object changed`. */
export function describeChanges(changes: ObjectChanges): string {
  const parts = [
    part('added', changes.added),
    part('removed', changes.removed),
    part('changed', changes.changed),
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join('; ') : 'no object changed';
}

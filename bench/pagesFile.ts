/**
 * The list responses of a generated cluster, exactly as the demo cluster
 * (and so a real API server) sends them: same store normalization, same
 * item JSON, same `limit`/`continue` paging, for exactly the collections
 * the scanner lists (`LISTED_RESOURCES` and the enforcer ConfigMaps, read
 * from the backend's own table). One page of JSON per line, so a bench
 * process can stream them without ever holding the whole cluster as text.
 *
 * Beside `<file>`: `<file>.extra.json`, the objects the scan does not list
 * (for the demo cluster to serve them anyway), `<file>.entities.json`, the
 * catalog entities, and `<file>.meta.json`, the counts and sizes.
 */
import fs from 'node:fs';
import { ObjectStore, encodeContinue, findResourceType, groupVersionOf, itemJson, paginate } from '@netpol/demo-cluster';
import { ENFORCER_CONFIGMAPS, LISTED_RESOURCES } from '@netpol/plugin-netpol-compliance-backend';
import type { GeneratedCluster } from './generateCluster';

export interface PagesMeta {
  cluster: string;
  seed: number;
  size: GeneratedCluster['size'];
  stats: GeneratedCluster['stats'];
  pageSize: number;
  pages: number;
  bytes: number;
  /** Per listed collection: items, pages and bytes on the wire. */
  lists: Array<{ path: string; kind: string; items: number; pages: number; bytes: number }>;
  entities: number;
}

/** Writes the page file and its companions; returns the meta. */
export function writePagesFile(cluster: GeneratedCluster, file: string, pageSize: number): PagesMeta {
  const store = new ObjectStore(cluster.name);
  store.replace(cluster.objects);
  const rv = Number(store.resourceVersion);
  const fd = fs.openSync(`${file}.tmp`, 'w');
  const lists: PagesMeta['lists'] = [];
  let pages = 0;
  let bytes = 0;
  const listed = new Set<string>();
  const keyOf = (group: string, kind: string, namespace: string, name: string) => `${group}|${kind}|${namespace}/${name}`;

  const writeList = (apiVersion: string, kind: string, path: string, entries: ReturnType<ObjectStore['list']>) => {
    const rt = findResourceType(apiVersion, kind);
    if (!rt) throw new Error(`the demo cluster does not serve ${apiVersion} ${kind}`);
    const stat = { path, kind, items: 0, pages: 0, bytes: 0 };
    let after: { namespace: string; name: string } | undefined;
    for (;;) {
      const page = paginate(entries, { limit: pageSize, after });
      const metadata: Record<string, unknown> = { resourceVersion: String(rv) };
      if (page.continueAfter) {
        metadata.continue = encodeContinue({ rv, namespace: page.continueAfter.namespace, name: page.continueAfter.name });
      }
      if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
      const head = `{"kind":${JSON.stringify(`${rt.kind}List`)},"apiVersion":${JSON.stringify(groupVersionOf(rt))},"metadata":${JSON.stringify(metadata)},"items":[`;
      const parts: string[] = [head];
      page.items.forEach((entry, i) => {
        listed.add(keyOf(entry.rt.group, entry.rt.kind, entry.namespace, entry.name));
        parts.push(i ? `,${itemJson(entry)}` : itemJson(entry));
      });
      parts.push(']}\n');
      const text = parts.join('');
      const n = fs.writeSync(fd, text);
      stat.items += page.items.length;
      stat.pages++;
      stat.bytes += n - 1;
      if (!page.continueAfter) break;
      after = { namespace: page.continueAfter.namespace, name: page.continueAfter.name };
    }
    lists.push(stat);
    pages += stat.pages;
    bytes += stat.bytes;
  };

  try {
    for (const r of LISTED_RESOURCES) {
      const rt = findResourceType(r.apiVersion, r.kind);
      // CRD-backed collections are listed only when the cluster serves them.
      if (!rt || !store.isServed(rt)) continue;
      writeList(r.apiVersion, r.kind, r.path, store.list(rt));
    }
    const cmType = findResourceType('v1', 'ConfigMap')!;
    for (const cm of ENFORCER_CONFIGMAPS) {
      const entries = store.list(cmType, cm.namespace).filter(e => e.name === cm.name);
      writeList('v1', 'ConfigMap', `/api/v1/namespaces/${cm.namespace}/configmaps?fieldSelector=metadata.name=${cm.name}`, entries);
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${file}.tmp`, file);

  // Whatever the scan does not list, for the demo cluster to serve too.
  const extra = cluster.objects.filter(o => {
    const rt = findResourceType(o.apiVersion, o.kind);
    const namespace = rt?.namespaced ? o.metadata.namespace ?? 'default' : '';
    return !rt || !listed.has(keyOf(rt.group, rt.kind, namespace, o.metadata.name));
  });
  fs.writeFileSync(`${file}.extra.json`, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: extra }));
  fs.writeFileSync(`${file}.entities.json`, JSON.stringify(cluster.entities));
  const meta: PagesMeta = {
    cluster: cluster.name,
    seed: cluster.seed,
    size: cluster.size,
    stats: cluster.stats,
    pageSize,
    pages,
    bytes,
    lists,
    entities: cluster.entities.length,
  };
  fs.writeFileSync(`${file}.meta.json`, JSON.stringify(meta, null, 2));
  return meta;
}

export function readMeta(file: string): PagesMeta {
  return JSON.parse(fs.readFileSync(`${file}.meta.json`, 'utf8'));
}

/**
 * Calls `onPage` with each page's JSON text, in order, reading the file in
 * chunks: only one page (plus a chunk) is held as text at a time.
 */
export function forEachPage(file: string, onPage: (text: string, index: number) => void): void {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.allocUnsafe(8 * 1024 * 1024);
  let pending: Buffer[] = [];
  let index = 0;
  try {
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(10, start);
        if (nl === -1 || nl >= n) break;
        const piece = chunk.subarray(start, nl);
        const text = pending.length ? Buffer.concat([...pending, piece]).toString('utf8') : piece.toString('utf8');
        pending = [];
        onPage(text, index++);
        start = nl + 1;
      }
      if (start < n) pending.push(Buffer.from(chunk.subarray(start, n)));
    }
  } finally {
    fs.closeSync(fd);
  }
  if (pending.length) onPage(Buffer.concat(pending).toString('utf8'), index++);
}

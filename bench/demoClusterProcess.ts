/**
 * Child process: the demo cluster serving a generated cluster. The objects
 * are read back from the page file (faster than generating them again) plus
 * the objects the scan does not list, so it serves the whole cluster. Runs
 * until SIGTERM.
 */
import fs from 'node:fs';
import { startDemoCluster } from '@netpol/demo-cluster';
import { forEachPage, readMeta } from './pagesFile';

export async function main(args: { file: string; token: string }, ipc: { send(msg: object): Promise<void> }) {
  const meta = readMeta(args.file);
  const started = performance.now();
  const objects: Array<Record<string, any>> = [];
  forEachPage(args.file, text => {
    const page = JSON.parse(text);
    const kind = String(page.kind).replace(/List$/, '');
    for (const item of page.items) objects.push({ apiVersion: page.apiVersion, kind, ...item });
  });
  for (const item of JSON.parse(fs.readFileSync(`${args.file}.extra.json`, 'utf8')).items) objects.push(item);
  const cluster = await startDemoCluster({ name: meta.cluster, objects, port: 0, tokens: [args.token] });
  objects.length = 0;
  const loadMs = performance.now() - started;

  await new Promise<void>(resolve => {
    const stop = () => {
      cluster.stop().then(resolve, resolve);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    ipc.send({ type: 'ready', url: cluster.url, loadMs, counts: cluster.objectCounts() });
  });
  return { requests: cluster.requests };
}

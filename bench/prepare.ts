/**
 * Child process: generates a cluster and writes its list pages (see
 * pagesFile.ts). Kept apart from the measuring processes so that the
 * generator's own memory never shows in their peaks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateCluster, SizeName } from './generateCluster';
import { PagesMeta, writePagesFile } from './pagesFile';

export async function main(args: { size: SizeName; seed: number; file: string; pageSize: number }) {
  fs.mkdirSync(path.dirname(args.file), { recursive: true });
  let t = performance.now();
  const cluster = generateCluster({ size: args.size, seed: args.seed });
  const generateMs = performance.now() - t;
  t = performance.now();
  const meta: PagesMeta = writePagesFile(cluster, args.file, args.pageSize);
  const writeMs = performance.now() - t;
  return { meta, generateMs, writeMs };
}

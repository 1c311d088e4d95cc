#!/usr/bin/env node
/*
 * Writes a generated benchmark cluster as manifests, one file per namespace:
 *
 *   node bench/generate.js --size M --out /tmp/m [--seed 20250601] [--format yaml|json]
 *   node bench/generate.js --namespaces 20 --pods 300 --policies 40 --out /tmp/tiny
 *
 * Then serve it with the demo cluster or evaluate it with the CLI:
 *
 *   node packages/demo-cluster/bin/demo-cluster.js --dir /tmp/m --port 6443
 *   npx netpol-compliance scan /tmp/m
 *
 * `--entities <file>` also writes the matching catalog entities as YAML.
 */
'use strict';

const path = require('node:path');
const fs = require('node:fs');

require('@backstage/cli/config/nodeTransform.cjs');

const { generateCluster, writeManifests, SIZES, DEFAULT_SEED } = require('./generateCluster.ts');

function usage(message) {
  if (message) process.stderr.write(`${message}\n\n`);
  process.stderr.write(
    'usage: node bench/generate.js --size S|M|L --out <dir> [--seed <n>] [--format yaml|json] [--entities <file>]\n' +
      '       node bench/generate.js --namespaces <n> --pods <n> --policies <n> --out <dir> ...\n',
  );
  process.exit(message ? 2 : 0);
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') usage();
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!m) usage(`unexpected argument ${arg}`);
    const value = m[2] !== undefined ? m[2] : argv[++i];
    if (value === undefined) usage(`--${m[1]} needs a value`);
    opts[m[1]] = value;
  }
  return opts;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.out) usage('--out is required');
  let size;
  if (opts.size) {
    size = opts.size.toUpperCase();
    if (!SIZES[size]) usage(`unknown size ${opts.size}`);
  } else if (opts.namespaces && opts.pods && opts.policies) {
    size = { namespaces: Number(opts.namespaces), pods: Number(opts.pods), policies: Number(opts.policies) };
  } else {
    usage('give --size, or --namespaces, --pods and --policies');
  }
  const format = opts.format || 'yaml';
  if (format !== 'yaml' && format !== 'json') usage('--format is yaml or json');
  const seed = opts.seed !== undefined ? Number(opts.seed) : DEFAULT_SEED;
  const started = Date.now();
  const cluster = generateCluster({ size, seed, name: opts.name });
  const out = path.resolve(opts.out);
  const written = writeManifests(cluster, out, { format });
  if (opts.entities) {
    const YAML = require('yaml');
    fs.writeFileSync(opts.entities, cluster.entities.map(e => `---\n${YAML.stringify(e)}`).join(''));
  }
  const s = cluster.stats;
  process.stdout.write(
    `${cluster.name} (seed ${seed}): ${s.namespaces} namespaces, ${s.pods} pods, ${s.policies} NetworkPolicies, ` +
      `${cluster.objects.length} objects; ${written.files} files, ${(written.bytes / 1e6).toFixed(1)} MB in ${out} ` +
      `(${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  );
}

main();

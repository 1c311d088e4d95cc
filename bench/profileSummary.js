#!/usr/bin/env node
/*
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, or `npm run bench --
 * --profile`, which writes them to bench-output/profiles/):
 *
 *   node bench/profileSummary.js <file.cpuprofile> [--top 25] [--from ms --to ms]
 *
 * Prints self time by function (with its file and line), by package or
 * workspace folder, and total (inclusive) time of the heaviest functions.
 * `--from/--to` keep only samples in that window (ms from profile start).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function parseArgs(argv) {
  const opts = { top: 25 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--top') opts.top = Number(argv[++i]);
    else if (a === '--from') opts.from = Number(argv[++i]);
    else if (a === '--to') opts.to = Number(argv[++i]);
    else if (a === '--filter') opts.filter = argv[++i];
    else opts.file = a;
  }
  if (!opts.file) {
    console.error('usage: node bench/profileSummary.js <file.cpuprofile> [--top N] [--from ms] [--to ms]');
    process.exit(2);
  }
  return opts;
}

/** `node_modules/@scope/pkg`, `node_modules/pkg`, a workspace folder, or `(node)`. */
function packageOf(url) {
  if (!url) return '(native/vm)';
  const p = url.replace(/^file:\/\//, '');
  const nm = p.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = p.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (p.startsWith('node:') || !p.startsWith('/')) return '(node core)';
  const m = /\/(plugins|packages|bench|test)\/([^/]+)/.exec(p);
  if (m) return m[1] === 'bench' ? 'bench' : `${m[1]}/${m[2]}`;
  return path.dirname(p);
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const profile = JSON.parse(fs.readFileSync(opts.file, 'utf8'));
  const nodes = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // Sample weights: time deltas (µs) attributed to each sample's node.
  const self = new Map();
  let t = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    const ms = (t - profile.startTime) / 1000;
    if (opts.from !== undefined && ms < opts.from) return;
    if (opts.to !== undefined && ms > opts.to) return;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });

  const key = n => {
    const f = n.callFrame;
    const file = f.url ? f.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|plugins|packages|bench)\//, '$1/') : '';
    return `${f.functionName || '(anonymous)'} ${file}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  };
  const byFunction = new Map();
  const byPackage = new Map();
  const inclusive = new Map();
  for (const [id, us] of self) {
    const n = nodes.get(id);
    const k = key(n);
    byFunction.set(k, (byFunction.get(k) ?? 0) + us);
    const pkg = ['(garbage collector)', '(idle)', '(program)'].includes(n.callFrame.functionName) ? n.callFrame.functionName : packageOf(n.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    // Inclusive: once per distinct function on the stack.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(nodes.get(cur));
      if (seen.has(kk)) continue;
      seen.add(kk);
      inclusive.set(kk, (inclusive.get(kk) ?? 0) + us);
    }
  }
  const print = (title, map) => {
    console.log(`\n${title}`);
    const rows = [...map.entries()].filter(([k]) => !opts.filter || k.includes(opts.filter)).sort((a, b) => b[1] - a[1]).slice(0, opts.top);
    for (const [k, us] of rows) {
      console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
    }
  };
  console.log(`${opts.file}: ${(total / 1000).toFixed(0)} ms sampled`);
  print('self time by package', byPackage);
  print('self time by function', byFunction);
  print('total time (inclusive) by function', inclusive);
}

main();

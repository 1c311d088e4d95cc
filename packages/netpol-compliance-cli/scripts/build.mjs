// Builds the command line to one JavaScript file, dist/index.cjs.js, that
// runs with Node alone. The engine (@netpol/plugin-netpol-compliance-common)
// is bundled in: in this repository that package's entry point is TypeScript,
// so the built file must not require it. It stays a declared dependency
// because the sources import it; yaml and ipaddr.js are left to require().
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const BUNDLED = '@netpol/plugin-netpol-compliance-common';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(
  await import('node:fs').then(fs =>
    fs.promises.readFile(path.join(root, 'package.json'), 'utf8'),
  ),
);

await build({
  absWorkingDir: root,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.cjs.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: Object.keys(pkg.dependencies ?? {}).filter(name => name !== BUNDLED),
  sourcemap: true,
  logLevel: 'warning',
});

/**
 * The `netpol-compliance` command line. As a library: `main(argv, io?)` runs
 * one command and resolves to its exit code, and the manifest reader is
 * exported for other tools that read the same files the same way. Run
 * directly (`node dist/index.cjs.js scan dir/`), it is the command itself.
 */
import { runCli } from './runCli';

export { main, USAGE } from './main';
export { runCli } from './runCli';
export * from './readManifests';
export { nodeIo } from './io';
export type { CliIo } from './io';

if (require.main === module) {
  runCli(process.argv.slice(2));
}
